// Censored visits (below the LLOQ) and unequal n across visits, against brute force: the binomial
// term against the empirical frequency of counts below the LLOQ in simulated cohorts, and the
// nested-overlap covariance of visit means against cohorts with drop-out.
import { describe, expect, it } from 'vitest';
import { censoredLogLik, logFractionBelow, logMeanBelow, logNormalCdf } from '../../src/infer/censored.ts';
import { seriesGaussian, seriesLogLik, gaussianLogDensity, type MomentBlock, type SeriesData } from '../../src/infer/likelihood.ts';
import { censoredVisits } from '../../src/infer/plan.ts';
import { createRng, type Rng } from '../../src/infer/rng.ts';
import { sampleMoments } from '../../src/infer/sample-moments.ts';

const times = [0.5, 2, 6, 12, 24];
const T = times.length;
const sa = 0.05, sp = 0.1;

function subject(rng: Rng): number[] {
  const A = 10 * Math.exp(0.3 * rng.normal());
  const k = 0.15 * Math.exp(0.4 * rng.normal());
  return times.map((t) => A * Math.exp(-k * t));
}
const observe = (rng: Rng, f: number) => f + Math.sqrt(sa * sa + sp * sp * f * f) * rng.normal();

function population(rng: Rng, N: number): MomentBlock {
  const vals = new Float64Array(N * T);
  for (let i = 0; i < N; i++) vals.set(subject(rng), i * T);
  const m = sampleMoments(vals, N, T);
  return { T, mean: m.mean, meanOffset: 0, cov: m.cov, m22: m.m22, m12: m.m12, matOffset: 0 };
}

describe('normal CDF in logs', () => {
  it('matches tabulated values and stays finite in the far tail', () => {
    expect(Math.exp(logNormalCdf(0))).toBeCloseTo(0.5, 7);
    expect(Math.exp(logNormalCdf(1.959964))).toBeCloseTo(0.975, 6);
    expect(Math.exp(logNormalCdf(-1.959964))).toBeCloseTo(0.025, 6);
    // Φ(−10) = 7.6198530e-24; log Φ(−40) = −804.6084 (Φ underflows as a double, not in logs)
    expect(logNormalCdf(-10)).toBeCloseTo(Math.log(7.619853e-24), 4);
    expect(logNormalCdf(-40)).toBeCloseTo(-804.6084, 2);
    expect(logNormalCdf(40)).toBeCloseTo(0, 12);
  });
});

describe('visits below the LLOQ', () => {
  it('the predicted fraction below the LLOQ matches the brute-force fraction in simulated cohorts', () => {
    const rng = createRng(11);
    const pop = population(rng, 100_000);
    for (const [t, lloq] of [[3, 1.2], [4, 0.3], [2, 2.5]] as const) {
      const mu = pop.mean[t];
      const S = pop.cov[t * T + t];
      const V = S + sa * sa + sp * sp * (mu * mu + S);
      const p = Math.exp(logFractionBelow(lloq, mu, V).below);
      let below = 0;
      const R = 100_000;
      for (let i = 0; i < R; i++) if (observe(rng, subject(rng)[t]) < lloq) below++;
      // a moment-matched log-normal of a skewed population: within 4 percentage points
      expect(Math.abs(p - below / R), `t = ${times[t]}, LLOQ ${lloq}`).toBeLessThan(0.04);
      expect(p).toBeGreaterThan(0.02);
    }
  });

  it('the binomial term is the log-probability of the observed count', () => {
    const c = { k: 0, lloq: 1, below: 3, n: 10, all: false };
    const f = logFractionBelow(1, 2, 1);
    const P = Math.exp(f.below);
    const direct = Math.log(120 * P ** 3 * (1 - P) ** 7);
    expect(censoredLogLik(c, 2, 1)).toBeCloseTo(direct, 10);
    // everyone below where the model predicts nothing: probability ≈ 1
    expect(censoredLogLik({ k: 0, lloq: 0.5, below: 4, n: 4, all: true }, 0, 0.01)).toBeCloseTo(0, 4);
    // everyone below where the model predicts 10 ± 1: hopeless, but finite
    const hopeless = censoredLogLik({ k: 0, lloq: 0.5, below: 4, n: 4, all: true }, 10, 1);
    expect(hopeless).toBeLessThan(-100);
    expect(Number.isFinite(hopeless)).toBe(true);
  });

  it('a visit reported as mean 0, SD 0 is read as all below the LLOQ, and a count without an LLOQ is reported', () => {
    const warnings: string[] = [];
    const s = { observable: 'conc', group: 'a', times: [0.5, 1, 2], mean: [0, 3, 2], sd: [0, 1, 0.5], n: [4, 20, 20], nBlq: [null, 2, null] };
    const c = censoredVisits(s, 2, 'group "a"', warnings);
    expect(c).toEqual([{ k: 0, lloq: 2, below: 4, n: 4, all: true }]);
    expect(warnings.join('\n')).toMatch(/t = 0\.5 .*smallest positive visit mean \(2\)/);
    expect(warnings.join('\n')).toMatch(/t = 1 .*give no LLOQ/);
    const stated = censoredVisits({ ...s, lloq: [0.1, 0.1, 0.1] }, 2, 'x', []);
    expect(stated).toEqual([{ k: 0, lloq: 0.1, below: 4, n: 4, all: true }, { k: 1, lloq: 0.1, below: 2, n: 20, all: false }]);
  });

  it('a wholly censored visit leaves the Gaussian of the other visits unchanged (marginalised) and adds its binomial term', () => {
    const rng = createRng(3);
    const pop = population(rng, 20_000);
    const full: SeriesData = { timeIdx: [0, 1, 2, 3, 4], mean: [9, 7, 4, 1.7, 0], sd: [3, 2.5, 1.6, 0.9, 0], n: [12, 12, 12, 12, 12], floorVar: 0, censored: [{ k: 4, lloq: 0.4, below: 12, n: 12, all: true }] };
    const rest: SeriesData = { timeIdx: [0, 1, 2, 3], mean: [9, 7, 4, 1.7], sd: [3, 2.5, 1.6, 0.9], n: [12, 12, 12, 12], floorVar: 0 };
    const opts = { subjects: 20_000 };
    const mu = pop.mean[4], S = pop.cov[4 * T + 4];
    const expected = gaussianLogDensity(seriesGaussian(pop, rest, sa, sp, opts)) + censoredLogLik(full.censored![0]!, mu, S + sa * sa + sp * sp * (mu * mu + S));
    expect(seriesLogLik(pop, full, sa, sp, opts)).toBeCloseTo(expected, 9);
  });
});

