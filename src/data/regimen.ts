// Dosing regimens in words and as dose times (docs/data-format.md, "Dosing regimens").
import type { Group, Regimen } from './types.ts';
import { shortNumber } from './short-number.ts';

const num = shortNumber;

/** "100 mg oral every 12 h × 6", "50 mg IV infusion over 1 h", "25 mg IV bolus". */
export function describeRegimen(g: Group, doseUnit = '', timeUnit = ''): string {
  const r = g.regimen;
  const dose = g.covariates.dose;
  const amount = dose !== undefined ? `${num(dose)}${doseUnit ? ` ${doseUnit}` : ''} ` : '';
  if (!r) return dose !== undefined ? `${amount}at t = 0 (route not stated)` : 'no dosing stated';
  const t = timeUnit ? ` ${timeUnit}` : '';
  if (r.administrations?.length) return describeAdministrations(r, doseUnit, t);
  const route = routeWord(r, t);
  const count = r.count ?? 1;
  const repeat = count > 1 && r.interval !== undefined ? ` every ${num(r.interval)}${t} × ${count}` : '';
  const steady = r.steadyState && r.interval !== undefined ? `, at steady state (given every ${num(r.interval)}${t} before)` : '';
  return `${amount}${route}${repeat}${steady}`.trim();
}

const routeWord = (r: Regimen, t: string) => (r.route === 'oral' ? 'oral' : r.route === 'iv' ? 'IV bolus' : r.route === 'infusion' ? `IV infusion${r.duration !== undefined ? ` over ${num(r.duration)}${t}` : ''}` : '(route not stated)');

/** "oral: 200 mg at 0 h, 100 mg at 8 h, 50 mg at 30 h" (the first 4, then how many more). */
function describeAdministrations(r: Regimen, doseUnit: string, t: string): string {
  const given = r.administrations!;
  const u = doseUnit ? ` ${doseUnit}` : '';
  const shown = given.slice(0, 4).map((a) => `${num(a.amount)}${u} at ${num(a.time)}${t}${a.duration !== undefined ? ` over ${num(a.duration)}${t}` : ''}`);
  return `${routeWord(r, t)}: ${shown.join(', ')}${given.length > 4 ? ` … (${given.length} doses, the last at ${num(given.at(-1)!.time)}${t})` : ''}`;
}

/** Administration times of a regimen (from t = 0). */
export function doseTimes(r: Regimen | undefined): number[] {
  if (!r) return [0];
  if (r.administrations?.length) return r.administrations.map((a) => a.time);
  const count = Math.max(1, Math.floor(r.count ?? 1));
  return Array.from({ length: count }, (_, i) => i * (r.interval ?? 0));
}

/** Spellings of a route in a table cell (case-insensitive), documented in docs/data-format.md. */
const ROUTES: Record<string, Regimen['route']> = {
  oral: 'oral', po: 'oral', 'p.o.': 'oral', 'per os': 'oral', enteral: 'oral', tablet: 'oral', capsule: 'oral',
  // absorbed first-order from a depot, as an oral dose: the oral structures describe them
  sc: 'oral', 's.c.': 'oral', subcutaneous: 'oral', subcut: 'oral', im: 'oral', 'i.m.': 'oral', intramuscular: 'oral',
  ip: 'oral', 'i.p.': 'oral', intraperitoneal: 'oral', intranasal: 'oral', inhaled: 'oral', sublingual: 'oral', rectal: 'oral',
  buccal: 'oral', intradermal: 'oral', gavage: 'oral', 'oral gavage': 'oral',
  // PKNCA's and WinNonlin's word for every route but intravascular
  extravascular: 'oral', ev: 'oral', 'e.v.': 'oral',
  iv: 'iv', 'i.v.': 'iv', bolus: 'iv', 'iv bolus': 'iv', 'i.v. bolus': 'iv', 'bolus iv': 'iv', 'iv push': 'iv', intravenous: 'iv', 'intravenous bolus': 'iv', intravascular: 'iv',
  infusion: 'infusion', inf: 'infusion', 'iv infusion': 'infusion', 'intravenous infusion': 'infusion', 'i.v. infusion': 'infusion', 'continuous infusion': 'infusion',
};

export function parseRoute(cell: string): Regimen['route'] | null {
  return ROUTES[cell.trim().toLowerCase().replace(/\s+/g, ' ')] ?? null;
}
