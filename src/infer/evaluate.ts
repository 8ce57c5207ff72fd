// One likelihood sweep: all particles × virtual cohorts × subjects, then the joint aggregate
// likelihood of every series for every particle. Data groups with the same covariates share one
// virtual cohort (cohorts.ts), simulated at the union of their visit times only; particles go to
// the backend in calls sized by a byte budget, and each call's moments are turned into
// log-likelihood terms and dropped before the next call, so the working set of a sweep is set by
// the budget, not by particles × groups × subjects × visits.
import type { CompiledModel } from '../model/compiled.ts';
import type { EnsembleBackend, MomentTarget, StepStats } from '../simulate/types.ts';
import { seriesLogLik, type MomentBlock } from './likelihood.ts';
import type { FitPlan } from './plan.ts';
import { drawEta, fillCohortParams, type PopulationLayout } from './population.ts';
import type { Rng } from './rng.ts';
import { solverFor } from './solver.ts';
import { DEFAULT_SWEEP_BUDGET_BYTES, IN_FLIGHT, particlesPerCall, planCohorts, type CohortOptions, type CohortPlan } from './cohorts.ts';

/** a (particle, cohort) whose successful trajectories are fewer than this fraction of its subjects gets likelihood 0 */
export const MIN_OK_FRACTION = 0.5;

export interface SweepCounters {
  sweeps: number;
  trajectories: number;
  failed: number;
  /** backend calls made */
  calls: number;
  stats: StepStats;
}

export interface EvaluatorOptions extends CohortOptions {
  /** bytes one backend call may hold (default DEFAULT_SWEEP_BUDGET_BYTES) */
  budgetBytes?: number;
}

export interface Evaluator {
  counters: SweepCounters;
  /** the virtual cohorts: `eta` passed to logLikelihood has one entry per cohort */
  plan: CohortPlan;
  /** trajectories simulated for one particle in one sweep (all cohorts) */
  trajectoriesPerParticle: number;
  /** particles per backend call, per cohort */
  particlesPerCall: number[];
  /** common random numbers for this evaluator's cohorts (one η matrix each) */
  drawEta(rng: Rng): Float64Array[];
  logLikelihood(phis: Float64Array, count: number, eta: Float64Array[], signal?: AbortSignal): Promise<Float64Array>;
}

