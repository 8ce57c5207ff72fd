// Posterior predictive: for a subset of posterior particles, simulate virtual subjects on a time
// grid (data times, requested forecast times and an even grid for plotting), then draw replicate
// cohorts of the data's size (subjects resampled, residual error added) to get bands for the
// observed cohort mean and SD, and pool subjects for the individual-trajectory band. An observed
// value of a quantity that cannot be negative is floored at 0 in the bands, as an assay reports it;
// the draws behind the residual diagnostics keep the likelihood's Gaussian error.
import type { EnsembleBackend, EnsembleResult } from '../simulate/types.ts';
import type { Band, PredictiveSeries } from './report.ts';
import type { FitPlan } from './plan.ts';
import { buildEnsembleInputs, drawEta, type PopulationLayout } from './population.ts';
import { quantileSorted } from './results.ts';
import type { Rng } from './rng.ts';
import { solverFor } from './solver.ts';
import { logNormalCdf } from './censored.ts';

/**
 * Replicate cohorts up to this size are drawn subject by subject (exact); a visit with more
 * subjects is scaled from this many (see below), so the work does not grow with n.
 */
export const EXACT_COHORT_MAX = 256;

export interface PredictiveDraws {
  /** per planned series, per visit: predictive draws of the observed cohort mean and log SD */
  meanAtVisits: Float64Array[][];
  logSdAtVisits: Float64Array[][];
}

export interface PredictiveResult {
  series: PredictiveSeries[];
  draws: PredictiveDraws;
  trajectories: number;
  failed: number;
}

export function predictionGrid(dataTimes: number[], predictTimes: number[], t0: number, points = 41): number[] {
  // (a requested time before the clock starts cannot be simulated)
  const all = [...dataTimes, ...predictTimes.filter((t) => Number.isFinite(t) && t >= t0)];
  const tMax = Math.max(...all);
  const grid = new Set(all);
  if (tMax > t0) for (let i = 0; i < points; i++) grid.add(t0 + ((tMax - t0) * i) / (points - 1));
  return [...grid].sort((a, b) => a - b);
}

function band(times: number[], draws: Float64Array[]): Band {
  const med: number[] = [], lo: number[] = [], hi: number[] = [];
  // the finite draws of each time, sorted in one reused buffer (this runs on the main thread for
  // every series and grid time, over P × subjects draws for the individual band)
  const buf = new Float64Array(Math.max(0, ...draws.map((d) => d.length)));
  for (const d of draws) {
    let n = 0;
    for (let i = 0; i < d.length; i++) if (Number.isFinite(d[i])) buf[n++] = d[i]!;
    const s = buf.subarray(0, n).sort();
    med.push(quantileSorted(s, 0.5)); lo.push(quantileSorted(s, 0.05)); hi.push(quantileSorted(s, 0.95));
  }
  return { times, median: med, q05: lo, q95: hi };
}

/**
 * Mean and second moment of max(0, Y) for Y ~ N(v, s²): the rectified Gaussian, an observation
 * floored at zero. E = vΦ(z) + sφ(z), E² = (v² + s²)Φ(z) + vsφ(z), z = v/s.
 */
export function flooredMoments(v: number, s: number): { m1: number; m2: number } {
  if (!(s > 0)) { const y = Math.max(0, v); return { m1: y, m2: y * y }; }
  const z = v / s;
  const cdf = Math.exp(logNormalCdf(z));
  const pdf = Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
  return { m1: v * cdf + s * pdf, m2: (v * v + s * s) * cdf + v * s * pdf };
}

