// NONMEM / Monolix-style individual data → Dataset (docs/data-format.md, "NONMEM / Monolix-style
// data"): dosing records become each subject's regimen, subjects with the same regimen form a
// group, observations are binned to nominal visit times and summarised locally (mean, SD, n,
// and the count below the LLOQ). The rows stay on this machine, in `Dataset.individuals`.
import { censoredVisit, standInLloqs, type VisitSample } from './censored.ts';
import { binTimes, noMoves, noteMove } from './binning.ts';
import { doseLevels } from './dose-levels.ts';
import { ownScheduleDataset, ownSchedules } from './nonmem-own-schedules.ts';
import { jitteredVisits, oneEachSubject, orderedOverFragments, orderedVisits, type ScheduledVisit } from './schedule-visits.ts';
import { lastDoseBefore, splitVisitsAtDoses } from './subject-doses.ts';
import { pooledSample, tooManyRepeats, type Repeats } from './repeated-samples.ts';
import { datasetFromRows } from './build-dataset.ts';
import { covariateName } from './covariates.ts';
import type { RawTable } from './csv.ts';
import { IssueCollector } from './issues.ts';
import { pairClassicInfusions, readNonmemLayout, readNonmemRecords, type NonmemKey, type NonmemLayout, type NonmemRecord } from './nonmem-records.ts';
import { subjectRegimen, type SubjectRegimen } from './nonmem-regimen.ts';
import { parseNumberCell, showCell } from './numbers.ts';
import { describeRegimen, doseTimes } from './regimen.ts';
import { DEFAULT_OBSERVABLE, type AggregateRow, type ParseOptions, type ParseResult } from './rows.ts';
import type { Dataset, Regimen } from './types.ts';
import { shortNumber } from './short-number.ts';

interface Observation { record: NonmemRecord; subject: string; observable: string; time: number; blq: boolean }

const fmt = shortNumber;

