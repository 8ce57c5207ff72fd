// Posterior predictive: for a subset of posterior particles, simulate virtual subjects on a time
// grid (data times, requested forecast times and an even grid for plotting), then draw replicate
// cohorts of the data's size (subjects resampled, residual error added) to get bands for the
// observed cohort mean and SD, and pool subjects for the individual-trajectory band.
import type { EnsembleBackend, EnsembleResult } from '../simulate/types.ts';
import type { Band, PredictiveSeries } from './report.ts';
import type { FitPlan } from './plan.ts';
import { buildEnsembleInputs, drawEta, type PopulationLayout } from './population.ts';
import { quantileSorted } from './results.ts';
import type { Rng } from './rng.ts';
import { solverFor } from './solver.ts';

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
  const grid = predictionGrid(plan.times, args.predictTimes, plan.t0);
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
    const nDefault = Math.max(2, Math.round([...nVisit].sort((a, b) => a - b)[Math.floor(nVisit.length / 2)]));
    // n at each grid time: the visit's n at data times, the series' median n elsewhere
    const nAt = grid.map((t) => { const k = s.source.times.indexOf(t); return k >= 0 ? Math.max(1, Math.round(nVisit[k])) : nDefault; });
    // a replicate cohort holds at most EXACT_COHORT_MAX subjects; larger visits are scaled from it
    const K = Math.min(Math.max(...nAt), EXACT_COHORT_MAX);
    const res = await simulateGroup(s.group);
    const nOut = res.nOut;
    const meanDraws = grid.map(() => new Float64Array(P * R).fill(NaN));
    const sdDraws = grid.map(() => new Float64Array(P * R).fill(NaN));
    for (const a of indiv) a.fill(NaN);
    const y = new Float64Array(K);
    const popMean = new Float64Array(Tg), popVar = new Float64Array(Tg);
    for (let p = 0; p < P; p++) {
      const sa = layout.sigmaAdd[o] >= 0 ? Math.exp(phis[p * D + layout.sigmaAdd[o]]) : 0;
      const sp = layout.sigmaProp[o] >= 0 ? Math.exp(phis[p * D + layout.sigmaProp[o]]) : 0;
      const ok: number[] = [];
      const base = p * Mp;
      for (let j = 0; j < Mp; j++) if (res.status[base + j] === 0) ok.push(base + j);
      if (ok.length === 0) continue;
      const noisy = (r: number, t: number) => {
        const v = res.outputs[(r * Tg + t) * nOut + o];
        return v + Math.sqrt(sa * sa + sp * sp * v * v) * rng.normal();
      };
      for (let j = 0; j < ok.length; j++) for (let t = 0; t < Tg; t++) indiv[t][p * Mp + j] = noisy(ok[j], t);
      // mean and variance of one observed value (a resampled subject plus residual error), where a visit is larger than K
      for (let t = 0; t < Tg; t++) {
        if (nAt[t] <= K) continue;
        let m1 = 0, m2 = 0, e2 = 0;
        for (const r of ok) {
          const v = res.outputs[(r * Tg + t) * nOut + o];
          m1 += v; m2 += v * v; e2 += sa * sa + sp * sp * v * v;
        }
        popMean[t] = m1 / ok.length;
        popVar[t] = Math.max(0, m2 / ok.length - popMean[t] ** 2) + e2 / ok.length;
      }
      for (let rep = 0; rep < R; rep++) {
        // one replicate cohort: the same subjects at every time (as in the data), first n_t of them at time t
        const who = Array.from({ length: K }, () => ok[rng.int(ok.length)]);
        for (let t = 0; t < Tg; t++) {
          const n = Math.min(nAt[t], K);
          let sum = 0;
          for (let j = 0; j < n; j++) { y[j] = noisy(who[j], t); sum += y[j]; }
          let mean = sum / n;
          let ss = 0;
          for (let j = 0; j < n; j++) ss += (y[j] - mean) ** 2;
          let variance = n > 1 ? ss / (n - 1) : NaN;
          if (nAt[t] > K) {
            // n_t subjects: the sample mean and variance of K draws scaled to n_t draws. Both
            // deviations from the population values shrink as 1/√n (mean ~ N(μ, σ²/n); the
            // sample variance has variance (μ₄ − σ⁴)/n for large n), and the same K subjects at
            // every time keep the visits' correlation. Work stays K per time, whatever n is.
            const f = Math.sqrt(K / nAt[t]);
            mean = popMean[t] + (mean - popMean[t]) * f;
            variance = popVar[t] + (variance - popVar[t]) * f;
          }
          meanDraws[t][p * R + rep] = mean;
          sdDraws[t][p * R + rep] = Math.sqrt(variance);
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
    });
    const visitIdx = s.source.times.map((t) => grid.indexOf(t));
    meanAtVisits.push(visitIdx.map((t) => meanDraws[t]));
    logSdAtVisits.push(visitIdx.map((t) => sdDraws[t].map(Math.log)));
  }
  return { series: out, draws: { meanAtVisits, logSdAtVisits }, trajectories, failed };
}
