// Individual rows binned at each subject's own doses (a dosing table with a subject column,
// docs/data-format.md "Dosing tables"). Visits are binned from the sample times alone (the data
// table is read before the dosing table); on repeated doses a visit of scattered times can then
// hold one subject's trough drawn just before an infusion and another's peak just after theirs —
// two states of the model averaged into one mean at one time. Once each subject's dose times are
// known, the rows are read again and such a visit is split by the dose each sample followed.
// NONMEM-style tables split their visits the same way (nonmem.ts, nonmem-own-schedules.ts).
import { median } from './binning.ts';
import { subjectKey, timeScale, type DosingTable } from './dosing-table.ts';
import type { ParseOptions, ParseResult } from './rows.ts';
import type { Dataset } from './types.ts';

/** each subject's dose times, sorted and in the data's time unit, by subjectKey(group, id) (group '' when the dosing table has no group column) */
export type SubjectDoses = ReadonlyMap<string, readonly number[]>;

/** a subject's dose times: under its group, else under no group; none when the table does not name the subject */
export function dosesOf(doses: SubjectDoses, group: string, id: string): readonly number[] {
  return doses.get(subjectKey(group, id)) ?? doses.get(subjectKey('', id)) ?? [];
}

/** the last dose strictly before t (a sample drawn at a dose time is drawn before it); −∞ before the first */
export function lastDoseBefore(t: number, doses: readonly number[]): number {
  let last = -Infinity;
  for (const d of doses) if (d < t) last = d; else break;
  return last;
}

/**
 * A visit's members in parts, each drawn after one dose: two samples follow the same dose when
 * their subjects' last doses lie closer together than either sample lies to its own (peaks at
 * 2.0 and 1.7 h after doses given 0.5 h apart are one visit; a trough 168 h after the last dose
 * and a peak 0.2 h after the next are not). Samples before any dose are one part. Parts come in
 * order of the dose they followed.
 */
export function partsByDose<M>(members: readonly M[], lastDose: (m: M) => number, timeOf: (m: M) => number = (m) => (m as { time: number }).time): M[][] {
  const sorted = members.map((m) => ({ m, last: lastDose(m), time: timeOf(m) })).sort((a, b) => a.last - b.last);
  const parts: M[][] = [];
  let prev: { m: M; last: number; time: number } | undefined;
  for (const x of sorted) {
    const same = prev !== undefined && (x.last === prev.last || x.last - prev.last <= Math.min(x.time - x.last, prev.time - prev.last));
    if (same) parts[parts.length - 1]!.push(x.m); else parts.push([x.m]);
    prev = x;
  }
  return parts;
}

/**
 * Visits split where their members followed different doses, each part at its samples' median
 * time. A split whose parts would share a time with each other or with another visit of the
 * series is not made (the visit stays as it was). Visits come in time order.
 */
export function splitVisitsAtDoses<M>(
  visits: readonly { time: number; members: M[] }[], lastDose: (m: M) => number,
  onSplit: (from: number, to: number[]) => void, timeOf: (m: M) => number = (m) => (m as { time: number }).time,
): { time: number; members: M[] }[] {
  const taken = new Set(visits.map((v) => v.time));
  const out: { time: number; members: M[] }[] = [];
  for (const v of visits) {
    const parts = partsByDose(v.members, lastDose, timeOf);
    if (parts.length === 1) { out.push(v); continue; }
    const times = parts.map((p) => median(p.map(timeOf).sort((a, b) => a - b)));
    const distinct = new Set(times).size === times.length && times.every((t) => t === v.time || !taken.has(t));
    if (!distinct) { out.push(v); continue; }
    parts.forEach((members, k) => out.push({ time: times[k]!, members }));
    for (const t of times) taken.add(t);
    onSplit(v.time, [...times].sort((a, b) => a - b));
  }
  return out.sort((a, b) => a.time - b.time);
}

/** each subject's dose times from a dosing table with a subject column, in the data's time unit; undefined without one or when the units cannot be converted */
export function subjectDosesOf(table: DosingTable, dataTimeUnit: string | undefined): SubjectDoses | undefined {
  if (table.subjects === undefined) return undefined;
  const scale = timeScale(table.timeUnit, dataTimeUnit);
  if (!scale.ok) return undefined;
  return new Map([...table.subjects].map(([key, times]) => [key, times.map((t) => t * scale.factor)]));
}

/**
 * The data read again with each subject's dose times when they are individual rows and the dosing
 * table gives subjects' doses; else the result as it was. `text` and `opts` are what gave `parsed`.
 */
export function rebinAtSubjectDoses(
  parsed: { ok: true; dataset: Dataset; warnings: ParseResult['warnings'] }, table: DosingTable,
  reparse: (opts: ParseOptions) => ParseResult, opts: ParseOptions = {},
): { ok: true; dataset: Dataset; warnings: ParseResult['warnings'] } {
  if (parsed.dataset.source?.format !== 'individual') return parsed;
  const subjectDoses = subjectDosesOf(table, parsed.dataset.timeUnit);
  if (subjectDoses === undefined) return parsed;
  const again = reparse({ ...opts, subjectDoses });
  return again.ok ? again : parsed;
}
