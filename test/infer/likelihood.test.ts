// The aggregate likelihood's Gaussian for (visit means, log visit variances) against brute-force
// Monte Carlo of the sampling distribution of real cohorts.
import { describe, expect, it } from 'vitest';
import { createRng, type Rng } from '../../src/infer/rng.ts';
import { choleskyInPlace, gaussianLogDensity, seriesGaussian, seriesLogLik, type MomentBlock, type SeriesData } from '../../src/infer/likelihood.ts';
import { sampleMoments } from '../../src/infer/sample-moments.ts';

const times = [0.5, 2, 6, 12];
const T = times.length;

/** one subject's noise-free trajectory: a skewed, correlated population (log-normal A and k) */
function subject(rng: Rng): number[] {
  const A = 10 * Math.exp(0.3 * rng.normal());
  const k = 0.15 * Math.exp(0.4 * rng.normal());
  return times.map((t) => A * Math.exp(-k * t));
}

function population(rng: Rng, N: number): MomentBlock {
  const vals = new Float64Array(N * T);
  for (let i = 0; i < N; i++) vals.set(subject(rng), i * T);
  const m = sampleMoments(vals, N, T);
  return { T, mean: m.mean, meanOffset: 0, cov: m.cov, m22: m.m22, m12: m.m12, matOffset: 0 };
}

function cohortStats(rng: Rng, n: number, sa: number, sp: number): { mean: number[]; sd: number[] } {
  const sum = new Float64Array(T), sum2 = new Float64Array(T);
  const ys: number[][] = [];
  for (let i = 0; i < n; i++) {
    const f = subject(rng);
    ys.push(f.map((v) => v + Math.sqrt(sa * sa + sp * sp * v * v) * rng.normal()));
  }
  for (const y of ys) for (let t = 0; t < T; t++) sum[t] += y[t];
  const mean = Array.from(sum, (s) => s / n);
  for (const y of ys) for (let t = 0; t < T; t++) sum2[t] += (y[t] - mean[t]) ** 2;
  return { mean, sd: Array.from(sum2, (s) => Math.sqrt(s / (n - 1))) };
}

