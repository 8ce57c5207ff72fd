// Matches a Dataset to a compiled model: which model observable each data series is, the
// covariates of each data group, and the simulation time grid. Every mismatch that makes a fit
// impossible ends in a FitInputError naming the problem; lesser ones become warnings.
import type { Dataset, Series } from '../data/types.ts';
import { dataDosed, timeOrigin, timeOriginNote } from '../data/time-origin.ts';
import { countsEvents } from '../data/count-series.ts';
import type { CompiledModel } from '../model/compiled.ts';
import type { CensoredVisit } from './censored.ts';
import { findObservable, identifiersFor } from '../model/labels.ts';
import type { SeriesData } from './likelihood.ts';
import { FitInputError } from './fit-input-error.ts';
import { groupModels } from './regimen.ts';
import { firstDoseTime } from '../simulate/request.ts';
import { groupCovariates, indicatorGroups, mergeGroupWarnings } from './group-covariates.ts';
import { nonNegativeObservables } from '../data/non-negative.ts';

export { FitInputError };

export interface PlannedSeries {
  /** index into FitPlan.groups */
  group: number;
  /** index into model.observableNames */
  observable: number;
  source: Series;
  data: SeriesData;
  /** a quantity that cannot be negative (data/non-negative.ts): simulated observations are floored at 0 */
  nonNegative: boolean;
}

export interface FitPlan {
  /** where integration starts: the time origin, or earlier for doses before it (a steady-state lead-in) */
  t0: number;
  /** where the study's clock starts (plots and derived quantities begin here): min(0, first visit), or a late first visit */
  origin: number;
  /** sorted unique data times: the simulation output grid */
  times: number[];
  /** each group's covariates and the compiled model that simulates it (its own dosing schedule) */
  groups: { name: string; covariates: Float64Array; model: CompiledModel }[];
  series: PlannedSeries[];
  /** fitted model observables with their data scale (largest |visit mean|) */
  observed: { observable: number; scale: number }[];
  warnings: string[];
}

/** relative size of the variance floor: (FLOOR_FRACTION × data scale)² */
export const FLOOR_FRACTION = 1e-3;

function matchObservable(model: CompiledModel, data: Dataset, name: string, identifiers: ReadonlyMap<string, string>, warnings: string[]): number {
  const names = model.observableNames;
  const i = findObservable(model.spec.observables, name, identifiers);
  if (i >= 0) return names.indexOf(model.spec.observables[i]!.name);
  const dataObs = new Set(data.series.map((s) => s.observable));
  if (names.length === 1 && dataObs.size === 1) {
    warnings.push(`data observable "${name}" matched to the model's only observable "${names[0]}"`);
    return 0;
  }
  return -1;
}

export function planFit(model: CompiledModel, data: Dataset): FitPlan {
  const warnings: string[] = [];
  if (data.series.length === 0) throw new FitInputError('the dataset has no series to fit');
  const matched: { s: Series; o: number }[] = [];
  const unmatched = new Set<string>();
  // the data's labels in the data's order, as discovery numbers them (model/labels.ts)
  const identifiers = identifiersFor([...new Set([...data.observables.map((o) => o.name), ...data.series.map((s) => s.observable)])]);
  // per distinct observable name, not per series: a table of thousands of groups has few names
  const observableOf = new Map<string, number>();
  for (const s of data.series) {
    let o = observableOf.get(s.observable);
    if (o === undefined) observableOf.set(s.observable, (o = matchObservable(model, data, s.observable, identifiers, warnings)));
    if (o < 0) unmatched.add(s.observable);
    else matched.push({ s, o });
  }
  if (matched.length === 0) {
    throw new FitInputError(
      `no fit can proceed: none of the data's observables (${[...unmatched].map((n) => `"${n}"`).join(', ')}) is an observable of model "${model.spec.name}" (${model.observableNames.map((n) => `"${n}"`).join(', ')})`,
    );
  }
  for (const name of unmatched) warnings.push(`data observable "${name}" is not in the model and is ignored`);

  const times = [...new Set(matched.flatMap(({ s }) => s.times))].sort((a, b) => a - b);
  for (const t of times) if (!Number.isFinite(t)) throw new FitInputError(`a visit time is not a finite number (${t})`);
  // a dose (in the data or read by the model) anchors time zero; calendar years do not
  const anchored = dataDosed(data) || model.doses.length > 0 || (model.spec.covariates ?? []).some((c) => c.name === 'dose');
  const origin = timeOrigin(times[0]!, times[times.length - 1]!, anchored);
  const originNote = timeOriginNote(origin);
  if (originNote) warnings.push(originNote);

  const groupNames = [...new Set(matched.map(({ s }) => s.group))];
  // maps, not searches: a study may have thousands of groups
  const groupByName = new Map(data.groups.map((g) => [g.name, g]));
  const groupIndex = new Map(groupNames.map((name, i) => [name, i]));
  const timeIndex = new Map(times.map((t, i) => [t, i]));
  const smallestPositive = new Map<string, number | null>();
  const perGroup: string[] = [];
  const groups = groupNames.map((name) => {
    const cov = groupCovariates(model, name, groupByName.get(name)?.covariates ?? {}, perGroup);
    return { name, covariates: cov };
  });
  warnings.push(...mergeGroupWarnings(perGroup));
  for (const [k, group] of indicatorGroups(model)) {
    if (!groupIndex.has(group)) warnings.push(`covariate "${model.covariateNames[k]}" indicates group "${group}", which the data do not have: it is 0 in every group`);
  }
  const models = groupModels(model, groupNames.map((name) => groupByName.get(name)));
  const plannedGroups = groups.map((g, i) => ({ ...g, model: models[i]! }));
  // doses before the origin (a steady-state lead-in) are simulated: integration starts at the first
  const t0 = Math.min(origin, ...models.map(firstDoseTime));

  const series: PlannedSeries[] = [];
  const nonNegative = nonNegativeObservables(data);
  const scales = new Map<number, number>();
  for (const { s, o } of matched) {
    if (s.times.length === 0) continue;
    const where = `group "${s.group}", observable "${s.observable}"`;
    for (let k = 0; k < s.times.length; k++) {
      if (!Number.isFinite(s.mean[k])) throw new FitInputError(`${where}: the mean at time ${s.times[k]} is not a finite number`);
      if (!(s.n[k] >= 1)) throw new FitInputError(`${where}: n at time ${s.times[k]} must be at least 1 (got ${s.n[k]})`);
      const sd = s.sd[k];
      if (sd !== null && !(sd >= 0)) throw new FitInputError(`${where}: the SD at time ${s.times[k]} must be ≥ 0 (got ${sd})`);
      if (k > 0 && !(s.times[k] > s.times[k - 1])) throw new FitInputError(`${where}: times must be strictly increasing (${s.times[k - 1]} then ${s.times[k]})`);
    }
    const scale = Math.max(...s.mean.map(Math.abs)) || 1;
    scales.set(o, Math.max(scales.get(o) ?? 0, scale));
    if (!smallestPositive.has(s.observable)) smallestPositive.set(s.observable, smallestPositiveMean(data, s.observable));
    // (a count's zero is a count: no stand-in LLOQ makes it "everyone below")
    const counted = countsEvents(s);
    const censored = censoredVisits(s, counted ? null : smallestPositive.get(s.observable)!, where, warnings);
    series.push({
      group: groupIndex.get(s.group)!,
      observable: o,
      source: s,
      data: {
        timeIdx: s.times.map((t) => timeIndex.get(t)!),
        mean: s.mean.slice(),
        sd: s.sd.slice(),
        n: s.n.slice(),
        // a count is known to the whole number: at least rounding's variance, 1/12 (a week without a
        // case otherwise pinned the predicted incidence to within 3% of a case, a likelihood too
        // sharp for the particles to find the outbreak's mode in)
        floorVar: Math.max((FLOOR_FRACTION * scale) ** 2, counted ? 1 / 12 : 0),
        ...(censored.length > 0 ? { censored } : {}),
      },
      nonNegative: nonNegative.has(s.observable),
    });
    if (s.sd.every((x) => x === null || x === 0)) warnings.push(`${where}: no SDs, so only the means inform the fit (between-subject variability rests on its prior)`);
  }
  const observed = [...scales.entries()].sort((a, b) => a[0] - b[0]).map(([observable, scale]) => ({ observable, scale }));
  return { t0, origin, times, groups: plannedGroups, series, observed, warnings };
}