export function createEvaluator(
  model: CompiledModel, plan: FitPlan, layout: PopulationLayout, subjects: number, backend: EnsembleBackend, opts: EvaluatorOptions = {},
): Evaluator {
  const counters: SweepCounters = { sweeps: 0, trajectories: 0, failed: 0, calls: 0, stats: { accepted: 0, rejected: 0, maxStepsHit: 0, nonFinite: 0, underflow: 0 } };
  const cohortPlan = planCohorts(plan, subjects, opts);
  const { cohorts } = cohortPlan;
  const D = layout.hyper.length;
  const nP = layout.thetaIndex.length;
  const nObs = model.observableNames.length;
  const solvers = cohorts.map((c) => solverFor(c.model, backend.name));
  const budget = opts.budgetBytes ?? DEFAULT_SWEEP_BUDGET_BYTES;
  const perCall = cohorts.map((c) => particlesPerCall(budget, c.subjects, nP, nObs, c.times.length));
  const seriesOf = cohorts.map((_, c) => cohortPlan.series.filter((s) => s.cohort === c));
  // parameter rows and moment arrays, one set per call in flight, reused by every call of every
  // sweep: a sweep leaves nothing behind for the garbage collector
  const scratch: Float64Array[] = [];
  const targets: MomentTarget[] = [];
  const targetFor = (slot: number, k: number, T: number): MomentTarget => {
    const t = targets[slot];
    const m = k * nObs * T, sq = m * T;
    if (t && t.okCount.length >= k && t.mean.length >= m && t.cov.length >= sq) return t;
    // grown to the largest call seen, then kept
    const n = Math.max(t?.okCount.length ?? 0, k), nm = Math.max(t?.mean.length ?? 0, m), nsq = Math.max(t?.cov.length ?? 0, sq);
    return (targets[slot] = { okCount: new Uint32Array(n), mean: new Float64Array(nm), cov: new Float64Array(nsq), m22: new Float64Array(nsq), m12: new Float64Array(nsq) });
  };
  return {
    counters,
    plan: cohortPlan,
    trajectoriesPerParticle: cohorts.reduce((a, c) => a + c.subjects, 0),
    particlesPerCall: perCall,
    drawEta: (rng) => cohorts.map((c) => drawEta(rng, 1, c.subjects, layout.varying.length)[0]!),
    async logLikelihood(phis, count, eta, signal) {
      if (eta.length !== cohorts.length) throw new Error(`logLikelihood: ${eta.length} η sets for ${cohorts.length} virtual cohorts`);
      counters.sweeps++;
      // per cohort and particle, summed in cohort order at the end: the result does not depend on
      // which call finished first
      const parts = cohorts.map(() => new Float64Array(count));
      const calls: { c: number; p0: number; k: number }[] = [];
      cohorts.forEach((_, c) => {
        const step = Math.min(perCall[c]!, count);
        for (let p0 = 0; p0 < count; p0 += step) calls.push({ c, p0, k: Math.min(step, count - p0) });
      });
      const run = async (slot: number, { c, p0, k }: { c: number; p0: number; k: number }) => {
        const cohort = cohorts[c]!;
        const M = cohort.subjects;
        const T = cohort.times.length;
        const minOk = Math.min(M, Math.max(4, Math.ceil(MIN_OK_FRACTION * M)));
        if (!(scratch[slot] && scratch[slot].length >= k * M * nP)) scratch[slot] = new Float64Array(Math.min(perCall[c]!, count) * M * nP);
        const params = fillCohortParams(layout, phis, p0, k, eta[c]!, M, scratch[slot]);
        const into = targetFor(slot, k, T);
        const mr = await backend.moments({ model: cohort.model, params, covariates: cohort.covariates, t0: plan.t0, times: cohort.times, solver: solvers[c]!, groupSize: M, into }, signal);
        counters.calls++;
        counters.trajectories += k * M;
        for (const key of Object.keys(counters.stats) as (keyof StepStats)[]) counters.stats[key] += mr.stats[key];
        const block: MomentBlock = { T, mean: mr.mean, meanOffset: 0, cov: mr.cov, m22: mr.m22, m12: mr.m12, matOffset: 0 };
        for (let i = 0; i < k; i++) {
          const p = p0 + i;
          const ok = mr.okCount[i]!;
          counters.failed += M - ok;
          if (ok < minOk) { parts[c]![p] = -Infinity; continue; }
          let ll = 0;
          for (const s of seriesOf[c]!) {
            const o = s.series.observable;
            const row = i * mr.nObs + o;
            block.meanOffset = row * T;
            block.matOffset = row * T * T;
            const sa = layout.sigmaAdd[o] >= 0 ? Math.exp(phis[p * D + layout.sigmaAdd[o]]) : 0;
            const sp = layout.sigmaProp[o] >= 0 ? Math.exp(phis[p * D + layout.sigmaProp[o]]) : 0;
            ll += seriesLogLik(block, s.data, sa, sp, { subjects: M });
          }
          parts[c]![p] = Number.isNaN(ll) ? -Infinity : ll;
        }
      };
      // IN_FLIGHT calls at a time: the backend always has the next one queued (no idle workers
      // between calls), and the working set stays at IN_FLIGHT × the budget
      let next = 0;
      let stop = false;
      const lane = async (slot: number) => {
        try {
          while (!stop && next < calls.length) await run(slot, calls[next++]!);
        } catch (e) {
          stop = true;
          throw e;
        }
      };
      // every lane settles before the sweep returns or throws (e.g. on abort): no call outlives it
      const settled = await Promise.allSettled(Array.from({ length: Math.min(IN_FLIGHT, calls.length) }, (_, slot) => lane(slot)));
      const failed = settled.find((x): x is PromiseRejectedResult => x.status === 'rejected');
      if (failed) throw failed.reason;
      const out = new Float64Array(count);
      for (const part of parts) for (let p = 0; p < count; p++) out[p] += part[p]!;
      for (let p = 0; p < count; p++) if (Number.isNaN(out[p])) out[p] = -Infinity;
      return out;
    },
  };
}
