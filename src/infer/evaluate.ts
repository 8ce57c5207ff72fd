// One likelihood sweep: all particles × data groups × virtual subjects in ONE backend.moments()
// call, then the joint aggregate likelihood of every series for every particle.
import type { CompiledModel } from '../model/compiled.ts';
import type { EnsembleBackend, StepStats } from '../simulate/types.ts';
import { seriesLogLik, type MomentBlock } from './likelihood.ts';
import type { FitPlan } from './plan.ts';
import { buildEnsembleInputs, type PopulationLayout } from './population.ts';
import { solverFor } from './solver.ts';

/** a (particle, group) whose successful trajectories are fewer than this fraction of M gets likelihood 0 */
export const MIN_OK_FRACTION = 0.5;

export interface SweepCounters {
  sweeps: number;
  trajectories: number;
  failed: number;
  stats: StepStats;
}

export interface Evaluator {
  counters: SweepCounters;
  logLikelihood(phis: Float64Array, count: number, eta: Float64Array[], signal?: AbortSignal): Promise<Float64Array>;
}

export function createEvaluator(model: CompiledModel, plan: FitPlan, layout: PopulationLayout, subjects: number, backend: EnsembleBackend): Evaluator {
  const counters: SweepCounters = { sweeps: 0, trajectories: 0, failed: 0, stats: { accepted: 0, rejected: 0, maxStepsHit: 0, nonFinite: 0, underflow: 0 } };
  const G = plan.groups.length;
  const D = layout.hyper.length;
  const times = Float64Array.from(plan.times);
  const T = times.length;
  const solver = solverFor(model, backend.name);
  const groupCovs = plan.groups.map((g) => g.covariates);
  const minOk = Math.max(4, Math.ceil(MIN_OK_FRACTION * subjects));
  return {
    counters,
    async logLikelihood(phis, count, eta, signal) {
      const { params, covariates } = buildEnsembleInputs(layout, phis, count, eta, subjects, groupCovs);
      const mr = await backend.moments({ model, params, covariates, t0: plan.t0, times, solver, groupSize: subjects }, signal);
      counters.sweeps++;
      counters.trajectories += count * G * subjects;
      for (const k of Object.keys(counters.stats) as (keyof StepStats)[]) counters.stats[k] += mr.stats[k];
      const nObs = mr.nObs;
      const out = new Float64Array(count);
      const block: MomentBlock = { T, mean: mr.mean, meanOffset: 0, cov: mr.cov, m22: mr.m22, m12: mr.m12, matOffset: 0 };
      for (let p = 0; p < count; p++) {
        let ll = 0;
        for (let g = 0; g < G; g++) {
          const ok = mr.okCount[p * G + g];
          counters.failed += subjects - ok;
          if (ok < minOk) ll = -Infinity;
        }
        for (const s of plan.series) {
          if (ll === -Infinity) break;
          const row = (p * G + s.group) * nObs + s.observable;
          block.meanOffset = row * T;
          block.matOffset = row * T * T;
          const o = s.observable;
          const sa = layout.sigmaAdd[o] >= 0 ? Math.exp(phis[p * D + layout.sigmaAdd[o]]) : 0;
          const sp = layout.sigmaProp[o] >= 0 ? Math.exp(phis[p * D + layout.sigmaProp[o]]) : 0;
          ll += seriesLogLik(block, s.data, sa, sp, { subjects });
        }
        out[p] = Number.isNaN(ll) ? -Infinity : ll;
      }
      return out;
    },
  };
}