describe('aggregate likelihood', () => {
  it('matches the brute-force sampling distribution of visit means and log variances', () => {
    const rng = createRng(7);
    const pop = population(rng, 200_000);
    const n = 20, sa = 0.3, sp = 0.1, R = 20_000;
    const s: SeriesData = { timeIdx: [0, 1, 2, 3], mean: [0, 0, 0, 0], sd: [1, 1, 1, 1], n: [n, n, n, n], floorVar: 0 };
    const g = seriesGaussian(pop, s, sa, sp, { subjects: 1e15 });
    const dim = g.dim;
    expect(dim).toBe(8);
    const zs: Float64Array[] = [];
    const zMean = new Float64Array(dim);
    for (let r = 0; r < R; r++) {
      const c = cohortStats(rng, n, sa, sp);
      const z = new Float64Array([...c.mean, ...c.sd.map((x) => Math.log(x * x))]);
      zs.push(z);
      for (let i = 0; i < dim; i++) zMean[i] += z[i] / R;
    }
    const C = new Float64Array(dim * dim);
    for (const z of zs) for (let i = 0; i < dim; i++) for (let j = 0; j < dim; j++) C[i * dim + j] += ((z[i] - zMean[i]) * (z[j] - zMean[j])) / (R - 1);
    for (let i = 0; i < dim; i++) {
      const sdi = Math.sqrt(C[i * dim + i]);
      // predicted mean within 0.06 sampling SDs; SDs of visit means within 3%; SDs of log
      // variances within −5%…+10% (the delta method is slightly conservative at n = 20)
      const ratio = Math.sqrt(g.K[i * dim + i]) / sdi;
      expect(Math.abs(zMean[i] - g.m[i]) / sdi).toBeLessThan(0.06);
      expect(ratio).toBeGreaterThan(i < T ? 0.97 : 0.95);
      expect(ratio).toBeLessThan(i < T ? 1.03 : 1.1);
      for (let j = 0; j < dim; j++) {
        const rhoMc = C[i * dim + j] / Math.sqrt(C[i * dim + i] * C[j * dim + j]);
        const rhoF = g.K[i * dim + j] / Math.sqrt(g.K[i * dim + i] * g.K[j * dim + j]);
        expect(Math.abs(rhoMc - rhoF)).toBeLessThan(0.05);
      }
    }
  });

  it('log variances of heavy-tailed and of small Gaussian cohorts: the sampling distribution, not the delta method', () => {
    // one visit, a log-normal population (ω) or a Gaussian one, no residual error
    const cases = [
      { draw: (r: Rng) => 80 * Math.exp(1.0 * r.normal()), n: 30, sdRatio: [0.95, 1.4], what: 'log-normal ω = 1, n = 30' },
      { draw: (r: Rng) => 80 * Math.exp(0.7 * r.normal()), n: 8, sdRatio: [0.95, 1.35], what: 'log-normal ω = 0.7, n = 8' },
      { draw: (r: Rng) => 80 + 5 * r.normal(), n: 3, sdRatio: [0.97, 1.03], what: 'Gaussian, n = 3' },
    ];
    for (const c of cases) {
      const rng = createRng(11);
      const N = 400_000;
      const vals = new Float64Array(N);
      for (let i = 0; i < N; i++) vals[i] = c.draw(rng);
      const mom = sampleMoments(vals, N, 1);
      const pop: MomentBlock = { T: 1, mean: mom.mean, meanOffset: 0, cov: mom.cov, m22: mom.m22, m12: mom.m12, matOffset: 0 };
      const g = seriesGaussian(pop, { timeIdx: [0], mean: [0], sd: [1], n: [c.n], floorVar: 0 }, 0, 0, { subjects: 1e15 });
      const R = 40_000;
      let sum = 0, sum2 = 0;
      for (let r = 0; r < R; r++) {
        let a = 0, b = 0;
        const xs = Array.from({ length: c.n }, () => c.draw(rng));
        for (const x of xs) a += x / c.n;
        for (const x of xs) b += (x - a) ** 2 / (c.n - 1);
        sum += Math.log(b); sum2 += Math.log(b) ** 2;
      }
      const mean = sum / R, sd = Math.sqrt(sum2 / R - mean * mean);
      const ratio = Math.sqrt(g.K[3]!) / sd;
      // the delta method had given the log-normal ω = 1 visit an SD 2–3 times too wide and a mean 1.7 SDs or more too low, and the Gaussian n = 3 one an SD 22% too narrow
      expect(ratio, c.what).toBeGreaterThan(c.sdRatio[0]!);
      expect(ratio, c.what).toBeLessThan(c.sdRatio[1]!);
      expect(Math.abs(g.m[1]! - mean) / sd, c.what).toBeLessThan(c.n === 3 ? 0.03 : 0.3);
    }
  });

  it('uses the mean part alone for mean-only visits, and a variance floor keeps it finite', () => {
    const rng = createRng(3);
    const pop = population(rng, 5000);
    const s: SeriesData = { timeIdx: [0, 1, 2, 3], mean: [9, 8, 4, 2], sd: [null, 2, null, 0], n: [12, 12, 12, 12], floorVar: 1e-6 };
    const g = seriesGaussian(pop, s, 0, 0.1, { subjects: 256 });
    expect(g.dim).toBe(5);
    expect(g.sdVisits).toEqual([1]);
    expect(Number.isFinite(seriesLogLik(pop, s, 0, 0.1, { subjects: 256 }))).toBe(true);
    // a population with no spread and no residual error at all: the floor alone keeps K positive definite
    const flat: MomentBlock = { T, mean: new Float64Array(T).fill(1), meanOffset: 0, cov: new Float64Array(T * T), m22: new Float64Array(T * T), m12: new Float64Array(T * T), matOffset: 0 };
    const ll = seriesLogLik(flat, { ...s, mean: [1, 1, 1, 1], sd: [null, null, null, null] }, 0, 0, { subjects: 256 });
    expect(Number.isFinite(ll)).toBe(true);
  });

  it('gaussianLogDensity equals the textbook bivariate normal density', () => {
    const g = { dim: 2, z: new Float64Array([1, -1]), m: new Float64Array([0.5, 0]), K: new Float64Array([2, 0.6, 0.6, 1]), nMeans: 2, sdVisits: [] };
    const det = 2 * 1 - 0.36;
    const dz = [0.5, -1];
    const q = (dz[0] * dz[0] * 1 - 2 * 0.6 * dz[0] * dz[1] + dz[1] * dz[1] * 2) / det;
    const expected = -0.5 * (q + Math.log(det) + 2 * Math.log(2 * Math.PI));
    expect(gaussianLogDensity(g, 0, 0)).toBeCloseTo(expected, 12);
  });

  it('gaussianLogDensity of a diagonal K (one trajectory) is the sum of independent normals, and agrees with the Cholesky path', () => {
    const dz = [0.5, -1, 2];
    const v = [2, 1, 0.5];
    const g = { dim: 3, z: new Float64Array([1, -1, 2.5]), m: new Float64Array([0.5, 0, 0.5]), K: new Float64Array([2, 0, 0, 0, 1, 0, 0, 0, 0.5]), nMeans: 3, sdVisits: [] };
    const expected = dz.reduce((acc, d, i) => acc - 0.5 * (d * d / v[i]! + Math.log(v[i]!) + Math.log(2 * Math.PI)), 0);
    expect(gaussianLogDensity(g, 0, 0)).toBeCloseTo(expected, 12);
    // a vanishing off-diagonal entry takes the Cholesky path to the same value
    const nearly = { ...g, K: new Float64Array([2, 1e-300, 0, 1e-300, 1, 0, 0, 0, 0.5]) };
    expect(gaussianLogDensity(nearly, 0, 0)).toBeCloseTo(expected, 12);
    expect(gaussianLogDensity({ ...g, K: new Float64Array([2, 0, 0, 0, 0, 0, 0, 0, 0.5]) }, 0, 0)).toBe(-Infinity);
  });

  it('choleskyInPlace: four rows at a time give the numbers of one row at a time, at every size', () => {
    const rng = createRng(5);
    for (let dim = 1; dim <= 11; dim++) {
      const X = Array.from({ length: dim * dim }, () => rng.normal());
      const A = new Float64Array(dim * dim);
      for (let i = 0; i < dim; i++) for (let j = 0; j < dim; j++) {
        let v = i === j ? dim : 0;
        for (let k = 0; k < dim; k++) v += X[i * dim + k]! * X[j * dim + k]!;
        A[i * dim + j] = v;
      }
      // the textbook row-by-row factorisation, each dot product summed in k order
      const L = Float64Array.from(A);
      let logdet = 0;
      for (let j = 0; j < dim; j++) {
        let d = L[j * dim + j]!;
        for (let k = 0; k < j; k++) d -= L[j * dim + k]! * L[j * dim + k]!;
        L[j * dim + j] = Math.sqrt(d);
        logdet += 2 * Math.log(L[j * dim + j]!);
        for (let i = j + 1; i < dim; i++) {
          let v = L[i * dim + j]!;
          for (let k = 0; k < j; k++) v -= L[i * dim + k]! * L[j * dim + k]!;
          L[i * dim + j] = v / L[j * dim + j]!;
        }
      }
      const fast = Float64Array.from(A);
      expect(choleskyInPlace(fast, dim)).toBe(logdet);
      for (let i = 0; i < dim; i++) for (let j = 0; j <= i; j++) expect(fast[i * dim + j]).toBe(L[i * dim + j]);
    }
    expect(choleskyInPlace(new Float64Array([1, 2, 2, 1]), 2)).toBeNaN();
  });

  it('seriesLogLik reuses its work arrays: a long series, then a short one, then the long one again give their own values', () => {
    const rng = createRng(9);
    const pop = population(rng, 400);
    const long: SeriesData = { timeIdx: [0, 1, 2, 3], mean: [9, 6, 3, 1.5], sd: [2, 1.5, 1, 0.5], n: [12, 10, 12, 8], floorVar: 1e-6 };
    const short: SeriesData = { timeIdx: [1, 3], mean: [6, 1.5], sd: [1.5, null], n: [10, 8], floorVar: 1e-6 };
    const opts = { subjects: 400 };
    const fresh = (s: SeriesData) => gaussianLogDensity(seriesGaussian(pop, s, 0.1, 0.1, opts));
    const first = seriesLogLik(pop, long, 0.1, 0.1, opts);
    expect(first).toBe(fresh(long));
    expect(seriesLogLik(pop, short, 0.1, 0.1, opts)).toBe(fresh(short));
    expect(seriesLogLik(pop, long, 0.1, 0.1, opts)).toBe(first);
  });

  it('returns -Infinity for moments that contain NaN (all trajectories failed)', () => {
    const nan: MomentBlock = { T, mean: new Float64Array(T).fill(NaN), meanOffset: 0, cov: new Float64Array(T * T).fill(NaN), m22: new Float64Array(T * T).fill(NaN), m12: new Float64Array(T * T).fill(NaN), matOffset: 0 };
    const s: SeriesData = { timeIdx: [0, 1], mean: [1, 2], sd: [1, 1], n: [10, 10], floorVar: 1e-6 };
    expect(seriesLogLik(nan, s, 0.1, 0.1, { subjects: 64 })).toBe(-Infinity);
  });
});