export function parseNonmemTable(table: RawTable, opts: ParseOptions = {}): ParseResult {
  const issues = new IssueCollector();
  const failed = (): ParseResult => ({ ok: false, issues: issues.errorList(), warnings: issues.warningList() });
  const layout = readNonmemLayout(table, issues);
  const label = (k: NonmemKey): string => layout.labels[k] ?? k.toUpperCase();
  if (table.rows.length === 0) issues.error({ code: 'no-data', row: table.headerRow + 1, message: 'the file has a header but no data rows' });
  if (issues.hasErrors) return failed();
  const records = pairClassicInfusions(readNonmemRecords(table, layout, issues), issues, label);
  if (issues.hasErrors) return failed();

  // subjects in order of first appearance; occasions that start the clock again are subjects of their own
  const subjects = new Map<string, NonmemRecord[]>();
  for (const r of records) {
    const list = subjects.get(r.id);
    if (list) list.push(r);
    else subjects.set(r.id, [r]);
  }
  const baseId = splitRestartedOccasions(subjects, issues, label('occ'));
  const observed = new Set(records.filter((r) => r.evid === 0 && r.cmt !== null).map((r) => r.cmt!));
  const obsNames = (r: NonmemRecord): string => r.observable ?? (observed.size > 1 && r.cmt !== null ? `y${r.cmt}` : DEFAULT_OBSERVABLE);

  const observations: Observation[] = [];
  const regimens = new Map<string, SubjectRegimen>();
  const skipped: NonmemRecord[] = [];
  for (const [id, rows] of subjects) {
    const doses = rows.filter((r) => r.evid === 1 || r.evid === 4);
    const firstDose = doses.reduce((m, r) => Math.min(m, r.time), Infinity);
    for (const r of rows) {
      if (r.evid === 3 && r.time > firstDose) {
        issues.error({ code: 'reset-not-supported', row: r.row, column: label('evid'), message: `EVID 3 (reset) after subject ${id}'s first dose: washout resets cannot be represented; split the periods into separate subjects` });
      }
      if (r.evid !== 0) continue; // EVID 2 (other events) carries nothing to fit
      if (r.blq) {
        if (r.mdv === 0 && r.dv !== null && r.lloq !== null && r.dv > r.lloq) {
          issues.error({ code: 'blq-above-lloq', row: r.row, column: label('dv'), message: `flagged below the LLOQ but DV ${r.dv} is above the LLOQ ${r.lloq}` });
        }
      } else if (r.mdv === 1) {
        skipped.push(r);
        continue;
      } else if (r.dv === null) {
        issues.error({ code: 'missing-value', row: r.row, column: label('dv'), message: 'an observation (EVID 0, MDV 0) needs a DV' });
        continue;
      }
      observations.push({ record: r, subject: id, observable: obsNames(r), time: r.time, blq: r.blq });
    }
    const reg = subjectRegimen(id, doses, observed, issues, label);
    if (reg) regimens.set(id, reg);
  }
  if (issues.hasErrors) return failed();
  poolRepeatedObservations(observations, records.length, issues, label('time'));
  if (issues.hasErrors) return failed();
  const guessed = records.find((r) => (r.evid === 1 || r.evid === 4) && (r.amt ?? 0) > 0 && !((r.rate ?? 0) > 0) && r.route === null && (r.cmt === null || observed.size === 0));
  if (guessed) {
    issues.warn({ code: 'route-unstated', row: guessed.row, column: label('cmt'), message: 'the doses have no compartment (CMT on doses and observations) or ROUTE, so their route is not stated: discovery reads it from the context\'s words (oral, IV) or the curve\'s shape; give CMT 1 for doses into the depot and CMT 2 on observations for oral dosing, CMT 2 on both for an IV bolus, or a ROUTE column' });
  }
  if (observations.length === 0) {
    issues.error({ code: 'no-data', message: 'there are no observation records (EVID 0 with MDV 0, or flagged BLQ)' });
    return failed();
  }
  if (skipped.length > 0) {
    issues.warn({ code: 'mdv-skipped', row: skipped[0]!.row, column: label('mdv'), message: `${skipped.length} observation record(s) with MDV = 1 and no BLQ flag were skipped (first at row ${skipped[0]!.row})` });
  }

  // the time origin of each subject is its first dose
  const shifted = [...regimens.entries()].filter(([, r]) => r.start !== 0);
  if (shifted.length > 0) {
    const [id, r] = shifted[0]!;
    issues.warn({ code: 'time-shifted', column: label('time'), message: `times of ${shifted.length} subject(s) were shifted so that the first dose is at time 0 (subject ${id}: first dose at ${r.start})` });
  }
  for (const o of observations) o.time -= regimens.get(o.subject)!.start;

  // groups: one per dose level of each distinct schedule, named in words
  const timeUnit = opts.timeUnit ?? layout.units.time;
  const groupOf = new Map<string, { name: string; amount: number; regimen?: Regimen; subjects: string[] }>();
  const subjectGroup = new Map<string, string>();
  const names = new Set<string>();
  const levels = doseLevels([...regimens].map(([id, r]) => ({ id, schedule: JSON.stringify(r.regimen ?? null), amount: r.amount })));
  const levelOf = new Map(levels.flatMap((l) => l.subjects.map((id) => [id, l.amount] as const)));
  for (const [id, r0] of regimens) {
    const r = { ...r0, amount: levelOf.get(id) ?? r0.amount };
    const key = JSON.stringify([r.amount, r.regimen ?? null]);
    let g = groupOf.get(key);
    if (!g) {
      let name = r.regimen ? describeRegimen({ name: '', covariates: { dose: r.amount }, regimen: r.regimen }, layout.units.amt ?? '', timeUnit ?? '') : 'no dose';
      for (let k = 2; names.has(name); k++) name = `${name} (${k})`;
      names.add(name);
      groupOf.set(key, (g = { name, amount: r.amount, ...(r.regimen ? { regimen: r.regimen } : {}), subjects: [] }));
    }
    g.subjects.push(id);
    subjectGroup.set(id, key);
  }
  // every subject on a schedule of its own: groups by dose level or route, each its cohort-mean regimen
  if (ownSchedules([...groupOf.values()].map((g) => g.subjects.length), regimens) && ![...regimens.values()].some((r) => r.regimen?.steadyState)) {
    const covariates = subjectCovariates(table, layout, subjects, issues, baseId);
    return ownScheduleDataset(regimens, observations.map((o) => ({ subject: o.subject, observable: o.observable, time: o.time, row: o.record.row, sample: sampleOf(o) })), issues, opts, {
      ...(timeUnit !== undefined ? { timeUnit } : {}), ...(layout.units.amt !== undefined ? { doseUnit: layout.units.amt } : {}), ...(layout.units.dv !== undefined ? { dvUnit: layout.units.dv } : {}),
      timeColumn: label('time'), dvColumn: label('dv'), idColumn: label('id'), sourceRows: table.rows.length, covariates,
    });
  }
  const pooled = levels.filter((l) => l.lowest !== l.highest);
  if (pooled.length > 0) {
    const l = pooled[0]!;
    issues.warn({
      code: 'dose-levels', column: label('amt'),
      message: `subjects given nearly the same amount on one schedule are one group at their mean amount (amounts within 5% of one another, a group spanning at most 10%; exact for the mean of linear kinetics): ${pooled.length} group${pooled.length === 1 ? '' : 's'} (the first: ${l.subjects.length} subjects given ${fmt(l.lowest)} to ${fmt(l.highest)}, dose ${fmt(l.amount)})`,
    });
  }

  // without an LLOQ column, the smallest quantified DV of the observable bounds the LLOQ from above
  const lloqOf = standInLloqs(observations.map((o) => ({ observable: o.observable, sample: sampleOf(o) })), (name, lloq) => {
    const first = observations.find((o) => o.observable === name && o.blq && o.record.lloq === null)!;
    issues.warn({
      code: 'blq-no-lloq', row: first.record.row, column: label('blq'),
      message: lloq === null
        ? `records of ${name} flagged below the LLOQ give no LLOQ and nothing was quantified: they are counted, with an unknown LLOQ`
        : `records of ${name} flagged below the LLOQ give no LLOQ: the smallest quantified DV, ${fmt(lloq)}, stands in for it (an upper bound)`,
    });
  });
  const rows: AggregateRow[] = [];
  const individuals: NonmemDatasetIndividual[] = [];
  const moved = noMoves();
  const dvUnit = layout.units.dv;
  for (const g of groupOf.values()) {
    const doses = g.regimen ? doseTimes(g.regimen) : [];
    const members = new Set(g.subjects);
    const observables = [...new Set(observations.filter((o) => members.has(o.subject)).map((o) => o.observable))];
    for (const observable of observables) {
      const obs = observations.filter((o) => members.has(o.subject) && o.observable === observable);
      for (const bin of visitsOf(obs, doses, groupOf.size > 1 || observables.length > 1)) {
        const inBin = bin.members.map((i) => obs[i]!);
        for (const o of inBin) noteMove(moved, o.time, bin.nominal, o.record.row, o.record.time, bin.nominal + (o.record.time - o.time));
        const { mean, sd, n, nBlq, lloq } = censoredVisit(inBin.map(sampleOf), lloqOf.get(observable) ?? null);
        rows.push({
          row: inBin[0]!.record.row, observable, group: g.name, time: bin.nominal, mean, sd, n, dose: g.amount,
          ...(dvUnit !== undefined ? { unit: dvUnit } : {}), ...(nBlq !== undefined ? { nBlq, ...(lloq !== undefined ? { lloq } : {}) } : {}),
        });
        for (const o of inBin) if (!o.blq) individuals.push({ id: o.subject, group: g.name, observable, time: bin.nominal, value: o.record.dv! });
      }
    }
  }
  if (issues.hasErrors) return failed();
  if (moved.count > 0) {
    const largest = moved.largest;
    issues.warn({
      code: 'binned-times', row: largest.row, column: label('time'),
      message: `${moved.count} of ${observations.length} observation times were moved to their visit's nominal time (the median of the visit); the largest move was ${fmt(largest.shift)} (row ${largest.row}: ${fmt(largest.from)} → ${fmt(largest.to)})`,
    });
  }
  const result = datasetFromRows(rows, opts, issues, {
    ...(timeUnit !== undefined ? { timeUnit } : {}),
    ...(layout.units.amt !== undefined ? { doseUnit: layout.units.amt } : {}),
    source: { format: 'individual', rows: table.rows.length, subjects: new Set([...subjects.keys()].map((k) => baseId.get(k) ?? k)).size },
    individuals,
  });
  if (!result.ok) return result;
  const covariates = subjectCovariates(table, layout, subjects, issues, baseId);
  const dataset: Dataset = {
    ...result.dataset,
    groups: result.dataset.groups.map((group) => {
      const g = [...groupOf.values()].find((x) => x.name === group.name)!;
      const extra: Record<string, number> = {};
      for (const [name, { values }] of covariates) {
        const vs = g.subjects.map((s) => values.get(s)).filter((v): v is number => v !== undefined);
        if (vs.length > 0) extra[name] = vs.reduce((a, b) => a + b, 0) / vs.length;
      }
      return { ...group, covariates: { ...group.covariates, ...extra }, ...(g.regimen ? { regimen: g.regimen } : {}) };
    }),
    ...(covariates.size > 0 ? { covariates: [...covariates].map(([name, c]) => (c.unit !== undefined ? { name, unit: c.unit } : { name })) } : {}),
  };
  return { ok: true, dataset, warnings: issues.warningList() };
}

