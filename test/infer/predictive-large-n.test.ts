// The posterior predictive of the cohort mean and SD does the same work whatever the visits' n
// (replicate cohorts larger than EXACT_COHORT_MAX are scaled from that many draws), and for a
// large n its spread is the sampling distribution's: SD of the mean = σ/√n.
import { afterAll, describe, expect, test } from 'vitest';
import { compileSpec } from '../../src/model/index.ts';
import { parseDataset } from '../../src/data/index.ts';
import { planFit } from '../../src/infer/plan.ts';
import { buildLayout } from '../../src/infer/population.ts';
import { EXACT_COHORT_MAX, posteriorPredictive } from '../../src/infer/predictive.ts';
import { createRng, type Rng } from '../../src/infer/rng.ts';
import { cpuBackend } from './helpers.ts';

const backend = cpuBackend();
afterAll(() => backend.dispose());

// y = A for each subject: log-normal between subjects (ω), additive residual error
const model = compileSpec({
  name: 'constant', states: [{ name: 'x', initial: 'A' }], equations: { x: '0' },
  parameters: [{ name: 'A', prior: { type: 'lognormal', median: 10, gsd: 2 }, varies: true }],
  observables: [{ name: 'y', expression: 'x' }],
  error: { model: 'additive', additive: { type: 'lognormal', median: 1, gsd: 2 } },
});

/** counts the random numbers drawn: the work of the replicate cohorts */
function counting(rng: Rng): Rng & { draws: () => number } {
  let n = 0;
  const wrap = (r: Rng): Rng => ({ uniform: () => (n++, r.uniform()), normal: () => (n++, r.normal()), int: (k) => (n++, r.int(k)), fork: () => wrap(r.fork()) });
  return Object.assign(wrap(rng), { draws: () => n });
}

async function predictive(n: number) {
  const data = parseDataset(`time,mean,sd,n\n1,10,3,${n}\n2,10,3,${n}\n`);
  const plan = planFit(model, data);
  const layout = buildLayout(model, plan.observed);
  // θ = 10, ω = 0.3, σ_add = 1 (φ holds logs)
  const phis = Float64Array.from(layout.hyper.map((h) => Math.log(h.kind === 'theta' ? 10 : h.kind === 'omega' ? 0.3 : 1)));
  const rng = counting(createRng(7));
  const res = await posteriorPredictive({ plan, layout, phis, count: 1, subjects: 128, predictTimes: [], replicates: 200, rng, backend });
  return { res, draws: rng.draws() };
}

describe('posterior predictive with large n', () => {
  test('the work does not grow with n', async () => {
    const small = await predictive(EXACT_COHORT_MAX * 4);
    const large = await predictive(100_000);
    expect(large.draws).toBe(small.draws);
  }, 60_000);

  test('the spread of the predicted cohort mean and SD shrinks as 1/√n', async () => {
    const n = 1_000_000;
    const { res } = await predictive(n);
    const meanDraws = res.draws.meanAtVisits[0]![0]!;
    const sdOf = (a: Float64Array) => {
      const m = a.reduce((s, v) => s + v, 0) / a.length;
      return Math.sqrt(a.reduce((s, v) => s + (v - m) ** 2, 0) / (a.length - 1));
    };
    // σ of one observation: log-normal spread of A (CV ≈ 30%) plus the residual SD 1
    const sigma = Math.sqrt((10 * Math.sqrt(Math.expm1(0.09))) ** 2 + 1);
    const expected = sigma / Math.sqrt(n);
    // 200 replicates: the sample SD is within ±25% with near certainty; the 128 virtual subjects add a little
    expect(sdOf(meanDraws)).toBeGreaterThan(0.6 * expected);
    expect(sdOf(meanDraws)).toBeLessThan(1.4 * expected);
    // the predicted SD sits at σ with a spread of order σ/√n, never 0 or negative
    const sds = res.draws.logSdAtVisits[0]![0]!.map(Math.exp);
    expect(Math.min(...sds)).toBeGreaterThan(0.8 * sigma);
    expect(Math.max(...sds)).toBeLessThan(1.2 * sigma);
    expect(sdOf(sds)).toBeLessThan(0.01 * sigma);
  }, 60_000);
});
