// The likelihood sweep of issue 16: one virtual cohort per data group, simulated at that group's
// own visits, particles cut into backend calls by a byte budget. Chunking must not change a
// single number; per-group grids must agree with the old whole-grid sweep; groups with the same
// covariates can share a cohort.
import { afterAll, describe, expect, it } from 'vitest';
import type { Dataset, Series } from '../../src/data/types.ts';
import { createEvaluator } from '../../src/infer/evaluate.ts';
import { bytesPerParticle, particlesPerCall, planCohorts } from '../../src/infer/cohorts.ts';
import { seriesLogLik, type MomentBlock } from '../../src/infer/likelihood.ts';
import { planFit } from '../../src/infer/plan.ts';
import { buildEnsembleInputs, buildLayout, samplePrior } from '../../src/infer/population.ts';
import { createRng } from '../../src/infer/rng.ts';
import { solverFor } from '../../src/infer/solver.ts';
import { readFileSync } from 'node:fs';
import { fitModel } from '../../src/infer/index.ts';
import { compileSpec } from '../../src/model/index.ts';
import type { ModelSpec } from '../../src/model/spec.ts';
import { cpuBackend, loadModel, PK1 } from './helpers.ts';

const cpu = cpuBackend();
afterAll(async () => { await cpu.dispose(); });
const model = loadModel(PK1);

/** three dose groups with different visit schedules (a union grid of 13 times) */
function study(): Dataset {
  const designs: [string, number, number[]][] = [
    ['low', 50, [0.5, 1, 2, 4, 8, 24]],
    ['mid', 100, [0.25, 1, 3, 6, 12, 24]],
    ['high', 200, [0.5, 1.5, 2, 4, 10, 16, 24]],
  ];
  const series: Series[] = designs.map(([group, dose, times]) => {
    const mean = times.map((t) => (dose / 35) * 1.6 / (1.6 - 4 / 35) * (Math.exp(-(4 / 35) * t) - Math.exp(-1.6 * t)));
    return { observable: 'conc', group, times, mean, sd: mean.map((m) => 0.3 * m), n: times.map((_, k) => 12 - (k % 3)) };
  });
  return {
    observables: [{ name: 'conc' }],
    groups: designs.map(([name, dose]) => ({ name, covariates: { dose } })),
    series,
    source: { format: 'aggregate', rows: 19 },
  };
}

function particles(layout: ReturnType<typeof buildLayout>, N: number, seed: number): Float64Array {
  const D = layout.hyper.length;
  const rng = createRng(seed);
  const phis = new Float64Array(N * D);
  const centre = [1.5, 4, 35, 0.3, 0.3, 0.2, 0.05, 0.1].map(Math.log);
  for (let i = 0; i < N; i++) layout.hyper.forEach((h, k) => { phis[i * D + k] = i < N - 2 ? centre[k]! + 0.2 * rng.normal() : samplePrior(h.prior, rng); });
  return phis;
}