export async function posteriorPredictive(args: {
  plan: FitPlan;
  layout: PopulationLayout;
  phis: Float64Array;
  count: number;
  subjects: number;
  predictTimes: number[];
  replicates: number;
  rng: Rng;
  backend: EnsembleBackend;
  signal?: AbortSignal;
}): Promise<PredictiveResult> {
  const { plan, layout, phis, count: P, subjects: Mp, rng, backend } = args;
  const D = layout.hyper.length;
  const G = plan.groups.length;
  const grid = predictionGrid(plan.times, args.predictTimes, plan.origin);
  const Tg = grid.length;
  const eta = drawEta(rng, G, Mp, layout.varying.length);
  // one group at a time (issue 16): the outputs held are P × Mp trajectories of one group, not of
  // every group; rows of a group's result are particle-major, then subject
  let held: { g: number; res: EnsembleResult } | null = null;
  let trajectories = 0, failed = 0;
  const counted = new Set<number>();
  const simulateGroup = async (g: number): Promise<EnsembleResult> => {
    if (held?.g === g) return held.res;
    held = null;
    const { params, covariates } = buildEnsembleInputs(layout, phis, P, [eta[g]!], Mp, [plan.groups[g]!.covariates]);
    const groupModel = plan.groups[g]!.model;
    const res = await backend.simulate(
      { model: groupModel, params, covariates, t0: plan.t0, times: Float64Array.from(grid), solver: solverFor(groupModel, backend.name), save: 'observables' },
      args.signal,
    );
    if (!counted.has(g)) {
      counted.add(g);
      trajectories += res.n;
      for (let r = 0; r < res.n; r++) if (res.status[r] !== 0) failed++;
    }
    held = { g, res };
    return res;
  };
  const out: PredictiveSeries[] = [];
  const meanAtVisits: Float64Array[][] = [], logSdAtVisits: Float64Array[][] = [];
  const R = args.replicates;
  // individual draws per grid time: only summarised into the band, so one set serves every series
  const indiv = grid.map(() => new Float64Array(P * Mp));
  for (const s of plan.series) {
    const o = s.observable;
    const nVisit = s.data.n;
    const nDefault = Math.max(1, Math.round([...nVisit].sort((a, b) => a - b)[Math.floor(nVisit.length / 2)]));
    // n at each grid time: the visit's n at data times, the series' median n elsewhere (1 for one
    // trajectory: a band of two-subject means between its visits had zigzagged against the data)
    const nAt = grid.map((t) => { const k = s.source.times.indexOf(t); return k >= 0 ? Math.max(1, Math.round(nVisit[k])) : nDefault; });
    // a replicate cohort holds at most EXACT_COHORT_MAX subjects; larger visits are scaled from it
    const K = Math.min(Math.max(...nAt), EXACT_COHORT_MAX);
    const res = await simulateGroup(s.group);
    const nOut = res.nOut;
    // the bands (floored for a non-negative quantity) and, where they differ, the Gaussian draws
    // the residual diagnostics compare with
    const floored = s.nonNegative;
    const meanDraws = grid.map(() => new Float64Array(P * R).fill(NaN));
    const sdDraws = grid.map(() => new Float64Array(P * R).fill(NaN));
    const rawMeanDraws = floored ? grid.map(() => new Float64Array(P * R).fill(NaN)) : meanDraws;
    const rawSdDraws = floored ? grid.map(() => new Float64Array(P * R).fill(NaN)) : sdDraws;
    for (const a of indiv) a.fill(NaN);
    const y = new Float64Array(K);
    // per time, the population mean and variance of one observed value, raw [0] and floored [1]
    const popMean = [new Float64Array(Tg), new Float64Array(Tg)], popVar = [new Float64Array(Tg), new Float64Array(Tg)];
    // the model's cohort mean (no residual error) per time and particle
    const modelMean = grid.map(() => new Float64Array(P).fill(NaN));
    for (let p = 0; p < P; p++) {
      const sa = layout.sigmaAdd[o] >= 0 ? Math.exp(phis[p * D + layout.sigmaAdd[o]]) : 0;
      const sp = layout.sigmaProp[o] >= 0 ? Math.exp(phis[p * D + layout.sigmaProp[o]]) : 0;
      const ok: number[] = [];
      const base = p * Mp;
      for (let j = 0; j < Mp; j++) if (res.status[base + j] === 0) ok.push(base + j);
      if (ok.length === 0) continue;
      for (let t = 0; t < Tg; t++) {
        let m = 0;
        for (const r of ok) m += res.outputs[(r * Tg + t) * nOut + o];
        modelMean[t][p] = m / ok.length;
      }
      const noisy = (r: number, t: number) => {
        const v = res.outputs[(r * Tg + t) * nOut + o];
        return v + Math.sqrt(sa * sa + sp * sp * v * v) * rng.normal();
      };
      for (let j = 0; j < ok.length; j++) for (let t = 0; t < Tg; t++) { const v = noisy(ok[j], t); indiv[t][p * Mp + j] = floored ? Math.max(0, v) : v; }
      // mean and variance of one observed value (a resampled subject plus residual error), where a visit is larger than K
      for (let t = 0; t < Tg; t++) {
        if (nAt[t] <= K) continue;
        let m1 = 0, m2 = 0, e2 = 0, f1 = 0, f2 = 0;
        for (const r of ok) {
          const v = res.outputs[(r * Tg + t) * nOut + o];
          const e = sa * sa + sp * sp * v * v;
          m1 += v; m2 += v * v; e2 += e;
          if (floored) { const f = flooredMoments(v, Math.sqrt(e)); f1 += f.m1; f2 += f.m2; }
        }
        popMean[0][t] = m1 / ok.length;
        popVar[0][t] = Math.max(0, m2 / ok.length - popMean[0][t] ** 2) + e2 / ok.length;
        if (floored) { popMean[1][t] = f1 / ok.length; popVar[1][t] = Math.max(0, f2 / ok.length - popMean[1][t] ** 2); }
      }
      for (let rep = 0; rep < R; rep++) {
        // one replicate cohort: the same subjects at every time (as in the data), first n_t of them at time t
        const who = Array.from({ length: K }, () => ok[rng.int(ok.length)]);
        for (let t = 0; t < Tg; t++) {
          const n = Math.min(nAt[t], K);
          for (let j = 0; j < n; j++) y[j] = noisy(who[j], t);
          const at = p * R + rep;
          const raw = cohortMoments(y, n, nAt[t], K, popMean[0][t], popVar[0][t]);
          rawMeanDraws[t][at] = raw.mean;
          rawSdDraws[t][at] = raw.sd;
          if (floored) {
            for (let j = 0; j < n; j++) y[j] = Math.max(0, y[j]);
            const f = cohortMoments(y, n, nAt[t], K, popMean[1][t], popVar[1][t]);
            meanDraws[t][at] = f.mean;
            sdDraws[t][at] = f.sd;
          }
        }
      }
    }
    out.push({
      group: plan.groups[s.group].name,
      // the data's label ("CD4 count"), not the model's identifier: plots and exports match on it
      observable: s.source.observable,
      mean: band(grid, meanDraws),
      sd: band(grid, sdDraws),
      individual: band(grid, indiv),
      lowestModelMean: lowest(grid, band(grid, modelMean).median),
    });
    const visitIdx = s.source.times.map((t) => grid.indexOf(t));
    meanAtVisits.push(visitIdx.map((t) => rawMeanDraws[t]));
    logSdAtVisits.push(visitIdx.map((t) => rawSdDraws[t].map(Math.log)));
  }
  return { series: out, draws: { meanAtVisits, logSdAtVisits }, trajectories, failed };
}

