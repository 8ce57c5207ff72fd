// Individual rows → per-visit mean, sample SD (n − 1) and n, per group × observable × time.
// Done locally; the individual rows stay in the Dataset (`individuals`) for exact moments.
import { binTimes, noMoves, noteMove, type BinMoves } from './binning.ts';
import { jitteredVisits, oneEachSubject, orderedOverFragments, orderedVisits, scheduleVisits } from './schedule-visits.ts';
import { datasetFromRows } from './build-dataset.ts';
import { checkDosesPerGroup, checkUnitsPerObservable, rowOf } from './consistency.ts';
import { checkCovariatesPerGroup, PER_SUBJECT } from './covariates.ts';
import { oneDosePerGroup } from './subject-dose-levels.ts';
import { IssueCollector } from './issues.ts';
import { shortNumber } from './short-number.ts';
import type { BuildContext } from './build-dataset.ts';
import type { AggregateRow, IndividualRow, ParseOptions, ParseResult } from './rows.ts';
import { meanAndSd } from './mean-sd.ts';
export { meanAndSd };
import { pooledSample, tooManyRepeats, type Repeats } from './repeated-samples.ts';
import { dosesOf, lastDoseBefore, splitVisitsAtDoses } from './subject-doses.ts';
import { censoredVisit, standInLloqs, type VisitSample } from './censored.ts';
import { DataError, type Dataset } from './types.ts';