describe('likelihood sweep (cohorts, per-group grids, budgeted calls)', () => {
  const plan = planFit(model, study());
  const layout = buildLayout(model, plan.observed);

  it('gives the same numbers whether the particles go in one call or in many', async () => {
    const N = 10, M = 32;
    const phis = particles(layout, N, 1);
    const whole = createEvaluator(model, plan, layout, M, cpu, { budgetBytes: 1e12 });
    const chunked = createEvaluator(model, plan, layout, M, cpu, { budgetBytes: 3 * bytesPerParticle(M, 3, 1, 7) });
    expect(whole.particlesPerCall.every((k) => k >= N)).toBe(true);
    expect(Math.max(...chunked.particlesPerCall)).toBeLessThanOrEqual(3);
    const eta = whole.drawEta(createRng(9));
    const a = await whole.logLikelihood(phis, N, eta);
    const b = await chunked.logLikelihood(phis, N, eta);
    expect(Array.from(b)).toEqual(Array.from(a));
    expect(whole.counters.calls).toBe(3);
    expect(chunked.counters.calls).toBeGreaterThanOrEqual(3 * Math.ceil(N / 3));
    expect(a.slice(0, N - 2).every(Number.isFinite)).toBe(true);
  });

  it('simulates each group at its own visits and agrees with a sweep on the union grid', async () => {
    const N = 8, M = 48;
    const phis = particles(layout, N, 2);
    const ev = createEvaluator(model, plan, layout, M, cpu);
    expect(plan.times.length).toBe(13);
    expect(ev.plan.cohorts.map((c) => c.times.length)).toEqual([6, 6, 7]);
    const eta = ev.drawEta(createRng(4));
    const ll = await ev.logLikelihood(phis, N, eta);
    // the pre-issue-16 sweep: every group simulated on the union grid in one call, data indexed into it
    const { params, covariates } = buildEnsembleInputs(layout, phis, N, eta, M, plan.groups.map((g) => g.covariates));
    const times = Float64Array.from(plan.times);
    const T = times.length, G = plan.groups.length, D = layout.hyper.length;
    const mr = await cpu.moments({ model, params, covariates, t0: plan.t0, times, solver: solverFor(model, 'cpu'), groupSize: M });
    const block: MomentBlock = { T, mean: mr.mean, meanOffset: 0, cov: mr.cov, m22: mr.m22, m12: mr.m12, matOffset: 0 };
    for (let p = 0; p < N; p++) {
      let ref = 0;
      for (const s of plan.series) {
        const row = (p * G + s.group) * mr.nObs + s.observable;
        block.meanOffset = row * T;
        block.matOffset = row * T * T;
        ref += seriesLogLik(block, s.data, Math.exp(phis[p * D + layout.sigmaAdd[0]!]!), Math.exp(phis[p * D + layout.sigmaProp[0]!]!), { subjects: M });
      }
      // linear PK on the CPU is propagated exactly: only rounding differs between the two grids
      if (Number.isFinite(ref)) expect(Math.abs(ll[p]! - ref), `particle ${p}`).toBeLessThan(1e-6 * Math.max(1, Math.abs(ref)));
      else expect(ll[p]).toBe(-Infinity);
    }
  });

  it('shares one cohort between groups with equal covariates when asked', () => {
    const data = study();
    data.groups[2]!.covariates = { dose: 50 };
    const p2 = planFit(model, data);
    const own = planCohorts(p2, 64);
    expect(own.cohorts.map((c) => c.groups)).toEqual([[0], [1], [2]]);
    const shared = planCohorts(p2, 64, { share: true, poolLimit: 4 });
    expect(shared.cohorts.map((c) => c.groups)).toEqual([[0, 2], [1]]);
    expect(shared.cohorts.map((c) => c.subjects)).toEqual([128, 64]);
    // the shared cohort runs at the union of both schedules, and each series finds its visits in it
    const c0 = shared.cohorts[0]!;
    expect(Array.from(c0.times)).toEqual([0.5, 1, 1.5, 2, 4, 8, 10, 16, 24]);
    for (const s of shared.series) {
      const times = shared.cohorts[s.cohort]!.times;
      expect(s.data.timeIdx.map((k) => times[k])).toEqual(s.series.source.times);
    }
  });

  it('on abort, rejects only after every call it started has settled (none outlives the sweep)', async () => {
    let inFlight = 0, started = 0;
    const ctl = new AbortController();
    const slow: typeof cpu = {
      ...cpu,
      name: 'cpu',
      description: 'slow fake',
      simulate: cpu.simulate,
      dispose: async () => {},
      async moments(req, signal) {
        inFlight++;
        started++;
        try {
          if (started === 2) ctl.abort();
          await new Promise((r) => setTimeout(r, started === 1 ? 80 : 5));
          if (signal?.aborted) throw new DOMException('aborted', 'AbortError');
          return await cpu.moments(req);
        } finally {
          inFlight--;
        }
      },
    };
    const ev = createEvaluator(model, plan, layout, 16, slow, { budgetBytes: 2 * bytesPerParticle(16, 3, 1, 7) });
    const phis = particles(layout, 6, 3);
    await expect(ev.logLikelihood(phis, 6, ev.drawEta(createRng(1)), ctl.signal)).rejects.toThrow(/abort/i);
    expect(inFlight).toBe(0);
    expect(started).toBe(2);
  });

  it('keeps one call within the byte budget', () => {
    for (const [M, T] of [[256, 10], [1024, 40], [64, 200]] as const) {
      const budget = 8 * 2 ** 20;
      const k = particlesPerCall(budget, M, 5, 2, T);
      expect(k).toBeGreaterThanOrEqual(1);
      if (bytesPerParticle(M, 5, 2, T) <= budget) expect(k * bytesPerParticle(M, 5, 2, T)).toBeLessThanOrEqual(budget);
      expect((k + 1) * bytesPerParticle(M, 5, 2, T)).toBeGreaterThan(budget);
    }
  });
});

describe('a model without random effects', () => {
  // every virtual subject is the same trajectory: one simulated subject per cohort is the same likelihood
  const spec = JSON.parse(readFileSync(PK1, 'utf8')) as ModelSpec;
  const fixed = compileSpec({ ...spec, name: 'pk-1cmt-oral (no BSV)', parameters: spec.parameters.map(({ varies: _v, omega: _o, ...p }) => p) });
  const data = study();
  const plan = planFit(fixed, data);
  const layout = buildLayout(fixed, plan.observed);

  it('has the same likelihood from one simulated subject as from many', async () => {
    expect(layout.varying).toHaveLength(0);
    const N = 6, D = layout.hyper.length;
    const rng = createRng(4);
    const phis = new Float64Array(N * D);
    const centre = [1.5, 4, 35, 0.05, 0.1].map(Math.log);
    for (let i = 0; i < N; i++) layout.hyper.forEach((h, k) => { phis[i * D + k] = centre[k] !== undefined ? centre[k]! + 0.3 * rng.normal() : samplePrior(h.prior, rng); });
    const one = createEvaluator(fixed, plan, layout, 1, cpu);
    const many = createEvaluator(fixed, plan, layout, 24, cpu);
    const a = await one.logLikelihood(phis, N, one.drawEta(createRng(1)));
    const b = await many.logLikelihood(phis, N, many.drawEta(createRng(2)));
    for (let i = 0; i < N; i++) {
      expect(Number.isFinite(a[i]!)).toBe(true);
      expect(a[i]!).toBeCloseTo(b[i]!, 8);
    }
  });

  it('is fitted with one simulated subject per cohort, and says the requested size', async () => {
    const report = await fitModel(fixed, data, { particles: 64, subjects: 48, seed: 2 }, cpu);
    expect(report.subjects).toBe(48);
    expect(Number.isFinite(report.logEvidence)).toBe(true);
    // every sweep (and the predictive) simulates particles × cohorts trajectories, not × 48
    expect(report.timing.trajectories).toBeLessThanOrEqual((report.timing.sweeps + 1) * 64 * data.groups.length);
  }, 60_000);
});