describe('unequal n across visits (nested overlap)', () => {
  it('with drop-out (visit k sees the first n_k subjects) the covariance of visit means is V_kl / max(n_k, n_l)', () => {
    const rng = createRng(5);
    const pop = population(rng, 100_000);
    const n = [30, 24, 18, 12, 6];
    const s: SeriesData = { timeIdx: [0, 1, 2, 3, 4], mean: [0, 0, 0, 0, 0], sd: [null, null, null, null, null], n, floorVar: 0 };
    const g = seriesGaussian(pop, s, sa, sp, { subjects: 1e15 });
    const R = 20_000;
    const zs: number[][] = [];
    for (let r = 0; r < R; r++) {
      const ys = Array.from({ length: n[0] }, () => subject(rng).map((f) => observe(rng, f)));
      zs.push(n.map((nk, k) => ys.slice(0, nk).reduce((a, y) => a + y[k], 0) / nk));
    }
    const mean = times.map((_, k) => zs.reduce((a, z) => a + z[k], 0) / R);
    for (let k = 0; k < T; k++) {
      for (let l = k; l < T; l++) {
        const emp = zs.reduce((a, z) => a + (z[k] - mean[k]) * (z[l] - mean[l]), 0) / (R - 1);
        const pred = g.K[k * g.dim + l];
        // sampling error of a covariance estimate from R cohorts: about √(2/R) ≈ 1% relative
        expect(Math.abs(emp - pred) / Math.sqrt(g.K[k * g.dim + k] * g.K[l * g.dim + l])).toBeLessThan(0.04);
      }
    }
  });
});

// A table that reports a visit's mean only as "BLQ": the cohort mean was below the LLOQ.
describe('a censored mean', () => {
  it('is the probability that the mean of n subjects lies below the LLOQ, against simulated cohorts', () => {
    const rng = createRng(5);
    const pop = population(rng, 50_000);
    const t = 4, n = 6;
    const mu = pop.mean[t], S = pop.cov[t * T + t];
    const V = S + sa * sa + sp * sp * (mu * mu + S);
    for (const lloq of [mu * 0.8, mu, mu * 1.25]) {
      const p = Math.exp(logMeanBelow(lloq, mu, V, n));
      let below = 0;
      const R = 40_000;
      for (let i = 0; i < R; i++) {
        let sum = 0;
        for (let j = 0; j < n; j++) sum += observe(rng, subject(rng)[t]);
        if (sum / n < lloq) below++;
      }
      // a moment-matched log-normal for the mean of six skewed values: within 4 percentage points, as for one
      expect(Math.abs(p - below / R), `LLOQ ${lloq}`).toBeLessThan(0.04);
    }
    const c = { k: t, lloq: mu, below: 0, n, all: true, meanBelow: true };
    expect(censoredLogLik(c, mu, V)).toBeCloseTo(logFractionBelow(mu, mu, V / n).below, 12);
    // a model that predicts nothing there: certain; one that predicts far above: hopeless but finite
    expect(censoredLogLik(c, 0, 0)).toBe(0);
    expect(censoredLogLik({ ...c, lloq: 0.1 }, 10, 1)).toBeLessThan(-100);
  });

  it('comes from the data as a visit of its own kind, with the smallest positive mean standing in for an unstated LLOQ', () => {
    const warnings: string[] = [];
    const s = { observable: 'conc', group: 'a', times: [0, 1, 24], mean: [0, 3, 0.25], sd: [null, 1, null], n: [12, 12, 12], lloq: [null, null, 0.5], meanBelowLloq: [true, false, true] };
    expect(censoredVisits(s, 3, 'group "a"', warnings)).toEqual([
      { k: 0, lloq: 3, below: 0, n: 12, all: true, meanBelow: true },
      { k: 2, lloq: 0.5, below: 0, n: 12, all: true, meanBelow: true },
    ]);
    expect(warnings.join('\n')).toMatch(/t = 0 .*smallest positive visit mean \(3\)/);
  });
});