export function individualsToDataset(
  input: readonly IndividualRow[], opts: ParseOptions = {}, issues = new IssueCollector(),
  context: { timeUnit?: string; doseUnit?: string; labels?: Partial<Record<string, string>>; covariates?: BuildContext['covariates']; sourceRows?: number } = {},
): ParseResult {
  const label = (c: string): string => context.labels?.[c] ?? c;
  // subjects of a group at doses of their own: a group per dose level, or the group's mean dose
  // (a dosing table's groups are matched by name, so those are never split)
  const rows = oneDosePerGroup(input, issues, label('dose'), context.doseUnit, opts.subjectDoses !== undefined);
  const finite = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
  // per group × observable, every subject's samples
  const cells = new Map<string, { group: string; observable: string; unit?: string; samples: Sample[] }>();
  // a subject's first sample at each (group, observable, time), and the repeats of it
  const seen = new Map<string, Sample>();
  const repeats = new Map<Sample, Repeats>();
  rows.forEach((r, i) => {
    const at = rowOf(r, i);
    const bad: [string, string][] = [];
    if (typeof r.id !== 'string' || r.id.trim() === '') bad.push(['id', 'id is empty']);
    if (typeof r.group !== 'string' || r.group.trim() === '') bad.push(['group', 'group is empty']);
    if (typeof r.observable !== 'string' || r.observable.trim() === '') bad.push(['observable', 'observable is empty']);
    if (!finite(r.time)) bad.push(['time', `time must be a finite number, found ${String(r.time)}`]);
    if (!r.blq && !finite(r.value)) bad.push(['value', `value must be a finite number, found ${String(r.value)}`]);
    for (const [column, message] of bad) issues.error({ code: 'bad-value', row: at, column: label(column), message });
    if (bad.length > 0) return;
    const subjectKey = JSON.stringify([r.group, r.observable, r.id, r.time]);
    const value: VisitSample = r.blq ? { blq: true, lloq: r.lloq ?? null } : { blq: false, value: r.value };
    const earlier = seen.get(subjectKey);
    if (earlier !== undefined) {
      const rep = repeats.get(earlier) ?? { id: r.id, time: r.time, observable: r.observable, group: r.group, rows: [earlier.row], values: [earlier.sample] };
      rep.rows.push(at);
      rep.values.push(value);
      repeats.set(earlier, rep);
      return;
    }
    const key = JSON.stringify([r.group, r.observable]);
    let cell = cells.get(key);
    if (!cell) cells.set(key, (cell = { group: r.group, observable: r.observable, unit: r.unit, samples: [] }));
    const sample: Sample = { id: r.id, time: r.time, row: at, sample: value };
    seen.set(subjectKey, sample);
    cell.samples.push(sample);
  });
  const tooMany = tooManyRepeats(repeats.values(), rows.length);
  if (tooMany) {
    // so many that the rows are more likely several occasions or arms of one subject than repeated assays
    const { repeated, first } = tooMany;
    issues.error({
      code: 'duplicate-time', row: first.rows[1]!, column: label('time'),
      message: `${repeated} rows repeat a subject's time (the first: subject "${first.id}" at time ${first.time}, rows ${first.rows.join(', ')}): a subject's several occasions or arms need an occasion or group column, or ids of their own`,
    });
  } else for (const [sample, rep] of repeats) sample.sample = pooledSample(rep, issues, label('time'));
  if (rows.length === 0 && !issues.hasErrors) issues.error({ code: 'no-data', message: 'there are no data rows (only a header?)' });
  const doses = checkDosesPerGroup(rows, issues, label('dose'));
  checkUnitsPerObservable(rows, issues, label('unit'));
  const groupCovariates = meanCovariates(rows, checkCovariatesPerGroup(rows, issues, new Map((context.covariates ?? []).map((c) => [c.name, c.label])), PER_SUBJECT));
  if (issues.hasErrors) return { ok: false, issues: issues.errorList(), warnings: issues.warningList() };

  // order: groups and observables as first seen, times ascending
  const firstSeen = (xs: string[]) => [...new Set(xs)];
  const groupOrder = firstSeen(rows.map((r) => r.group));
  const observableOrder = firstSeen(rows.map((r) => r.observable));
  const moved = noMoves();
  const leftOut: LeftOut = { count: 0 };
  const splits: Splits = { count: 0 };
  // values below the LLOQ with none stated: the smallest quantified value bounds it from above
  const lloqOf = standInLloqs([...cells.values()].flatMap((c) => c.samples.map((m) => ({ observable: c.observable, sample: m.sample }))), (name, lloq) => {
    const first = rows.find((r) => r.observable === name && r.blq && r.lloq === undefined)!;
    issues.warn({
      code: 'blq-no-lloq', row: first.row, column: label('value'),
      message: lloq === null
        ? `values of ${name} below the LLOQ give no LLOQ and nothing was quantified: they are counted, with an unknown LLOQ`
        : `values of ${name} below the LLOQ give no LLOQ: the smallest quantified value, ${shortNumber(lloq)}, stands in for it (an upper bound)`,
    });
  });
  // the rows stay, at their visit's time (the quantified ones)
  const individuals: NonNullable<Dataset['individuals']> = [];
  const aggregated: AggregateRow[] = [...cells.values()]
    .sort((a, b) => groupOrder.indexOf(a.group) - groupOrder.indexOf(b.group) || observableOrder.indexOf(a.observable) - observableOrder.indexOf(b.observable))
    .flatMap((c) => {
      const dose = doses.get(c.group);
      const covariates = groupCovariates.get(c.group);
      const lastDose = opts.subjectDoses && ((m: Sample) => lastDoseBefore(m.time, dosesOf(opts.subjectDoses!, c.group, m.id)));
      return visitsOf(c.samples, moved, leftOut, cells.size > 1, lastDose, splits).map((v) => {
        for (const m of v.members) if (!m.sample.blq) individuals.push({ id: m.id, group: c.group, observable: c.observable, time: v.time, value: m.sample.value });
        const { mean, sd, n, nBlq, lloq } = censoredVisit(v.members.map((m) => m.sample), lloqOf.get(c.observable) ?? null);
        return {
          group: c.group, observable: c.observable, time: v.time, mean, sd, n, ...(nBlq !== undefined ? { nBlq, ...(lloq !== undefined ? { lloq } : {}) } : {}),
          ...(dose !== undefined ? { dose } : {}), ...(c.unit !== undefined ? { unit: c.unit } : {}), ...(covariates ? { covariates } : {}),
        };
      });
    });
  if (moved.count > 0) {
    const l = moved.largest;
    issues.warn({
      code: 'binned-times', row: l.row, column: label('time'),
      message: `subjects were sampled at scattered times: ${moved.count} of ${rows.length} observation times were moved to their visit's nominal time (samples within 10% of the time since time 0 are one visit at their median; where subjects came on visit days with windows, each visit is the day most of them were sampled on; where most subjects kept one order of samples at times of their own, each subject's k-th sample is visit k; where each subject was sampled densely, samples within 2% of one another are one visit at their median; no visit holds two samples of one subject); the largest move was ${shortNumber(l.shift)} (row ${l.row}: ${shortNumber(l.from)} → ${shortNumber(l.to)})`,
    });
  }
  if (splits.first) {
    const f = splits.first;
    issues.warn({
      code: 'split-at-doses', column: label('time'),
      message: `by each subject's own dose times, ${splits.count} visit${splits.count === 1 ? '' : 's'} held samples drawn after different doses (one subject's trough before a dose with another's sample after it): each is split by the dose its samples followed (the first: the visit at ${shortNumber(f.from)} → ${f.to.map(shortNumber).join(' and ')})`,
    });
  }
  if (leftOut.first) {
    const f = leftOut.first;
    issues.warn({
      code: 'unscheduled-samples', row: f.row, column: label('time'),
      message: `the subjects were sampled on the days of a schedule, each visit within a window around its day (samples within 30% of the visit's time; the visit days are those most subjects were sampled on): ${leftOut.count} of ${rows.length} samples fit no visit, or are a subject's second sample within one visit's window, and are left out (the first: row ${f.row}, subject "${f.id}" at ${shortNumber(f.time)})`,
    });
  }
  return datasetFromRows(aggregated, opts, issues, {
    timeUnit: context.timeUnit,
    ...(context.doseUnit !== undefined ? { doseUnit: context.doseUnit } : {}),
    ...(context.covariates ? { covariates: context.covariates } : {}),
    source: { format: 'individual', rows: context.sourceRows ?? rows.length, subjects: new Set(rows.map((r) => r.id)).size },
    individuals,
  });
}

