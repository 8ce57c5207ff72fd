// One subject's NONMEM dosing records → one Regimen (docs/data-format.md, "NONMEM / Monolix-style
// data"): `count` equal doses `interval` apart when that is what was given, else the list of
// administrations (changing amounts, uneven spacing). Two routes, or two doses at one time, are
// an error naming the subject and row (one model has one dose target).
import type { IssueCollector } from './issues.ts';
import type { NonmemKey, NonmemRecord } from './nonmem-records.ts';
import type { Regimen } from './types.ts';
import { regimenFromAdministrations, same } from './dosing-table.ts';

export interface SubjectRegimen {
  /** amount of each administration (0: no dose given) */
  amount: number;
  /** undefined when the subject received no dose */
  regimen?: Regimen;
  /** time of the first administration: the subject's time origin */
  start: number;
  /** every administration, its time from `start` (none when no dose was given) */
  given: { time: number; amount: number; duration?: number }[];
}

interface Administration { time: number; amount: number; route: Regimen['route']; duration?: number; row: number }

/** the simulator's limit on administrations (src/model/limits.ts); also keeps a huge ADDL from exhausting memory */
export const MAX_ADMINISTRATIONS = 10_000;


/**
 * Route of a dose record: RATE > 0 is an infusion; else a ROUTE cell; else by CMT — the depot
 * (CMT 1) when observations are in another compartment means oral, a compartment that is
 * observed means an IV bolus. Undefined without CMT on the dose and the observations (the route
 * is not stated: nlmixr2's warfarin gives an oral dose so, and an aggregate table's dose column
 * is read alike). Null (with an error) for a compartment that is neither.
 */
function routeOf(r: NonmemRecord, observed: ReadonlySet<number>, issues: IssueCollector, label: (k: NonmemKey) => string): Regimen['route'] | null {
  if (r.rate !== null && r.rate > 0) return 'infusion';
  if (r.route !== null) return r.route;
  if (r.cmt === null || observed.size === 0) return undefined;
  if (observed.has(r.cmt)) return 'iv';
  if (r.cmt === 1) return 'oral';
  issues.error({
    code: 'unknown-compartment', row: r.row, column: label('cmt'),
    message: `a dose to compartment ${r.cmt}: observations are in compartment ${[...observed].join(', ')}, and only those or the depot (CMT 1) can be dosed`,
  });
  return null;
}

/** Expands ADDL/II and checks that one Regimen describes the subject's doses; null after an error. */
export function subjectRegimen(
  id: string, doses: readonly NonmemRecord[], observed: ReadonlySet<number>, issues: IssueCollector, label: (k: NonmemKey) => string,
): SubjectRegimen | null {
  const given: Administration[] = [];
  let ok = true;
  const error = (r: NonmemRecord, key: NonmemKey, code: string, message: string) => {
    issues.error({ code, row: r.row, column: label(key), message });
    ok = false;
  };
  const sorted = [...doses].sort((a, b) => a.time - b.time || a.row - b.row);
  sorted.forEach((r, i) => {
    if (r.evid === 4 && i > 0) error(r, 'evid', 'reset-not-supported', `EVID 4 (reset and dose) after subject ${id}'s first dose: washout resets cannot be represented; split the periods into separate subjects`);
    if (r.ss !== null && r.ss !== 0 && !(r.ss === 1 && i === 0 && r.ii !== null && r.ii > 0)) {
      error(r, 'ss', 'steady-state', r.ss === 1 && i === 0
        ? 'a steady-state dose (SS 1) needs the interval that led to it: II > 0'
        : `only a subject's first dose can be at steady state (SS 1 with II); SS ${r.ss} here: give the doses that led to it (ADDL/II)`);
    }
    if (r.amt === null) return error(r, 'amt', 'missing-amount', 'a dose record (EVID 1 or 4) needs AMT');
    if (r.rate !== null && r.rate > 0) {
      if (r.amt === 0) return error(r, 'rate', 'bad-infusion', 'an infusion (RATE > 0) needs AMT > 0');
      if (!Number.isFinite(r.amt / r.rate)) return error(r, 'rate', 'bad-infusion', `RATE ${r.rate} gives an infinite infusion duration (AMT / RATE)`);
    }
    const addl = r.addl ?? 0;
    if (addl > 0 && !(r.ii !== null && r.ii > 0)) return error(r, 'addl', 'addl-without-ii', `ADDL ${addl} needs an interval II > 0`);
    if (given.length + addl + 1 > MAX_ADMINISTRATIONS) return error(r, 'addl', 'too-many-doses', `subject ${id} would receive more than ${MAX_ADMINISTRATIONS} doses`);
    if (r.amt === 0) return; // a placebo record: nothing is given
    const route = routeOf(r, observed, issues, label);
    if (route === null) return void (ok = false);
    if (route === 'infusion' && !(r.rate !== null && r.rate > 0)) return error(r, 'rate', 'bad-infusion', 'an infusion (ROUTE infusion) needs RATE > 0: its duration is AMT / RATE');
    for (let k = 0; k <= addl; k++) {
      given.push({ time: r.time + k * (r.ii ?? 0), amount: r.amt, route, ...(route === 'infusion' ? { duration: r.amt / r.rate! } : {}), row: r.row });
    }
  });
  if (!ok) return null;
  if (given.length === 0) return { amount: 0, start: 0, given: [] };
  given.sort((a, b) => a.time - b.time || a.row - b.row);
  const first = given[0]!;
  for (let k = 1; k < given.length; k++) {
    const a = given[k]!;
    const why =
      a.route !== first.route ? `route ${a.route} differs from the first dose's ${first.route} (row ${first.row}); one model has one dose target`
      : same(a.time, given[k - 1]!.time) ? `a second dose at time ${a.time} (row ${given[k - 1]!.row}); give the total amount in one record`
      : null;
    if (why !== null) {
      issues.error({ code: 'irregular-regimen', row: a.row, column: label('time'), message: `subject ${id}: ${why}` });
      return null;
    }
  }
  // even spacing of equal doses reads as interval × doses; anything else keeps its administrations
  const relative = given.map((a) => ({ time: a.time - first.time, amount: a.amount, ...(a.duration !== undefined ? { duration: a.duration } : {}) }));
  const regimen = regimenFromAdministrations(first.route, relative);
  const steady = sorted[0]!.ss === 1 ? sorted[0]! : null;
  if (steady) {
    // the first dose at steady state: the same dose every II before it (infer/regimen.ts simulates them)
    const ii = steady.ii!;
    if (regimen.administrations?.length || (regimen.interval !== undefined && !same(regimen.interval, ii))) {
      issues.error({ code: 'steady-state', row: steady.row, column: label('ss'), message: `subject ${id}: a steady-state first dose (SS 1, II ${ii}) must be followed by equal doses every II, or by none` });
      return null;
    }
    return { amount: first.amount, regimen: { ...regimen, interval: ii, steadyState: true }, start: first.time, given: relative };
  }
  return { amount: first.amount, regimen, start: first.time, given: relative };
}