type NonmemDatasetIndividual = NonNullable<Dataset['individuals']>[number];

/**
 * One group's observations of one observable as visits: binned at the group's doses (binning.ts),
 * or read in the order most subjects kept where the bins cut visits into fragments
 * (orderedOverFragments); where binning joins two samples of one subject — a dense schedule each subject kept at slightly
 * different times, nlmixr2's mavoglurant sampled at 0.2, 0.25 and 0.367 h with others' samples
 * between — read in the order most subjects kept (orderedVisits: Theoph's 0.25-h sample at 0.25–0.37 h),
 * else joined within 2% of one another, never two samples of one subject (jitteredVisits), as
 * for individual rows, and split where a visit would straddle a dose.
 */
function visitsOf(obs: readonly Observation[], doses: readonly number[], align: boolean): { nominal: number; members: number[] }[] {
  const samples = obs.map((o) => ({ id: o.subject, time: o.time }));
  const bins = binTimes(samples.map((o) => o.time), doses);
  const atDoses = (visits: readonly ScheduledVisit[]) => splitVisitsAtDoses(visits.map((v) => ({ time: v.nominal, members: v.members })), (i) => lastDoseBefore(samples[i]!.time, doses), () => {}, (i) => samples[i]!.time)
    .map((v) => ({ nominal: v.time, members: v.members }));
  // a visit's spread is judged against the time since the dose before it (day 7's 145 h is 1 h after a dose)
  const since = (t: number) => {
    const last = lastDoseBefore(t, doses);
    return Number.isFinite(last) ? t - last : Math.abs(t);
  };
  if (bins.every((b) => oneEachSubject(b.members, samples))) {
    const ordered = orderedOverFragments(samples, bins, align, since);
    return ordered ? atDoses(ordered) : bins;
  }
  return atDoses(orderedVisits(samples, align, since) ?? jitteredVisits(samples, align));
}

