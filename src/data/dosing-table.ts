// A separate dosing table for schedules the regimen columns cannot express (docs/data-format.md,
// "Dosing tables"): one row per administration — group, time, amount, route, duration — read
// into each group's Regimen. An evenly spaced schedule of equal doses from t = 0 becomes
// interval × doses (the same as the regimen columns); anything else is kept as its list of
// administrations. One route per group: a model has one dose target. A table with a subject
// column (each subject's own doses, as a study database exports them) is read as each group's
// cohort-mean regimen (cohort-regimen.ts).
import { readCsv } from './csv.ts';
import { IssueCollector } from './issues.ts';
import { parseNumberCell, showCell } from './numbers.ts';
import { parseRoute } from './regimen.ts';
import { cohortMeanAdministrations, MAX_LISTED_ADMINISTRATIONS } from './cohort-regimen.ts';
import type { Administration, Dataset, DataIssue, Regimen } from './types.ts';
import { MAX_ABS_TIME, MAX_DOSE } from './value-limits.ts';
import { unitsPerYear } from './time-units.ts';

/** the simulator's limit on administrations (src/model/limits.ts) */
export const MAX_TABLE_ADMINISTRATIONS = 10_000;

type DosingColumn = 'subject' | 'group' | 'time' | 'amount' | 'route' | 'duration' | 'time_unit' | 'amount_unit';

/** Accepted header spellings (case-insensitive; spaces, dashes, dots as underscores; a "(unit)" suffix is read off). */
export const DOSING_COLUMN_ALIASES: Record<DosingColumn, readonly string[]> = {
  subject: ['id', 'subject', 'subject_id', 'patient', 'patient_id'],
  group: ['group', 'arm', 'cohort'],
  time: ['time', 't', 'dose_time', 'time_of_dose'],
  amount: ['amount', 'amt', 'dose', 'dose_amount'],
  route: ['route', 'administration', 'admin_route'],
  duration: ['duration', 'infusion_duration', 'tinf', 'infusion_time'],
  time_unit: ['time_unit', 'time_units', 'timeunit'],
  amount_unit: ['amount_unit', 'amount_units', 'amt_unit', 'dose_unit', 'dose_units'],
};

/** the key of a subject's dose times in DosingTable.subjects (group '' when the table has no group column) */
export const subjectKey = (group: string, id: string): string => JSON.stringify([group, id]);

/** Each group's schedule from a dosing table; `allGroups` when the table has no group column. */
export interface DosingTable {
  byGroup: Map<string, { regimen: Regimen; amount: number; row: number }>;
  allGroups: boolean;
  /** some subject (or, without a subject column, some group) is given more than one administration */
  repeats: boolean;
  /** the unit of its times and durations, from the time header ("time (min)") or a time_unit column */
  timeUnit?: string;
  /** the unit of its amounts, from the amount header ("amount (mg)") or an amount_unit column */
  amountUnit?: string;
  /** with a subject column: each subject's dose times, sorted, by subjectKey(group, id) (group '' without a group column), for binning individual rows (subject-doses.ts) */
  subjects?: Map<string, number[]>;
}

export type DosingTableResult = { ok: true; table: DosingTable; warnings: DataIssue[] } | { ok: false; issues: DataIssue[]; warnings: DataIssue[] };

const ALL = '\u0000all';

/** the "(unit)" at the end of a header, if any */
const unitOf = (header: string): string | undefined => /[([]\s*([^()[\]]*?)\s*[)\]]$/.exec(header.trim())?.[1] || undefined;

function columnOf(header: string): DosingColumn | null {
  const name = header.trim().replace(/\s*[([][^()[\]]*[)\]]$/, '').toLowerCase().replace(/[\s.-]+/g, '_');
  for (const [key, names] of Object.entries(DOSING_COLUMN_ALIASES) as [DosingColumn, readonly string[]][]) if (names.includes(name)) return key;
  return null;
}

