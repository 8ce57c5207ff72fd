// A quantity that cannot be negative (a concentration, a count) is never predicted below zero: an
// observation of it is floored at 0 in the predictive bands, as an assay reports it, while the
// residual diagnostics keep comparing with the likelihood's Gaussian error.
import { afterAll, describe, expect, test } from 'vitest';
import { compileSpec } from '../../src/model/index.ts';
import { parseDataset } from '../../src/data/index.ts';
import { planFit } from '../../src/infer/plan.ts';
import { buildLayout } from '../../src/infer/population.ts';
import { flooredMoments, posteriorPredictive } from '../../src/infer/predictive.ts';
import { createRng } from '../../src/infer/rng.ts';
import { cpuBackend } from './helpers.ts';
import { assessFit } from '../../src/discover/adequacy.ts';
import type { FitReport } from '../../src/infer/report.ts';

const backend = cpuBackend();
afterAll(() => backend.dispose());

// y = A, nearly 0 (as before a dose), with an additive residual error of SD 1
const model = compileSpec({
  name: 'near-zero', states: [{ name: 'x', initial: 'A' }], equations: { x: '0' },
  parameters: [{ name: 'A', prior: { type: 'lognormal', median: 0.01, gsd: 2 }, varies: true }],
  observables: [{ name: 'y', expression: 'x' }],
  error: { model: 'additive', additive: { type: 'lognormal', median: 1, gsd: 2 } },
});

async function predictive(label: string, n: number) {
  const data = parseDataset(`time,mean,sd,n,observable\n1,0.5,0.6,${n},${label}\n2,0.5,0.6,${n},${label}\n`);
  const plan = planFit(model, data);
  const layout = buildLayout(model, plan.observed);
  // θ = 0.01, ω = 0.1, σ_add = 1 (φ holds logs)
  const phis = Float64Array.from(layout.hyper.map((h) => Math.log(h.kind === 'theta' ? 0.01 : h.kind === 'omega' ? 0.1 : 1)));
  return posteriorPredictive({ plan, layout, phis, count: 1, subjects: 64, predictTimes: [], replicates: 400, rng: createRng(3), backend });
}

/** E[max(0, Y)] and E[max(0, Y)²] for Y ~ N(v, s²) by the midpoint rule over ±12 s */
function quadrature(v: number, s: number): { m1: number; m2: number } {
  const steps = 200_000, lo = v - 12 * s, h = (24 * s) / steps;
  let m1 = 0, m2 = 0;
  for (let i = 0; i < steps; i++) {
    const y = lo + (i + 0.5) * h;
    const w = (Math.exp(-0.5 * ((y - v) / s) ** 2) / (s * Math.sqrt(2 * Math.PI))) * h;
    if (y > 0) { m1 += y * w; m2 += y * y * w; }
  }
  return { m1, m2 };
}

