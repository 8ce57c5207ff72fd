// Where the model's clock starts (src/data/time-origin.ts): a dose anchors time zero; without one,
// counts in calendar years start at the first visit. An autonomous model then gives the same
// likelihood whether the census is dated 1790–1970 or 0–180, and its priors the same scales.
import { afterAll, describe, expect, it } from 'vitest';
import type { Dataset } from '../../src/data/types.ts';
import { timeOrigin } from '../../src/data/time-origin.ts';
import { dataScales, motifById } from '../../src/discover/library/index.ts';
import { createEvaluator } from '../../src/infer/evaluate.ts';
import { planFit } from '../../src/infer/plan.ts';
import { buildLayout, samplePrior } from '../../src/infer/population.ts';
import { createRng } from '../../src/infer/rng.ts';
import { compileSpec } from '../../src/model/index.ts';
import { cpuBackend } from './helpers.ts';

const cpu = cpuBackend();
afterAll(async () => { await cpu.dispose(); });

/** the US census (millions) every 20 years from `from` */
function census(from: number, dose?: number): Dataset {
  const times = Array.from({ length: 10 }, (_, i) => from + 20 * i);
  const mean = times.map((t) => 197 / (1 + 49 * Math.exp(-0.0313 * (t - from))));
  return {
    observables: [{ name: 'population', unit: 'millions' }],
    groups: [{ name: 'all', covariates: dose ? { dose } : {} }],
    series: [{ observable: 'population', group: 'all', times, mean, sd: mean.map((m) => 0.05 * m), n: times.map(() => 10) }],
    source: { format: 'aggregate', rows: 10 },
  };
}

describe('the time origin', () => {
  it('is zero when a dose anchors it or the first visit is early, else the first visit', () => {
    expect(timeOrigin(1790, 1970, false)).toBe(1790);
    expect(timeOrigin(1790, 1970, true)).toBe(0);
    expect(timeOrigin(14, 84, false)).toBe(0); // soybean: day 14 of 14–84 still counts from planting
    expect(timeOrigin(-0.5, 24, true)).toBe(-0.5); // a pre-dose sample
    expect(timeOrigin(0, 24, false)).toBe(0);
  });

  it('gives calendar-year data the scales and the likelihood of the same data counted from zero', async () => {
    const years = census(1790), zero = census(0);
    const sy = dataScales(years), s0 = dataScales(zero);
    expect(sy.tMax).toBe(s0.tMax);
    expect(sy.tFirst).toBe(s0.tFirst);
    const spec = motifById('growth-logistic')!.build(s0);
    expect(motifById('growth-logistic')!.build(sy)).toEqual(spec);
    const model = compileSpec(spec);
    const planY = planFit(model, years), plan0 = planFit(model, zero);
    expect(planY.t0).toBe(1790);
    expect(planY.warnings.join(' ')).toMatch(/first visit is at 1790/);
    expect(plan0.t0).toBe(0);
    const layout = buildLayout(model, plan0.observed);
    const rng = createRng(3), N = 6, D = layout.hyper.length;
    const phis = new Float64Array(N * D);
    for (let i = 0; i < N * D; i++) phis[i] = samplePrior(layout.hyper[i % D]!.prior, rng);
    const evY = createEvaluator(model, planY, layout, 16, cpu), ev0 = createEvaluator(model, plan0, layout, 16, cpu);
    const eta = ev0.drawEta(createRng(5));
    const a = await ev0.logLikelihood(phis, N, eta), b = await evY.logLikelihood(phis, N, eta);
    for (let i = 0; i < N; i++) {
      if (Number.isFinite(a[i]!)) expect(b[i]!).toBeCloseTo(a[i]!, 4);
      else expect(Number.isFinite(b[i]!)).toBe(false);
    }
    // a dosed study keeps time zero at the dose
    expect(planFit(model, census(1790, 100)).t0).toBe(0);
  });
});