/** equal up to rounding (dose times and amounts read from text) */
export const same = (a: number, b: number): boolean => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

/** The compact form of a list of administrations: interval × doses when that says the same. */
export function regimenFromAdministrations(route: Regimen['route'], given: readonly Administration[]): Regimen {
  const first = given[0]!;
  const duration = first.duration;
  const interval = given.length > 1 ? given[1]!.time - first.time : undefined;
  // repeated infusions longer than their interval (subjects' infusions pooled) stay a list: one repeated entry may not overlap itself
  const regular = first.time === 0 && (interval === undefined || duration === undefined || interval >= duration) && given.every((a, k) => same(a.amount, first.amount) && same(a.duration ?? 0, duration ?? 0) && (k === 0 || (interval! > 0 && same(a.time, k * interval!))));
  const base: Regimen = { ...(route ? { route } : {}), ...(duration !== undefined ? { duration } : {}) };
  if (regular) return { ...base, ...(given.length > 1 ? { interval: interval!, count: given.length } : {}) };
  return { ...base, administrations: given.map((a) => ({ time: a.time, amount: a.amount, ...(a.duration !== undefined && !same(a.duration, duration ?? NaN) ? { duration: a.duration } : {}) })) };
}

/** Reads a dosing table; never throws. */
export function parseDosingTable(text: string): DosingTableResult {
  const read = readCsv(text);
  if (!read.ok) return { ok: false, issues: read.issues, warnings: [] };
  const { header, rows, decimalComma } = read.table;
  const issues = new IssueCollector();
  const at: Partial<Record<DosingColumn, number>> = {};
  header.forEach((h, i) => {
    const key = columnOf(h);
    if (key === null) issues.warn({ code: 'unknown-column', row: read.table.headerRow, column: h, message: `column ${showCell(h)} is not a dosing-table column (subject, group, time, amount, route, duration, time_unit, amount_unit) and is ignored` });
    else if (at[key] !== undefined) issues.error({ code: 'duplicate-column', row: read.table.headerRow, column: h, message: `two columns give the ${key}` });
    else at[key] = i;
  });
  for (const need of ['time', 'amount'] as const) {
    if (at[need] === undefined) issues.error({ code: 'missing-column', row: read.table.headerRow, message: `a dosing table needs a ${need} column (one row per administration: group, time, amount, route, duration)` });
  }
  if (issues.hasErrors) return { ok: false, issues: issues.errorList(), warnings: issues.warningList() };
  const label = (k: DosingColumn) => header[at[k]!]!.trim();
  const headerUnit = unitOf(label('time'));
  let timeUnit: { unit: string; row: number } | undefined = headerUnit !== undefined ? { unit: headerUnit, row: read.table.headerRow } : undefined;
  const headerAmountUnit = unitOf(label('amount'));
  let amountUnit: { unit: string; row: number } | undefined = headerAmountUnit !== undefined ? { unit: headerAmountUnit, row: read.table.headerRow } : undefined;
  const records = new Map<string, { route: Regimen['route']; routeRow: number; given: (Administration & { row: number; subject: string })[] }>();
  for (const { row, cells } of rows) {
    const cell = (k: DosingColumn) => (at[k] === undefined ? '' : (cells[at[k]!] ?? '').trim());
    const number = (k: DosingColumn, ok: (v: number) => boolean, what: string): number | null => {
      const c = parseNumberCell(cell(k), decimalComma);
      if (c.kind === 'empty') return null;
      if (c.kind === 'invalid') { issues.error({ code: 'bad-number', row, column: label(k), message: c.message }); return NaN; }
      if (!ok(c.value)) { issues.error({ code: `bad-${k}`, row, column: label(k), message: `${what}, found ${c.value}` }); return NaN; }
      return c.value;
    };
    // a unit column holds one unit for the whole table: the first row that states it sets it
    const oneUnit = (k: 'time_unit' | 'amount_unit', seen: { unit: string; row: number } | undefined, what: string, fix: string) => {
      const unit = cell(k);
      if (unit === '') return seen;
      if (seen === undefined) return { unit, row };
      if (unit !== seen.unit) issues.error({ code: k === 'time_unit' ? 'mixed-time-units' : 'mixed-amount-units', row, column: label(k), message: `${what} unit "${unit}" differs from "${seen.unit}" at row ${seen.row}: ${fix}` });
      return seen;
    };
    timeUnit = oneUnit('time_unit', timeUnit, 'time', 'give all dose times in one unit');
    amountUnit = oneUnit('amount_unit', amountUnit, 'amount', 'give all amounts in one unit');
    const group = at.group === undefined ? ALL : cell('group');
    if (group === '') { issues.error({ code: 'missing-group', row, column: label('group'), message: 'every administration needs its group' }); continue; }
    const subject = at.subject === undefined ? '' : cell('subject');
    if (at.subject !== undefined && subject === '') { issues.error({ code: 'missing-subject', row, column: label('subject'), message: 'every administration needs its subject (the table has a subject column)' }); continue; }
    const time = number('time', (v) => v >= 0 && v <= MAX_ABS_TIME, `the dose time must be between 0 and ${MAX_ABS_TIME.toExponential(0)}`);
    if (time === null) issues.error({ code: 'missing-time', row, column: label('time'), message: 'every administration needs its time' });
    const amount = number('amount', (v) => v > 0 && v <= MAX_DOSE, `the amount must be > 0 and at most ${MAX_DOSE.toExponential(0)}`);
    if (amount === null) issues.error({ code: 'missing-amount', row, column: label('amount'), message: 'every administration needs its amount' });
    let route: Regimen['route'];
    if (cell('route') !== '') {
      const r = parseRoute(cell('route'));
      if (!r) { issues.error({ code: 'bad-route', row, column: label('route'), message: `route ${showCell(cell('route'))} is not one of oral, iv (bolus), infusion` }); continue; }
      route = r;
    }
    const stated = number('duration', (v) => v >= 0 && v <= MAX_ABS_TIME, 'an infusion duration must be > 0');
    if (stated === 0 && route === 'infusion') { issues.error({ code: 'bad-duration', row, column: label('duration'), message: 'an infusion duration must be > 0, found 0' }); continue; }
    // duration 0 is a bolus (the NONMEM and nlmixr convention), as is no duration
    const duration = stated === 0 ? null : stated;
    if (duration !== null && !Number.isNaN(duration)) {
      if (route !== undefined && route !== 'infusion') { issues.error({ code: 'bad-duration', row, column: label('duration'), message: `a duration is given for a ${route} dose; only an infusion has one` }); continue; }
      route = 'infusion';
    } else if (route === 'infusion' && duration === null) {
      issues.error({ code: 'bad-duration', row, column: at.duration === undefined ? label('route') : label('duration'), message: 'an infusion needs its duration' });
      continue;
    }
    if (time === null || amount === null || Number.isNaN(time) || Number.isNaN(amount) || Number.isNaN(duration ?? 0)) continue;
    const g = records.get(group) ?? { route, routeRow: row, given: [] };
    if (g.given.length > 0 && g.route !== route) {
      issues.error({ code: 'mixed-routes', row, column: label('route'), message: `${group === ALL ? 'the study' : `group "${group}"`} is dosed ${route ?? 'by an unstated route'} here and ${g.route ?? 'by an unstated route'} at row ${g.routeRow}: one model has one dose target, so give each route its own group` });
      continue;
    }
    if (g.given.length >= MAX_TABLE_ADMINISTRATIONS) { issues.error({ code: 'too-many-doses', row, message: `more than ${MAX_TABLE_ADMINISTRATIONS} administrations in one group` }); break; }
    g.given.push({ time, amount, ...(duration !== null ? { duration } : {}), row, subject });
    records.set(group, g);
  }
  const whose = (group: string, subject: string) => `${group === ALL ? '' : `group "${group}"`}${group !== ALL && subject !== '' ? ', ' : ''}${subject === '' ? '' : `subject "${subject}"`}`;
  // some subject (or, without a subject column, some group) given more than one administration
  let repeats = false;
  for (const [group, g] of records) {
    g.given.sort((a, b) => a.subject.localeCompare(b.subject) || a.time - b.time || a.row - b.row);
    for (let k = 1; k < g.given.length; k++) {
      const a = g.given[k - 1]!, b = g.given[k]!;
      if (a.subject !== b.subject) continue;
      repeats = true;
      const who = whose(group, b.subject);
      if (a.time === b.time) issues.error({ code: 'duplicate-dose', row: b.row, column: label('time'), message: `${who === '' ? 'a' : `${who} has a`} second administration at time ${b.time} (row ${a.row}): add the amounts into one row` });
      else if (a.duration !== undefined && a.time + a.duration > b.time) issues.error({ code: 'overlapping-infusions', row: b.row, column: label('time'), message: `this infusion starts at ${b.time}, before the one from row ${a.row} ends (${a.time + a.duration})` });
    }
  }
  if (records.size === 0 && !issues.hasErrors) issues.error({ code: 'no-data', row: read.table.headerRow + 1, message: 'the dosing table has no administrations' });
  if (issues.hasErrors) return { ok: false, issues: issues.errorList(), warnings: issues.warningList() };
  const byGroup = new Map<string, { regimen: Regimen; amount: number; row: number }>();
  const subjects = at.subject === undefined ? undefined : new Map<string, number[]>();
  for (const [group, g] of records) {
    g.given.sort((a, b) => a.time - b.time || a.row - b.row);
    for (const a of subjects ? g.given : []) {
      const key = subjectKey(group === ALL ? '' : group, a.subject);
      subjects!.set(key, [...subjects!.get(key) ?? [], a.time]);
    }
    const row = g.given[0]!.row;
    const where = group === ALL ? 'the study' : `group "${group}"`;
    let given: Administration[] = g.given;
    if (at.subject !== undefined) {
      const mean = cohortMeanAdministrations(g.given);
      given = mean.given;
      issues.warn({ code: 'cohort-mean-regimen', row, column: label('subject'), message: `${where}: ${mean.note}` });
    }
    const regimen = regimenFromAdministrations(g.route, given);
    if ((regimen.administrations?.length ?? 0) > MAX_LISTED_ADMINISTRATIONS) {
      issues.error({ code: 'too-many-doses', row, message: `${where} has ${given.length} administrations that are not one evenly spaced schedule of equal doses; a model takes at most ${MAX_LISTED_ADMINISTRATIONS} listed doses` });
      continue;
    }
    byGroup.set(group, { regimen, amount: given[0]!.amount, row });
  }
  if (issues.hasErrors) return { ok: false, issues: issues.errorList(), warnings: issues.warningList() };
  return { ok: true, table: { byGroup, allGroups: at.group === undefined, repeats, ...(timeUnit ? { timeUnit: timeUnit.unit } : {}), ...(amountUnit ? { amountUnit: amountUnit.unit } : {}), ...(subjects ? { subjects } : {}) }, warnings: issues.warningList() };
}

