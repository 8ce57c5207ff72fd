// The likelihood sweep on the WebGPU backend (f32, on-device moment reduction; Dawn on
// SwiftShader here) agrees with the CPU backend (f64), and a small fit runs end to end on it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getNodeGpu } from '../helpers/gpu.ts';
import { createCpuBackend, createWebGpuBackend, type EnsembleBackend } from '../../src/simulate/index.ts';
import { createEvaluator } from '../../src/infer/evaluate.ts';
import { bytesPerParticle } from '../../src/infer/cohorts.ts';
import { planFit } from '../../src/infer/plan.ts';
import { buildLayout, drawEta, samplePrior } from '../../src/infer/population.ts';
import { createRng } from '../../src/infer/rng.ts';
import { fitModel, simulateCohort } from '../../src/infer/index.ts';
import { loadModel, PK1, TIMES_11 } from './helpers.ts';

let gpu: EnsembleBackend;
const cpu = createCpuBackend({ workers: 2 });
beforeAll(async () => { gpu = await createWebGpuBackend({ gpu: await getNodeGpu() }); });
afterAll(async () => { await gpu?.dispose(); await cpu.dispose(); });

const model = loadModel(PK1);
const truth = { theta: { ka: 1.2, CL: 4, V: 40 }, omega: { ka: 0.3, CL: 0.3, V: 0.2 }, sigma: { additive: 0.05, proportional: 0.1 } };

describe('inference on both backends', () => {
  it('gives the same log-likelihoods on WebGPU (f32) and CPU (f64)', async () => {
    const { dataset } = await simulateCohort(model, truth, { times: TIMES_11, n: 20 }, 8, cpu);
    const plan = planFit(model, dataset);
    const layout = buildLayout(model, plan.observed);
    const D = layout.hyper.length, N = 12, M = 64;
    const rng = createRng(3);
    const phis = new Float64Array(N * D);
    // particles near the truth (where the likelihood matters) and a few from the prior
    for (let i = 0; i < N; i++) {
      layout.hyper.forEach((h, k) => { phis[i * D + k] = samplePrior(h.prior, rng); });
      if (i < 8) {
        [1.2, 4, 40, 0.3, 0.3, 0.2, 0.05, 0.1].forEach((v, k) => { phis[i * D + k] = Math.log(v) + 0.1 * rng.normal(); });
      }
    }
    const eta = drawEta(rng, 1, M, layout.varying.length);
    const llCpu = await createEvaluator(model, plan, layout, M, cpu).logLikelihood(phis, N, eta);
    const llGpu = await createEvaluator(model, plan, layout, M, gpu).logLikelihood(phis, N, eta);
    for (let i = 0; i < 8; i++) {
      expect(Number.isFinite(llCpu[i])).toBe(true);
      expect(Math.abs(llGpu[i] - llCpu[i]), `particle ${i}: ${llGpu[i]} vs ${llCpu[i]}`).toBeLessThan(5e-3);
    }
    for (let i = 8; i < N; i++) {
      if (Number.isFinite(llCpu[i])) expect(Math.abs(llGpu[i] - llCpu[i]) / Math.max(1, Math.abs(llCpu[i]))).toBeLessThan(1e-4);
    }
  });

  it('agrees with the CPU on a multi-group study cut into budgeted calls (one cohort per group, own visits)', async () => {
    const groups: [string, number, number[]][] = [['low', 50, [0.5, 1, 2, 4, 8, 24]], ['high', 200, [0.25, 1, 3, 6, 12, 24]]];
    const series = groups.map(([group, dose, times]) => {
      const mean = times.map((t) => (dose / 40) * (1.2 / (1.2 - 0.1)) * (Math.exp(-0.1 * t) - Math.exp(-1.2 * t)));
      return { observable: 'conc', group, times, mean, sd: mean.map((m) => 0.3 * m), n: times.map(() => 12) };
    });
    const plan = planFit(model, { observables: [{ name: 'conc' }], groups: groups.map(([name, dose]) => ({ name, covariates: { dose } })), series, source: { format: 'aggregate', rows: 12 } });
    const layout = buildLayout(model, plan.observed);
    const D = layout.hyper.length, N = 9, M = 64;
    const rng = createRng(5);
    const phis = new Float64Array(N * D);
    for (let i = 0; i < N; i++) [1.2, 4, 40, 0.3, 0.3, 0.2, 0.05, 0.1].forEach((v, k) => { phis[i * D + k] = Math.log(v) + 0.1 * rng.normal(); });
    const opts = { budgetBytes: 3 * bytesPerParticle(M, 3, 1, 6) };
    const evCpu = createEvaluator(model, plan, layout, M, cpu, opts);
    const evGpu = createEvaluator(model, plan, layout, M, gpu, opts);
    expect(evGpu.particlesPerCall.every((k) => k < N)).toBe(true);
    const eta = evCpu.drawEta(rng);
    const llCpu = await evCpu.logLikelihood(phis, N, eta);
    const llGpu = await evGpu.logLikelihood(phis, N, eta);
    expect(evGpu.counters.calls).toBeGreaterThan(2);
    for (let i = 0; i < N; i++) {
      expect(Number.isFinite(llCpu[i])).toBe(true);
      expect(Math.abs(llGpu[i] - llCpu[i]), `particle ${i}: ${llGpu[i]} vs ${llCpu[i]}`).toBeLessThan(5e-3);
    }
  });

  it('runs a small fit end to end on WebGPU', async () => {
    const { dataset } = await simulateCohort(model, truth, { times: TIMES_11, n: 20 }, 9, cpu);
    const report = await fitModel(model, dataset, { particles: 48, subjects: 32, seed: 1, screening: true, predictTimes: [36] }, gpu);
    expect(report.backend).toBe('webgpu');
    expect(Number.isFinite(report.logEvidence)).toBe(true);
    expect(report.predictive[0].mean.times).toContain(36);
    expect(report.parameters.CL.median).toBeGreaterThan(2);
    expect(report.parameters.CL.median).toBeLessThan(8);
  }, 120_000);
});