interface Sample { id: string; time: number; row: number; sample: VisitSample }

/** samples no visit of the schedule takes: how many, and the first (for the `unscheduled-samples` warning) */
interface LeftOut { count: number; first?: Sample }

function noteLeftOut(left: LeftOut, s: Sample): void {
  left.count++;
  if (!left.first || s.row < left.first.row) left.first = s;
}

/**
 * One series' samples as visits. Subjects sampled at scattered actual times (0.27 h, 0.30 h, 0.35 h
 * for a nominal 0.25 h) are binned as NONMEM-style tables are (binning.ts, counting from time 0:
 * the dose times are not known here); the binning is kept only when no visit holds two samples of
 * one subject (and, where the bins cut a visit into fragments of a few subjects, one order of
 * samples most subjects kept is read visit by visit instead: orderedOverFragments), so a shared schedule (every subject at 1 and 2 h) or one subject's rich profile keeps
 * its exact times. Where it joins two samples of a subject, visit days with windows (day 7 drawn on
 * days 5–8) are read as the protocol's schedule (schedule-visits.ts); failing that, one order of
 * samples most subjects kept, each at times of its own (Theoph's 0.25-h sample at 0.25–0.37 h), as
 * visit by visit (orderedVisits); failing that, a dense
 * schedule each subject kept at slightly different times (2.52 and 2.55 min) is read by joining
 * times within 2% of one another, never two samples of one subject (jitteredVisits); if that joins
 * nothing, the times stay exact. With each subject's dose times (`lastDose`: the dose a sample
 * followed), a binned visit holding samples that followed different doses is split
 * (subject-doses.ts). Visits come in time order.
 */
function visitsOf(samples: readonly Sample[], moved: BinMoves, leftOut: LeftOut, align: boolean, lastDose?: (s: Sample) => number, splits: Splits = { count: 0 }): { time: number; members: Sample[] }[] {
  const exact = (): { time: number; members: Sample[] }[] => {
    const byTime = new Map<number, Sample[]>();
    for (const s of samples) {
      const at = byTime.get(s.time);
      if (at) at.push(s); else byTime.set(s.time, [s]);
    }
    return [...byTime].sort((a, b) => a[0] - b[0]).map(([time, members]) => ({ time, members }));
  };
  const distinct = new Set(samples.map((s) => s.time)).size;
  const bins = binTimes(samples.map((s) => s.time), []);
  if (bins.length >= distinct) return exact();
  // gap-chaining joined two samples of one subject: the visits a protocol's schedule gives, if any
  const joinsSubject = bins.some((b) => !oneEachSubject(b.members, samples));
  const schedule = joinsSubject ? scheduleVisits(samples) : null;
  const chosen = !joinsSubject ? orderedOverFragments(samples, bins, align) ?? bins : schedule ? schedule.visits : orderedVisits(samples, align) ?? jitteredVisits(samples, align);
  if (chosen.length >= distinct) return exact();
  for (const i of schedule?.left ?? []) noteLeftOut(leftOut, samples[i]!);
  const visits = chosen.map((b) => ({ time: b.nominal, members: b.members.map((i) => samples[i]!) }));
  const dosed = lastDose ? splitVisitsAtDoses(visits, lastDose, (from, to) => noteSplit(splits, from, to)) : visits;
  for (const v of dosed) for (const m of v.members) noteMove(moved, m.time, v.time, m.row);
  return dosed;
}

/** visits split at subjects' doses: how many, and the first (for the `split-at-doses` warning) */
interface Splits { count: number; first?: { from: number; to: number[] } }

function noteSplit(splits: Splits, from: number, to: number[]): void {
  splits.count++;
  splits.first ??= { from, to };
}

/** Each group's covariates: the mean over its subjects of each subject's value (subjects without one left out). */
function meanCovariates(rows: readonly IndividualRow[], perSubject: ReadonlyMap<string, Record<string, number>>): Map<string, Record<string, number>> {
  const sums = new Map<string, Map<string, { sum: number; n: number }>>();
  const counted = new Set<string>();
  for (const r of rows) {
    const key = PER_SUBJECT.key(r);
    if (counted.has(key)) continue;
    counted.add(key);
    let g = sums.get(r.group);
    if (!g) sums.set(r.group, (g = new Map()));
    for (const [name, v] of Object.entries(perSubject.get(key) ?? {})) {
      const s = g.get(name) ?? { sum: 0, n: 0 };
      g.set(name, { sum: s.sum + v, n: s.n + 1 });
    }
  }
  return new Map([...sums].filter(([, g]) => g.size > 0).map(([group, g]) => [group, Object.fromEntries([...g].map(([name, s]) => [name, s.sum / s.n]))]));
}

/** Aggregates individual rows into a Dataset; throws DataError listing every problem. */
export function aggregateIndividuals(rows: readonly IndividualRow[], opts: ParseOptions = {}): Dataset {
  const result = individualsToDataset(rows, opts);
  if (!result.ok) throw new DataError(result.issues);
  return result.dataset;
}
