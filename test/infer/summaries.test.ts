// Posterior summaries and diagnostics on particle sets with known properties, and a small
// calibration study (the full one is `npm run validate:calibration`).
import { afterAll, describe, expect, it } from 'vitest';
import { cvPercent, quantiles, quantileSorted, summarizePosterior } from '../../src/infer/results.ts';
import { identifiability } from '../../src/infer/diagnostics.ts';
import { buildLayout } from '../../src/infer/population.ts';
import { createRng } from '../../src/infer/rng.ts';
import { runCalibration } from '../../src/infer/calibration.ts';
import { cpuBackend, loadModel, PK1 } from './helpers.ts';

const model = loadModel(PK1);
const layout = buildLayout(model, [{ observable: 0, scale: 2 }]);
const D = layout.hyper.length;

describe('posterior summaries', () => {
  it('computes quantiles and CV%', () => {
    expect(quantileSorted([1, 2, 3, 4, 5], 0.5)).toBe(3);
    expect(quantileSorted([0, 10], 0.05)).toBeCloseTo(0.5, 12);
    const q = quantiles(Float64Array.from({ length: 1001 }, (_, i) => i));
    expect([q.q05, q.q25, q.median, q.q75, q.q95]).toEqual([50, 250, 500, 750, 950]);
    // a log-normal with ω = 0.3 has CV √(e^0.09 − 1) = 30.7%
    expect(cvPercent(0.3)).toBeCloseTo(30.69, 2);
  });

  it('reports θ, ω and σ on the natural scale', () => {
    const N = 400, rng = createRng(1);
    const phi = new Float64Array(N * D);
    const centre = [1, 5, 50, 0.3, 0.2, 0.25, 0.05, 0.1].map(Math.log);
    for (let i = 0; i < N; i++) for (let k = 0; k < D; k++) phi[i * D + k] = centre[k] + 0.05 * rng.normal();
    const s = summarizePosterior(layout, model.parameterNames, phi, N);
    expect(s.parameters.V.median).toBeGreaterThan(48);
    expect(s.parameters.V.median).toBeLessThan(52);
    expect(s.bsv.CL.omega.median).toBeCloseTo(0.2, 1);
    expect(s.bsv.CL.cvPercent).toBeCloseTo(cvPercent(s.bsv.CL.omega.median), 10);
    expect(Object.keys(s.residualError).sort()).toEqual(['additive', 'proportional']);
  });
});

describe('identifiability diagnostics', () => {
  it('flags strongly correlated pairs, weak contraction and posteriors far out in the prior', () => {
    const N = 500, rng = createRng(2);
    const phi = new Float64Array(N * D);
    for (let i = 0; i < N; i++) {
      const z = rng.normal();
      phi[i * D + 0] = 0.05 * z;                           // ka: well informed
      phi[i * D + 1] = Math.log(5) + 0.05 * z + 0.005 * rng.normal(); // CL moves with ka
      phi[i * D + 2] = Math.log(50) + 3 * Math.log(3) + 0.05 * rng.normal(); // V: 3 prior SDs out
      for (let k = 3; k < D; k++) phi[i * D + k] = (layout.hyper[k].prior as { mean: number }).mean + (layout.hyper[k].prior as { sd: number }).sd * rng.normal(); // = prior
    }
    const id = identifiability(layout, phi, N);
    expect(id.correlated.map((c) => [c.a, c.b])).toEqual([['ka', 'CL']]);
    expect(id.contraction.ka).toBeLessThan(0.1);
    expect(id.contraction.omega_ka).toBeGreaterThan(0.85);
    expect(id.atPriorEdge).toEqual(['V']);
  });
});

describe('calibration (small)', () => {
  const backend = cpuBackend();
  afterAll(() => backend.dispose());
  it('posterior intervals cover truths drawn from the priors', async () => {
    const decay = loadModel('public/examples/models/decay-exponential.json');
    const { summary, rows } = await runCalibration([{ model: decay, times: [0, 1, 2, 4, 6, 8, 12, 16] }], { cohorts: 3, seed: 5, particles: 64, subjects: 32, screening: true }, backend);
    expect(summary.failed).toBe(0);
    expect(rows).toHaveLength(3);
    expect(summary.theta.count).toBe(6);
    expect(summary.omega.count).toBe(6);
    const checks = rows.flatMap((r) => r.checks);
    // 12 checks of nominal 90% intervals: far fewer than 8 covered would mean broken intervals
    expect(checks.filter((c) => c.in90).length).toBeGreaterThanOrEqual(8);
    expect(Number.isFinite(summary.theta.zSd)).toBe(true);
  }, 240_000);
});