function lowest(times: number[], values: number[]): { value: number; time: number } {
  let k = 0;
  values.forEach((v, i) => { if (v < values[k]!) k = i; });
  return { value: values[k]!, time: times[k]! };
}

/**
 * Sample mean and SD of a replicate visit: its first n values, or — for a visit of nT > K
 * subjects — the K drawn values' moments scaled to nT. Both deviations from the population values
 * (popMean, popVar) shrink as 1/√n (mean ~ N(μ, σ²/n); the sample variance has variance
 * (μ₄ − σ⁴)/n for large n), and the same K subjects at every time keep the visits' correlation.
 * Work stays K per time, whatever nT is.
 */
function cohortMoments(y: Float64Array, n: number, nT: number, K: number, popMean: number, popVar: number): { mean: number; sd: number } {
  let sum = 0;
  for (let j = 0; j < n; j++) sum += y[j];
  let mean = sum / n;
  let ss = 0;
  for (let j = 0; j < n; j++) ss += (y[j] - mean) ** 2;
  let variance = n > 1 ? ss / (n - 1) : NaN;
  if (nT > K) {
    const f = Math.sqrt(K / nT);
    mean = popMean + (mean - popMean) * f;
    variance = popVar + (variance - popVar) * f;
  }
  return { mean, sd: Math.sqrt(variance) };
}
