// Recovery on the CPU backend: n = 20 subjects, 11 visits, one-compartment oral PK, fixed seed.
// Posterior medians of ka, CL, V within 20% of the truth; ω within a factor of 2.
// Smaller SMC settings than the defaults (96 particles × 48 virtual subjects) keep it fast.
import { afterAll, describe, expect, it } from 'vitest';
import { fitModel, simulateCohort } from '../../src/infer/index.ts';
import { cpuBackend, loadModel, PK1, TIMES_11 } from './helpers.ts';

const backend = cpuBackend();
afterAll(() => backend.dispose());

describe('population fit recovers the truth', () => {
  it('one-compartment oral, n = 20, 11 visits', async () => {
    const model = loadModel(PK1);
    const truth = { theta: { ka: 1.2, CL: 4, V: 40 }, omega: { ka: 0.3, CL: 0.3, V: 0.2 }, sigma: { additive: 0.05, proportional: 0.1 } };
    const { dataset } = await simulateCohort(model, truth, { times: TIMES_11, n: 20 }, 2024, backend);
    const progress: number[] = [];
    const report = await fitModel(model, dataset, { particles: 96, subjects: 48, seed: 7 }, backend, { onProgress: (p) => progress.push(p.fraction) });
    for (const name of ['ka', 'CL', 'V'] as const) {
      const est = report.parameters[name].median;
      expect(Math.abs(est / truth.theta[name] - 1), `${name}: ${est}`).toBeLessThan(0.2);
      const w = report.bsv[name].omega.median;
      expect(w / truth.omega[name], `omega ${name}: ${w}`).toBeGreaterThan(0.5);
      expect(w / truth.omega[name], `omega ${name}: ${w}`).toBeLessThan(2);
      expect(report.parameters[name].q05).toBeLessThan(report.parameters[name].q95);
    }
    expect(Number.isFinite(report.logEvidence)).toBe(true);
    expect(report.logEvidenceSE).toBeGreaterThan(0);
    expect(report.timing.sweeps).toBeGreaterThan(3);
    expect(report.diagnostics.residuals).toHaveLength(11);
    expect(report.diagnostics.failedFraction).toBeLessThan(0.01);
    expect(report.predictive[0].mean.times.length).toBeGreaterThanOrEqual(11);
    expect(progress.at(-1)).toBe(1);
    // a well-specified fit: standardized residuals of the means stay moderate
    for (const r of report.diagnostics.residuals) expect(Math.abs(r.meanZ)).toBeLessThan(3.5);
  }, 240_000);
});
