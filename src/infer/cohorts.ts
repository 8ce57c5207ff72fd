// How one likelihood sweep is cut into backend calls (issue 16). Every data group is one virtual
// cohort simulated at that group's own visit times (not the union over groups); on request
// (`share`), groups with the same covariates and dosing schedule share one cohort — the same η draws, so the same
// trajectories, at the union of their visits — with each series reading its visits out of the
// shared moment blocks. Particles are chunked so that one backend call never holds more than a
// byte budget, whatever the study size; `estimateFitMemory` turns the same arithmetic into the
// cost the app shows before a run.
import type { CompiledModel } from '../model/compiled.ts';
import type { SeriesData } from './likelihood.ts';
import type { FitPlan, PlannedSeries } from './plan.ts';

/** One simulated virtual cohort: one data group, or (with `share`) every group with these covariates. */
export interface Cohort {
  /** indices into plan.groups */
  groups: number[];
  covariates: Float64Array;
  /** the compiled model that simulates these groups (their dosing schedule) */
  model: CompiledModel;
  /** sorted union of the visit times of these groups (the moments' T) */
  times: Float64Array;
  /** virtual subjects simulated for this cohort */
  subjects: number;
}

export interface CohortSeries {
  series: PlannedSeries;
  cohort: number;
  /** the series' data with timeIdx into its cohort's times */
  data: SeriesData;
}

export interface CohortPlan {
  cohorts: Cohort[];
  series: CohortSeries[];
}

export interface CohortOptions {
  /**
   * virtual subjects of a cohort shared by g data groups: min(g, poolLimit) × subjects (default
   * poolLimit 4). Sharing correlates the groups' Monte-Carlo errors; a larger cohort pays that
   * back (and more, with quasi-random draws) at a fraction of the cost of g separate cohorts.
   */
  poolLimit?: number;
  /**
   * true: groups with equal covariates share one cohort. Default false: every data group gets its
   * own cohort, because shared draws make the groups' Monte-Carlo errors move together — on the
   * soybean growth data (6 groups, log-normal K with ω ≈ 0.9) the log-likelihood's sd over η sets
   * rose from 14 to 46 (shared, 1/6 of the trajectories) and 132 (shared, same trajectories).
   */
  share?: boolean;
}

export const DEFAULT_POOL_LIMIT = 4;

const sameRow = (a: Float64Array, b: Float64Array) => a.length === b.length && a.every((v, i) => Object.is(v, b[i]) || v === b[i]);

export function planCohorts(plan: FitPlan, subjects: number, opts: CohortOptions = {}): CohortPlan {
  const share = opts.share ?? false;
  const poolLimit = Math.max(1, Math.floor(opts.poolLimit ?? DEFAULT_POOL_LIMIT));
  const members: number[][] = [];
  const rep: { covariates: Float64Array; model: CompiledModel }[] = [];
  plan.groups.forEach((g, gi) => {
    const c = share ? rep.findIndex((r) => r.model === g.model && sameRow(r.covariates, g.covariates)) : -1;
    if (c >= 0) members[c]!.push(gi);
    else { members.push([gi]); rep.push(g); }
  });
  const cohortOf = new Int32Array(plan.groups.length);
  members.forEach((gs, c) => gs.forEach((g) => { cohortOf[g] = c; }));
  const timeSets = members.map(() => new Set<number>());
  for (const s of plan.series) for (const k of s.data.timeIdx) timeSets[cohortOf[s.group]!]!.add(plan.times[k]!);
  const cohorts: Cohort[] = members.map((groups, c) => ({
    groups,
    covariates: rep[c]!.covariates,
    model: rep[c]!.model,
    times: Float64Array.from([...timeSets[c]!].sort((a, b) => a - b)),
    subjects: subjects * Math.min(groups.length, poolLimit),
  }));
  const series = plan.series.map((s) => {
    const c = cohortOf[s.group]!;
    const local = Array.from(cohorts[c]!.times);
    return { series: s, cohort: c, data: { ...s.data, timeIdx: s.data.timeIdx.map((k) => local.indexOf(plan.times[k]!)) } };
  });
  return { cohorts, series };
}

/** backend calls of one sweep in flight at once (the next one is always queued) */
export const IN_FLIGHT = 2;

/** Default byte budget of one backend call of a likelihood sweep (inputs, moments, device buffers). */
export const DEFAULT_SWEEP_BUDGET_BYTES = 32 * 2 ** 20;

/**
 * Bytes one particle of a cohort costs in one backend call: the parameter rows (built here, copied
 * for a worker or the device), the device's f32 outputs, and the moment blocks (reduced on the
 * worker or device and copied back).
 */
export function bytesPerParticle(subjects: number, nParams: number, nObs: number, T: number): number {
  const rows = subjects * (nParams * 8 * 2 + nParams * 4 + nObs * T * 4 + 8);
  // f64 in the worker's (or the read-back's) arrays and in the assembled result, f32 on a device
  const moments = nObs * (T + 3 * T * T) * (8 * 2 + 4);
  return rows + moments;
}

/** Particles per backend call so that one call stays within `budget` bytes (at least 1). */
export function particlesPerCall(budget: number, subjects: number, nParams: number, nObs: number, T: number): number {
  return Math.max(1, Math.floor(budget / bytesPerParticle(subjects, nParams, nObs, T)));
}

/**
 * What one fit will hold in memory, before it starts (shown by the app when large). Its time is
 * the measured work-budget model's (src/infer/work-budget.ts), not estimated here.
 */
export interface FitMemoryEstimate {
  groups: number;
  /** trajectories of one likelihood sweep: particles × groups × subjects */
  trajectoriesPerSweep: number;
  /** bytes the sweep holds at once (calls in flight × their size, within the budget) */
  sweepBytes: number;
  /** bytes of the posterior-predictive simulation (one group at a time) */
  predictiveBytes: number;
}

/**
 * The memory of fitting `data` (visits per group) with N particles × M subjects; nParams/nObs
 * default to a typical small model (4 parameters, 1 observable).
 */
export function estimateFitMemory(
  visitsPerGroup: number[], particles: number, subjects: number, nParams = 4, nObs = 1, budget = DEFAULT_SWEEP_BUDGET_BYTES,
): FitMemoryEstimate {
  const G = visitsPerGroup.length;
  let sweepBytes = 0;
  for (const T of visitsPerGroup) sweepBytes = Math.max(sweepBytes, Math.min(budget, particles * bytesPerParticle(subjects, nParams, nObs, T)));
  const Tmax = Math.max(0, ...visitsPerGroup);
  const predictiveBytes = Math.min(100, particles) * Math.min(128, subjects) * (Tmax + 41) * nObs * 8 * 2;
  return { groups: G, trajectoriesPerSweep: particles * G * subjects, sweepBytes: IN_FLIGHT * sweepBytes, predictiveBytes };
}