/**
 * A subject whose occasions (OCC) start the clock again — a crossover's periods, each from its own
 * dose at time 0 (nlmixr2's mavoglurant: 25 mg in one period, 50 mg in the next) — is read as one
 * subject per occasion ("829 (OCC 2)"), each with its own regimen; occasions on one running clock
 * (weekly doses numbered by occasion) stay one subject. Changes `subjects` in place; returns each
 * new subject's original id.
 */
function splitRestartedOccasions(subjects: Map<string, NonmemRecord[]>, issues: IssueCollector, occColumn: string): Map<string, string> {
  const baseId = new Map<string, string>();
  let first: { id: string; row: number } | undefined;
  let split = 0;
  for (const [id, rows] of [...subjects]) {
    let latest = -Infinity, restarts = false;
    for (let k = 0; k < rows.length; k++) {
      const r = rows[k]!;
      if (k > 0 && r.occasion !== rows[k - 1]!.occasion && r.time <= latest) restarts = true;
      latest = Math.max(latest, r.time);
    }
    if (!restarts) continue;
    const byOccasion = new Map<string, NonmemRecord[]>();
    for (const r of rows) {
      const key = `${id} (OCC ${r.occasion ?? ''})`;
      byOccasion.set(key, [...byOccasion.get(key) ?? [], { ...r, id: key }]);
    }
    subjects.delete(id);
    for (const [key, list] of byOccasion) { subjects.set(key, list); baseId.set(key, id); }
    split++;
    first ??= { id, row: rows.find((r, k) => k > 0 && r.occasion !== rows[k - 1]!.occasion)!.row };
  }
  if (first) {
    issues.warn({ code: 'occasions', row: first.row, column: occColumn, message: `the occasions of ${split} subject${split === 1 ? '' : 's'} start the clock again (the first: subject ${first.id}): each occasion is read as a subject of its own, with its own doses` });
  }
  return baseId;
}

