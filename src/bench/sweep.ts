// `mechanist bench --only fit-sweep-groups`: time and memory of one likelihood sweep of a fit on
// a multi-group study (logistic growth, G groups × 10 visits, n = 8 per visit, particles × 256
// virtual subjects per group), for G = 1, 6 and 20 so the scaling in the number of groups shows.
// Memory figures are the process's resident set (sampled every 10 ms while the sweeps run, all
// threads together) and the main thread's JS heap; one sweep of warm-up precedes the timed ones.
// coarseMsPerSweep: the same sweep on the smaller cohorts of the coarse start of a fit's tempering
// path (fit.ts coarseSubjects), where the first tempering steps run.
import type { Dataset, Series } from '../data/types.ts';
import { compileSpec } from '../model/index.ts';
import type { EnsembleBackend } from '../simulate/types.ts';
import { createEvaluator } from '../infer/evaluate.ts';
import { planFit } from '../infer/plan.ts';
import { buildLayout } from '../infer/population.ts';
import { createRng } from '../infer/rng.ts';
import { DEFAULT_SWEEP_BUDGET_BYTES } from '../infer/cohorts.ts';
import { coarseSubjects } from '../infer/fit.ts';
import logisticSpec from '../../public/examples/models/growth-logistic.json';

const TRUTH = { r: 0.12, K: 18, N0: 0.03, omegaR: 0.2, omegaK: 0.25, sigmaProp: 0.1 };

/** G groups of the logistic growth study: visits every 7 days from day 14 (group g shifted by g mod 3 days). */
export function growthStudy(G: number): Dataset {
  const series: Series[] = [];
  for (let g = 0; g < G; g++) {
    const times = Array.from({ length: 10 }, (_, k) => 14 + 7 * k + (g % 3));
    const mean = times.map((t) => TRUTH.K / (1 + ((TRUTH.K - TRUTH.N0) / TRUTH.N0) * Math.exp(-TRUTH.r * t)));
    series.push({ observable: 'size', group: `plot${g + 1}`, times, mean, sd: mean.map((m) => 0.25 * m), n: times.map(() => 8) });
  }
  return {
    observables: [{ name: 'size' }],
    groups: series.map((s) => ({ name: s.group, covariates: {} })),
    series,
    source: { format: 'aggregate', rows: 10 * G },
  };
}

export interface SweepBenchLine {
  groups: number;
  particles: number;
  subjects: number;
  trajectoriesPerSweep: number;
  callsPerSweep: number;
  msPerSweep: number;
  trajPerS: number;
  budgetMiB: number;
  peakRssMiB: number;
  rssGrowthMiB: number;
  heapUsedMiB: number;
  /** virtual subjects per group on the coarse start of a fit's tempering path, and one sweep's time there */
  coarseSubjects: number;
  coarseMsPerSweep: number;
}

const MiB = 2 ** 20;
const round = (x: number, d = 1): number => Math.round(x * 10 ** d) / 10 ** d;

export async function sweepBench(backend: EnsembleBackend, G: number, particles: number, sweeps = 2, subjects = 256): Promise<SweepBenchLine> {
  const model = compileSpec(logisticSpec);
  const plan = planFit(model, growthStudy(G));
  const layout = buildLayout(model, plan.observed);
  const D = layout.hyper.length;
  const rng = createRng(5);
  const ev = createEvaluator(model, plan, layout, subjects, backend);
  const eta = ev.drawEta(rng);
  const centre = [TRUTH.r, TRUTH.K, TRUTH.N0, TRUTH.omegaR, TRUTH.omegaK, TRUTH.sigmaProp].map(Math.log);
  const phis = new Float64Array(particles * D);
  for (let p = 0; p < particles; p++) for (let k = 0; k < D; k++) phis[p * D + k] = centre[k]! + 0.2 * rng.normal();
  await ev.logLikelihood(phis, particles, eta);
  const rss0 = process.memoryUsage().rss;
  let peak = rss0;
  const timer = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 10);
  const calls0 = ev.counters.calls;
  const t0 = performance.now();
  for (let s = 0; s < sweeps; s++) await ev.logLikelihood(phis, particles, eta);
  const ms = (performance.now() - t0) / sweeps;
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage().rss);
  const traj = particles * ev.trajectoriesPerParticle;
  const heapUsed = process.memoryUsage().heapUsed;
  // the coarse start of the path (fit.ts): the same sweep on its smaller cohorts, after a warm-up
  const Mc = coarseSubjects(subjects);
  const coarse = createEvaluator(model, plan, layout, Mc, backend);
  const coarseEta = coarse.drawEta(rng);
  await coarse.logLikelihood(phis, particles, coarseEta);
  const c0 = performance.now();
  for (let s = 0; s < sweeps; s++) await coarse.logLikelihood(phis, particles, coarseEta);
  const coarseMs = (performance.now() - c0) / sweeps;
  return {
    groups: G, particles, subjects, trajectoriesPerSweep: traj, callsPerSweep: (ev.counters.calls - calls0) / sweeps,
    msPerSweep: round(ms), trajPerS: Math.round(traj / (ms / 1000)), budgetMiB: DEFAULT_SWEEP_BUDGET_BYTES / MiB,
    peakRssMiB: round(peak / MiB), rssGrowthMiB: round((peak - rss0) / MiB), heapUsedMiB: round(heapUsed / MiB),
    coarseSubjects: Mc, coarseMsPerSweep: round(coarseMs),
  };
}