function smallestPositiveMean(data: Dataset, observable: string): number | null {
  const m = data.series.filter((x) => x.observable === observable).flatMap((x) => x.mean).filter((v) => v > 0);
  return m.length > 0 ? m.reduce((a, b) => Math.min(a, b)) : null;
}

/**
 * The visits of a series with subjects below the LLOQ (docs/likelihood.md, "Censored visits"):
 * those with n_blq > 0, and those reported as mean 0 with SD 0 (or none) in a series that is
 * positive elsewhere — everyone below the LLOQ — and those whose mean the table reports only as
 * below the LLOQ (a censored mean). Where the data state no LLOQ, those two kinds use the smallest positive visit mean of the observable (an upper bound: a weaker, safe
 * claim); a partial count without an LLOQ cannot be used and is reported.
 */
export function censoredVisits(s: Series, fallbackLloq: number | null, where: string, warnings: string[]): CensoredVisit[] {
  const out: CensoredVisit[] = [];
  const guessed: number[] = [];
  const noLloq: number[] = [];
  for (let k = 0; k < s.times.length; k++) {
    const n = s.n[k]!;
    const stated = s.lloq?.[k] ?? null;
    if (s.meanBelowLloq?.[k]) {
      // a mean reported only as below the LLOQ: safe with an upper bound for the LLOQ, as "all below"
      const lloq = stated ?? fallbackLloq;
      if (lloq === null || !(lloq > 0)) { noLloq.push(s.times[k]!); continue; }
      if (stated === null) guessed.push(s.times[k]!);
      out.push({ k, lloq, below: 0, n, all: true, meanBelow: true });
      continue;
    }
    const nBlq = s.nBlq?.[k] ?? null;
    const allZero = s.mean[k] === 0 && (s.sd[k] === 0 || s.sd[k] === null) && fallbackLloq !== null;
    const below = nBlq !== null && nBlq > 0 ? nBlq : nBlq === null && allZero ? n : 0;
    if (below === 0) continue;
    // a partial count needs the real LLOQ; "all below" is safe with an upper bound for it
    const lloq = stated ?? (below === n ? fallbackLloq : null);
    if (lloq === null || !(lloq > 0)) { noLloq.push(s.times[k]!); continue; }
    if (stated === null) guessed.push(s.times[k]!);
    out.push({ k, lloq, below, n, all: below === n });
  }
  if (guessed.length > 0) warnings.push(`${where}: at t = ${guessed.join(', ')} subjects were below the quantification limit, which the data do not state; the smallest positive visit mean (${fallbackLloq}) is used as the LLOQ (add an lloq column to be exact)`);
  if (noLloq.length > 0) warnings.push(`${where}: at t = ${noLloq.join(', ')} the data count subjects below the quantification limit but give no LLOQ; those counts are not used`);
  return out;
}