const sampleOf = (o: Observation): VisitSample => (o.blq ? { blq: true, lloq: o.record.lloq } : { blq: false, value: o.record.dv! });

/**
 * One subject's several observations of one observable at one time (real warfarin's replicate
 * assays) become one (repeated-samples.ts), the first record carrying their mean; too many are a
 * `duplicate-time` error naming an occasion column. Changes `observations` in place.
 */
function poolRepeatedObservations(observations: Observation[], rows: number, issues: IssueCollector, timeColumn: string): void {
  const first = new Map<string, Observation>();
  const repeats = new Map<Observation, Repeats>();
  const dropped = new Set<Observation>();
  for (const o of observations) {
    const key = JSON.stringify([o.subject, o.observable, o.time]);
    const earlier = first.get(key);
    if (earlier === undefined) { first.set(key, o); continue; }
    const rep = repeats.get(earlier) ?? { id: o.subject, time: o.record.time, observable: o.observable, rows: [earlier.record.row], values: [sampleOf(earlier)] };
    rep.rows.push(o.record.row);
    rep.values.push(sampleOf(o));
    repeats.set(earlier, rep);
    dropped.add(o);
  }
  if (repeats.size === 0) return;
  const tooMany = tooManyRepeats(repeats.values(), rows);
  if (tooMany) {
    const { repeated, first: f } = tooMany;
    issues.error({ code: 'duplicate-time', row: f.rows[1]!, column: timeColumn, message: `${repeated} records repeat a subject's time (the first: subject "${f.id}" at time ${f.time}, rows ${f.rows.join(', ')}): a subject's several occasions need an OCC column or ids of their own` });
    return;
  }
  for (const [o, rep] of repeats) {
    const pooled = pooledSample(rep, issues, timeColumn);
    o.blq = pooled.blq;
    o.record = pooled.blq ? o.record : { ...o.record, dv: pooled.value, blq: false };
  }
  const kept = observations.filter((o) => !dropped.has(o));
  observations.splice(0, observations.length, ...kept);
}

/**
 * Other numeric columns that are constant within each subject (weight, age, …): per-subject
 * covariates, averaged per group. A column with text, or one that changes within a subject
 * (time-varying), is not used and a warning says why.
 */
function subjectCovariates(table: RawTable, layout: NonmemLayout, subjects: ReadonlyMap<string, NonmemRecord[]>, issues: IssueCollector, baseId: ReadonlyMap<string, string>): Map<string, { unit?: string; values: Map<string, number> }> {
  const out = new Map<string, { unit?: string; values: Map<string, number> }>();
  const idColumn = layout.columns.id!;
  for (const col of layout.extra) {
    if (col.name.toLowerCase() === 'dose') {
      issues.warn({ code: 'unused-column', row: table.headerRow, column: col.label, message: `column ${showCell(col.label)} is not used: each group's dose is the AMT of its dose records` });
      continue;
    }
    const values = new Map<string, { value: number; row: number }>();
    let problem: { row: number; message: string } | null = null;
    for (const { row, cells } of table.rows) {
      const raw = (cells[col.index] ?? '').trim();
      if (raw === '' || raw === '.') continue;
      const c = parseNumberCell(raw, table.decimalComma);
      if (c.kind !== 'number') {
        problem = { row, message: `column ${showCell(col.label)} is not used as a covariate: it is not numeric (row ${row}: ${showCell(raw)})` };
        break;
      }
      const id = (cells[idColumn] ?? '').trim();
      const earlier = values.get(id);
      if (earlier && earlier.value !== c.value) {
        problem = { row, message: `column ${showCell(col.label)} is not used as a covariate: it changes within subject ${id} (rows ${earlier.row} and ${row}); only per-subject values are` };
        break;
      }
      values.set(id, { value: c.value, row });
    }
    if (problem) issues.warn({ code: 'unused-column', row: problem.row, column: col.label, message: problem.message });
    else if (values.size > 0) {
      // an occasion read as a subject of its own takes its subject's value
      const perSubject = new Map([...subjects.keys()].flatMap((key) => { const v = values.get(baseId.get(key) ?? key); return v ? [[key, v.value] as const] : []; }));
      out.set(covariateName(col.name), { ...(col.unit !== undefined ? { unit: col.unit } : {}), values: perSubject });
    }
  }
  return out;
}
