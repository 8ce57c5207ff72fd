// NONMEM / Monolix-style tables, cell by cell: which column is which, and every row as a typed
// record. Every bad cell is an error naming its row and column; "." (and an empty cell) is missing.
import { splitUnitSuffix } from './columns.ts';
import type { RawTable } from './csv.ts';
import type { IssueCollector } from './issues.ts';
import { parseNumberCell, showCell } from './numbers.ts';

export type NonmemKey =
  | 'id' | 'time' | 'dv' | 'amt' | 'evid' | 'mdv' | 'cmt' | 'rate' | 'ii' | 'addl' | 'ss'
  | 'blq' | 'lloq' | 'obsid' | 'dvid' | 'route' | 'occ' | 'dur';

/** Accepted header names (case-insensitive, a trailing "(unit)" allowed). Documented in docs/data-format.md. */
export const NONMEM_ALIASES: Record<NonmemKey, readonly string[]> = {
  // Monolix names the observation Y, its type YTYPE and an infusion's length TINF; nlmixr2 DUR
  id: ['id'], time: ['time'], dv: ['dv', 'y'], amt: ['amt'], evid: ['evid'], mdv: ['mdv'], cmt: ['cmt'],
  rate: ['rate'], ii: ['ii'], addl: ['addl'], ss: ['ss'],
  blq: ['blq', 'bql', 'cens'], lloq: ['lloq', 'loq', 'llq'],
  obsid: ['obsid', 'analyte', 'observable'], dvid: ['dvid', 'ytype'], route: ['route'], occ: ['occ', 'occasion'],
  dur: ['dur', 'tinf'],
};

const BY_NAME = new Map<string, NonmemKey>();
for (const [key, names] of Object.entries(NONMEM_ALIASES) as [NonmemKey, readonly string[]][]) for (const n of names) BY_NAME.set(n, key);

export interface NonmemHeader { label: string; name: string; unit?: string; key: NonmemKey | null }

export function readNonmemHeader(raw: string): NonmemHeader {
  const label = raw.trim();
  const m = splitUnitSuffix(label);
  const base = m ? m.name : label;
  const unit = m?.unit;
  return { label, name: base.trim(), ...(unit !== undefined ? { unit } : {}), key: BY_NAME.get(base.trim().toLowerCase()) ?? null };
}

/** A NONMEM table names ID, TIME and DV and at least one dosing column (AMT, EVID or MDV); the individual format has none of those. */
export function isNonmemHeader(header: readonly string[]): boolean {
  const keys = new Set(header.map((h) => readNonmemHeader(h).key));
  return keys.has('id') && keys.has('time') && keys.has('dv') && (keys.has('amt') || keys.has('evid') || keys.has('mdv'));
}

export interface NonmemRecord {
  row: number;
  id: string;
  time: number;
  dv: number | null;
  amt: number | null;
  evid: number;
  mdv: number;
  cmt: number | null;
  rate: number | null;
  ii: number | null;
  addl: number | null;
  ss: number | null;
  blq: boolean;
  lloq: number | null;
  /** OBSID / ANALYTE text, or "y<DVID>"; null when the table has neither */
  observable: string | null;
  route: 'oral' | 'iv' | 'infusion' | null;
  /** OCC: the subject's occasion (a study period), null when the table has none */
  occasion: string | null;
  /** a classic RxODE infusion record (EVID 10101): AMT is the rate, + switches it on, − off */
  classicInfusion?: true;
}

export interface NonmemLayout {
  columns: Partial<Record<NonmemKey, number>>;
  labels: Partial<Record<NonmemKey, string>>;
  units: Partial<Record<NonmemKey, string>>;
  /** every other column: a candidate per-subject covariate */
  extra: { index: number; label: string; name: string; unit?: string }[];
}

export function readNonmemLayout(table: RawTable, issues: IssueCollector): NonmemLayout {
  const layout: NonmemLayout = { columns: {}, labels: {}, units: {}, extra: [] };
  table.header.forEach((raw, i) => {
    const h = readNonmemHeader(raw);
    if (h.key === null) {
      if (h.label !== '' || table.rows.some((r) => (r.cells[i] ?? '').trim() !== '')) layout.extra.push({ index: i, label: h.label || `(column ${i + 1})`, name: h.name || `column${i + 1}`, ...(h.unit !== undefined ? { unit: h.unit } : {}) });
      return;
    }
    const earlier = layout.labels[h.key];
    if (earlier !== undefined) {
      issues.error({ code: 'duplicate-column', row: table.headerRow, column: h.label, message: `columns ${showCell(earlier)} and ${showCell(h.label)} both mean ${h.key.toUpperCase()}; keep one` });
      return;
    }
    layout.columns[h.key] = i;
    layout.labels[h.key] = h.label;
    if (h.unit !== undefined) layout.units[h.key] = h.unit;
  });
  return layout;
}