/**
 * The dataset with each group's schedule from the dosing table. A group's `dose` becomes its first
 * administration's amount (a stated dose that differs is an error); a group the table does not
 * name keeps what the data say, and rows for a group the data lack are not used (warnings).
 */
export function applyDosingTable(data: Dataset, table: DosingTable): { ok: true; dataset: Dataset; warnings: DataIssue[] } | { ok: false; issues: DataIssue[]; warnings: DataIssue[] } {
  const issues = new IssueCollector();
  const names = new Set(data.groups.map((g) => g.name));
  if (!table.allGroups) for (const [name, e] of table.byGroup) {
    if (!names.has(name)) issues.warn({ code: 'unknown-group', row: e.row, column: 'group', message: `the dosing table names group "${name}", which the data do not have (groups: ${[...names].map((n) => `"${n}"`).join(', ')}); its rows are not used` });
  }
  const scale = timeScale(table.timeUnit, data.timeUnit);
  if (!scale.ok) return { ok: false, issues: [{ code: 'time-unit-mismatch', column: 'time', message: scale.message }], warnings: issues.warningList() };
  if (scale.factor !== 1) issues.warn({ code: 'time-unit-converted', column: 'time', message: `the dosing table's times are in ${table.timeUnit} and the data's in ${data.timeUnit}: dose times and durations are converted (× ${Number(scale.factor.toPrecision(6))})` });
  const groups = data.groups.map((g) => {
    const found = table.allGroups ? table.byGroup.get(ALL) : table.byGroup.get(g.name);
    const e = found && scale.factor !== 1 ? { ...found, regimen: scaledRegimen(found.regimen, scale.factor) } : found;
    if (!e) { issues.warn({ code: 'no-dosing-records', message: `the dosing table has no administrations for group "${g.name}": its dosing comes from the data table` }); return g; }
    const stated = g.covariates.dose;
    if (stated !== undefined && !same(stated, e.amount)) {
      issues.error({ code: 'dose-mismatch', row: e.row, column: 'amount', message: `group "${g.name}": the data table's dose is ${stated} but its first administration in the dosing table is ${e.amount}` });
    }
    if (g.regimen) issues.warn({ code: 'regimen-replaced', message: `group "${g.name}": the dosing table replaces the regimen given in the data table's columns` });
    return { ...g, covariates: { ...g.covariates, dose: e.amount }, regimen: e.regimen };
  });
  if (data.doseUnit !== undefined && table.amountUnit !== undefined && data.doseUnit !== table.amountUnit) {
    issues.error({ code: 'dose-unit-mismatch', column: 'amount', message: `the data table's doses are in ${data.doseUnit} and the dosing table's amounts in ${table.amountUnit}: give both in one unit` });
  }
  if (issues.hasErrors) return { ok: false, issues: issues.errorList(), warnings: issues.warningList() };
  const doseUnit = data.doseUnit ?? table.amountUnit;
  return { ok: true, dataset: { ...data, ...(doseUnit !== undefined ? { doseUnit } : {}), groups }, warnings: issues.warningList() };
}