describe('observations floored at zero', () => {
  test('the rectified Gaussian moments match quadrature', () => {
    for (const [v, s] of [[0, 1], [0.5, 2], [-1, 0.7], [3, 0.5], [-8, 1]] as const) {
      const got = flooredMoments(v, s), want = quadrature(v, s);
      expect(got.m1).toBeCloseTo(want.m1, 5);
      expect(got.m2).toBeCloseTo(want.m2, 5);
    }
    // no error: the value itself, floored
    expect(flooredMoments(-2, 0)).toEqual({ m1: 0, m2: 0 });
    expect(flooredMoments(2, 0)).toEqual({ m1: 2, m2: 4 });
    // at 0 the mean is s/√(2π)
    expect(flooredMoments(0, 1).m1).toBeCloseTo(1 / Math.sqrt(2 * Math.PI), 6);
  });

  test('a concentration near zero has no band below zero; the diagnostics keep the Gaussian draws', async () => {
    const res = await predictive('concentration', 6);
    const s = res.series[0]!;
    for (const b of [s.mean, s.individual]) {
      expect(Math.min(...b.q05)).toBeGreaterThanOrEqual(0);
      expect(Math.min(...b.median)).toBeGreaterThanOrEqual(0);
    }
    // the floored mean of 6 observations sits near E[max(0, Y)] ≈ 0.40, not near 0.01
    const at = s.mean.times.indexOf(1);
    expect(s.mean.median[at]).toBeGreaterThan(0.3);
    expect(s.mean.median[at]).toBeLessThan(0.5);
    // the draws behind the residual z are the likelihood's: centred on A, half of them below 0
    const raw = res.draws.meanAtVisits[0]![0]!;
    const below = raw.filter((v) => v < 0).length / raw.length;
    expect(below).toBeGreaterThan(0.4);
    expect(below).toBeLessThan(0.6);
  }, 60_000);

  test('a signed quantity (a change from baseline) is not floored', async () => {
    const s = (await predictive('change from baseline', 6)).series[0]!;
    expect(Math.min(...s.mean.q05)).toBeLessThan(-0.3);
    expect(Math.min(...s.individual.q05)).toBeLessThan(-1);
  }, 60_000);

  test('a visit larger than a replicate cohort is scaled from floored moments', async () => {
    const s = (await predictive('concentration', 1_000_000)).series[0]!;
    const at = s.mean.times.indexOf(1);
    // E[max(0, Y)] for Y ~ N(0.01, 1), the subjects' spread of A being negligible
    const want = flooredMoments(0.01, 1).m1;
    expect(s.mean.median[at]).toBeCloseTo(want, 2);
    expect(s.mean.q05[at]).toBeGreaterThan(want - 0.01);
    // the SD of one floored observation: √(E² − E²)
    const f = flooredMoments(0.01, 1);
    expect(s.sd.median[at]).toBeCloseTo(Math.sqrt(f.m2 - f.m1 ** 2), 2);
  }, 60_000);

  test('a model whose own mean goes below zero is still impossible, though its bands are floored', async () => {
    // y = A − k·t falls through zero: 10 at t = 0, −12 at t = 4.4
    const falling = compileSpec({
      name: 'falling', states: [{ name: 'x', initial: 'A' }], equations: { x: '-k' },
      parameters: [{ name: 'A', prior: { type: 'lognormal', median: 10, gsd: 2 }, varies: true }, { name: 'k', prior: { type: 'lognormal', median: 5, gsd: 2 } }],
      observables: [{ name: 'y', expression: 'x' }],
      error: { model: 'additive', additive: { type: 'lognormal', median: 1, gsd: 2 } },
    });
    const data = parseDataset('time,mean,sd,n,observable\n1,5,1,6,concentration\n4.4,0.5,0.3,6,concentration\n');
    const plan = planFit(falling, data);
    const layout = buildLayout(falling, plan.observed);
    const value = { A: 10, k: 5 } as Record<string, number>;
    const phis = Float64Array.from(layout.hyper.map((h) => Math.log(h.kind === 'theta' ? value[h.name]! : h.kind === 'omega' ? 0.05 : 1)));
    const res = await posteriorPredictive({ plan, layout, phis, count: 1, subjects: 64, predictTimes: [], replicates: 50, rng: createRng(5), backend });
    const s = res.series[0]!;
    expect(Math.min(...s.mean.median)).toBeGreaterThanOrEqual(0);
    expect(s.lowestModelMean!.time).toBe(4.4);
    expect(s.lowestModelMean!.value).toBeLessThan(-10);
    const report = { predictive: res.series, diagnostics: { residuals: [] }, logEvidence: 0 } as unknown as FitReport;
    const verdict = assessFit(report, data);
    expect(verdict.adequate).toBe(false);
    expect(verdict.problems[0]).toMatch(/negative cohort mean of concentration \(-1\d\.?\d* at t = 4\.4\)/);
  }, 60_000);
});