const isMissing = (s: string): boolean => s.trim() === '' || s.trim() === '.';

/** Reads every row; rows with a bad cell are reported and left out. */
export function readNonmemRecords(table: RawTable, layout: NonmemLayout, issues: IssueCollector): NonmemRecord[] {
  const out: NonmemRecord[] = [];
  const censIsLimit = readNonmemHeader(layout.labels.blq ?? '').name.toLowerCase() === 'cens';
  for (const { row, cells } of table.rows) {
    let failed = false;
    const fail = (key: NonmemKey, message: string): null => {
      issues.error({ code: 'bad-value', row, column: layout.labels[key] ?? key.toUpperCase(), message });
      failed = true;
      return null;
    };
    const text = (key: NonmemKey): string | null => {
      const i = layout.columns[key];
      return i === undefined || isMissing(cells[i] ?? '') ? null : (cells[i] ?? '').trim();
    };
    const num = (key: NonmemKey, check?: (x: number) => string | null): number | null => {
      const s = text(key);
      if (s === null) return null;
      const c = parseNumberCell(s, table.decimalComma);
      if (c.kind !== 'number') return fail(key, c.kind === 'invalid' ? c.message : `expected a number, found ${showCell(s)}`);
      const problem = check?.(c.value) ?? null;
      return problem === null ? c.value : fail(key, problem);
    };
    const whole = (lo: number, what: string) => (x: number) => (Number.isInteger(x) && x >= lo ? null : `${what} must be a whole number ≥ ${lo}, found ${x}`);
    const oneOf = (allowed: number[], what: string) => (x: number) => (allowed.includes(x) ? null : `${what} must be one of ${allowed.join(', ')}, found ${x}`);

    const id = text('id');
    if (id === null) fail('id', 'ID is empty');
    const time = num('time');
    if (time === null && !failed) fail('time', 'TIME is empty');
    const dv = num('dv');
    const evidRead = num('evid', (x) => (x >= 100 ? classicEvid(x).problem ?? null : oneOf([0, 1, 2, 3, 4], 'EVID')(x)));
    // nlmixr2's and rxode2's own data sets write a bolus dose to compartment 1 as EVID 101, and an
    // infusion as two EVID 10101 records, AMT the rate switched on (+) and off (−) (pairClassicInfusions)
    const classic = evidRead !== null && evidRead >= 100 ? classicEvid(evidRead) : undefined;
    const amt = num('amt', (x) => (x >= 0 || classic?.infusion ? null : `AMT must be ≥ 0, found ${x}`));
    const evidCell = classic ? 1 : evidRead;
    const mdvCell = num('mdv', oneOf([0, 1], 'MDV'));
    const cmt = classic?.cmt ?? num('cmt', whole(1, 'CMT'));
    const rateCell = classic?.infusion ? null : num('rate', (x) => (x === -1 || x === -2 ? 'RATE -1 / -2 (rate or duration estimated by the model) is not supported: give the infusion rate' : x >= 0 ? null : `RATE must be ≥ 0, found ${x}`));
    // an infusion's length (DUR, TINF) gives its rate when RATE does not
    const dur = num('dur', (x) => (x >= 0 ? null : `an infusion's length (DUR, TINF) must be ≥ 0, found ${x}`));
    const rate = (rateCell === null || rateCell === 0) && dur !== null && dur > 0 && amt !== null && amt > 0 ? amt / dur : rateCell;
    const ii = num('ii', (x) => (x >= 0 ? null : `II (the dosing interval) must be ≥ 0, found ${x}`));
    const addl = num('addl', whole(0, 'ADDL'));
    const ss = classic?.ss ?? num('ss', oneOf([0, 1, 2, 3], 'SS'));
    const blqCell = num('blq', (x) => (x === -1 ? 'BLQ/CENS = -1 (above the upper limit) is not supported' : x === 0 || x === 1 ? null : `the BLQ flag must be 0 or 1, found ${x}`));
    const lloqCell = num('lloq', (x) => (x >= 0 ? null : `the LLOQ must be ≥ 0, found ${x}`));
    // nlmixr2's data sets name the observable in DVID ("cp", "pca"); NONMEM numbers it
    const dvidText = text('dvid');
    const dvidNamed = dvidText !== null && parseNumberCell(dvidText, table.decimalComma).kind !== 'number';
    const dvid = dvidNamed ? null : num('dvid', whole(0, 'DVID'));
    const routeText = text('route');
    let route: NonmemRecord['route'] = null;
    if (routeText !== null) {
      const r = routeText.toLowerCase();
      route = r === 'oral' || r === 'po' ? 'oral' : r === 'iv' || r === 'bolus' ? 'iv' : r === 'infusion' ? 'infusion' : fail('route', `ROUTE must be oral, iv or infusion, found ${showCell(routeText)}`);
    }
    if (failed) continue;
    // NONMEM's defaults: without EVID a record with AMT > 0 is a dose; without MDV a dose has no DV
    const evid = evidCell ?? ((amt ?? 0) > 0 ? 1 : 0);
    const mdv = mdvCell ?? (evid === 0 ? 0 : 1);
    const observable = text('obsid') ?? (dvidNamed ? dvidText : dvid !== null ? `y${dvid}` : null);
    // Monolix and nlmixr2 write a censored record's limit in DV (CENS 1, DV the LLOQ)
    const lloq = lloqCell ?? (blqCell === 1 && censIsLimit && dv !== null && dv > 0 ? dv : null);
    out.push({ row, id: id!, time: time!, dv, amt, evid, mdv, cmt, rate, ii, addl, ss, blq: blqCell === 1, lloq, observable, route, occasion: text('occ'), ...(classic?.infusion ? { classicInfusion: true as const } : {}) });
  }
  return out;
}