/** the factor from the dosing table's time unit to the data's: 1 when either is unstated or they are the same */
export function timeScale(tableUnit: string | undefined, dataUnit: string | undefined): { ok: true; factor: number } | { ok: false; message: string } {
  if (tableUnit === undefined || dataUnit === undefined || tableUnit.trim().toLowerCase() === dataUnit.trim().toLowerCase()) return { ok: true, factor: 1 };
  const from = unitsPerYear(tableUnit), to = unitsPerYear(dataUnit);
  if (from === undefined || to === undefined) return { ok: false, message: `the dosing table's time unit "${tableUnit}" is not the data's "${dataUnit}", and one of them is not a unit that can be converted (s, min, h, d, wk, mo, y): give the dose times in ${dataUnit}` };
  return { ok: true, factor: to / from };
}

/** a regimen with its times, durations and interval multiplied by `f` */
function scaledRegimen(r: Regimen, f: number): Regimen {
  return {
    ...r,
    ...(r.duration !== undefined ? { duration: r.duration * f } : {}),
    ...(r.interval !== undefined ? { interval: r.interval * f } : {}),
    ...(r.administrations ? { administrations: r.administrations.map((a) => ({ ...a, time: a.time * f, ...(a.duration !== undefined ? { duration: a.duration * f } : {}) })) } : {}),
  };
}