/**
 * A classic RxODE event id (rxode2's "classic events"): the compartment's hundreds above 100 000,
 * an infusion flag in the ten-thousands (1 or 2), the compartment below 100 in the hundreds and the
 * event in the last two digits (01 a dose, 10 and 20 a dose at steady state) — 101 is a bolus dose
 * to compartment 1, 10101 an infusion into it (AMT the rate, switched on and off by two records).
 * Modelled rates and durations, replacements and the like are not read: the problem says what to
 * write instead.
 */
export function classicEvid(evid: number): { cmt?: number; ss?: number; infusion?: boolean; problem?: string } {
  const code = evid % 100, flag = Math.floor(evid / 10000) % 10, cmt = Math.floor(evid / 100000) * 100 + (Math.floor(evid / 100) % 100);
  const ss = code === 1 ? 0 : code === 10 ? 1 : code === 20 ? 2 : undefined;
  if (!Number.isInteger(evid) || ss === undefined || cmt < 1) return { problem: `EVID ${evid} is not an event this reader knows (classic RxODE dose event ids end in 01, 10 or 20); give doses as EVID 1 with CMT` };
  if (flag > 2) return { problem: `EVID ${evid} is a classic RxODE event with a modelled rate or duration (flag ${flag}): give the dose as EVID 1 with AMT and RATE` };
  if (flag !== 0 && ss !== 0) return { problem: `EVID ${evid} is a classic RxODE infusion at steady state: give the doses that led to it (EVID 1 with AMT, RATE, ADDL and II)` };
  return { cmt, ss, ...(flag !== 0 ? { infusion: true } : {}) };
}

/**
 * Classic RxODE infusions (EVID 10101 pairs: AMT the rate, + on, − off at the same compartment) as
 * one dose record each: AMT = rate × how long it ran, RATE = the rate. A record switched on and never
 * off (or off without on) is an error naming its row. The others pass through; order is kept.
 */
export function pairClassicInfusions(records: readonly NonmemRecord[], issues: IssueCollector, label: (k: NonmemKey) => string): NonmemRecord[] {
  const out: NonmemRecord[] = [];
  const open = new Map<string, { record: NonmemRecord; at: number }>();
  for (const r of records) {
    if (!r.classicInfusion) { out.push(r); continue; }
    const key = JSON.stringify([r.id, r.cmt]);
    const rate = r.amt ?? 0;
    const on = open.get(key);
    if (rate > 0 && on === undefined) { open.set(key, { record: r, at: out.length }); out.push(r); continue; }
    if (rate < 0 && on !== undefined && Math.abs(-rate - (on.record.amt ?? 0)) <= 1e-9 * Math.abs(rate) && r.time > on.record.time) {
      const onRate = on.record.amt!;
      const { classicInfusion, ...dose } = on.record;
      void classicInfusion;
      out[on.at] = { ...dose, amt: onRate * (r.time - on.record.time), rate: onRate };
      open.delete(key);
      continue;
    }
    issues.error({ code: 'bad-infusion', row: r.row, column: label('amt'), message: rate > 0 ? `a classic RxODE infusion is switched on again (row ${on!.record.row} switched it on) before it was switched off: give each infusion as one record, EVID 1 with AMT and RATE` : `a classic RxODE infusion is switched off (AMT ${rate}) with none running at that rate since an earlier time: give each infusion as one record, EVID 1 with AMT and RATE` });
  }
  for (const { record } of open.values()) issues.error({ code: 'bad-infusion', row: record.row, column: label('amt'), message: `a classic RxODE infusion is switched on (AMT ${record.amt}, the rate) and never off: give it as one record, EVID 1 with AMT and RATE` });
  return out;
}
