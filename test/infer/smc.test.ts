// SMC on targets with known answers: a Gaussian (closed-form evidence and posterior), a
// two-mode likelihood (both modes kept), determinism per seed, cancellation.
import { describe, expect, it } from 'vitest';
import { maxStartCorrelation, NoValidParticleError, runSmc, systematicResample, type SmcResult, type SmcTarget } from '../../src/infer/smc.ts';
import { createRng } from '../../src/infer/rng.ts';

const LOG_2PI = Math.log(2 * Math.PI);

/** prior N(0, s0² I); likelihood N(y; φ, diag(sl²)) */
function gaussianTarget(y: number[], s0: number, sl: number[]): SmcTarget & { logZ: number; postMean: number[]; postSd: number[] } {
  const D = y.length;
  let logZ = 0;
  const postMean: number[] = [], postSd: number[] = [];
  for (let d = 0; d < D; d++) {
    const v = s0 * s0 + sl[d] * sl[d];
    logZ += -0.5 * (y[d] * y[d] / v + Math.log(v) + LOG_2PI);
    const pv = 1 / (1 / (s0 * s0) + 1 / (sl[d] * sl[d]));
    postMean.push(pv * y[d] / (sl[d] * sl[d]));
    postSd.push(Math.sqrt(pv));
  }
  return {
    dim: D, logZ, postMean, postSd,
    logPrior: (phi, o) => { let s = 0; for (let d = 0; d < D; d++) s += -0.5 * ((phi[o + d] / s0) ** 2 + LOG_2PI) - Math.log(s0); return s; },
    samplePrior: (rng, out, o) => { for (let d = 0; d < D; d++) out[o + d] = s0 * rng.normal(); },
    logLikelihood: async (phis, count) => {
      const out = new Float64Array(count);
      for (let i = 0; i < count; i++) {
        let s = 0;
        for (let d = 0; d < D; d++) s += -0.5 * (((y[d] - phis[i * D + d]) / sl[d]) ** 2 + LOG_2PI) - Math.log(sl[d]);
        out[i] = s;
      }
      return out;
    },
  };
}

function colStats(phi: Float64Array, N: number, D: number, d: number): { mean: number; sd: number } {
  let m = 0;
  for (let i = 0; i < N; i++) m += phi[i * D + d] / N;
  let v = 0;
  for (let i = 0; i < N; i++) v += (phi[i * D + d] - m) ** 2 / (N - 1);
  return { mean: m, sd: Math.sqrt(v) };
}

/** the evidence within 4 SE and each posterior mean and SD close to the closed form */
function expectGaussianRecovered(r: SmcResult, t: ReturnType<typeof gaussianTarget>, N: number): void {
  const se = Math.sqrt(r.logEvidenceVar);
  expect(Math.abs(r.logEvidence - t.logZ)).toBeLessThan(Math.max(4 * se, 0.15));
  for (let d = 0; d < t.dim; d++) {
    const s = colStats(r.phi, N, t.dim, d);
    expect(Math.abs(s.mean - t.postMean[d])).toBeLessThan(0.15 * t.postSd[d] + 0.01);
    expect(s.sd / t.postSd[d]).toBeGreaterThan(0.85);
    expect(s.sd / t.postSd[d]).toBeLessThan(1.15);
  }
}

describe('SMC with adaptive tempering', () => {
  it('recovers the evidence and posterior of a Gaussian model', async () => {
    const t = gaussianTarget([1.5, -0.7, 3], 2, [0.2, 0.5, 0.1]);
    const N = 1000;
    const r = await runSmc(t, { particles: N, seed: 11 });
    expect(r.logEvidenceVar).toBeGreaterThan(0);
    expectGaussianRecovered(r, t, N);
    expect(r.temperatures[0]).toBe(0);
    expect(r.temperatures.at(-1)).toBe(1);
    // about log(posterior/prior volume) in units of ESS halvings: a handful, not dozens
    expect(r.temperatures.length).toBeLessThan(20);
  });

  it('a coarse likelihood at the start of the path leaves the evidence and posterior of the full one', async () => {
    const t = gaussianTarget([1.5, -0.7, 3], 2, [0.2, 0.5, 0.1]);
    // a deliberately wrong cheap likelihood (shifted data, wider errors): only the path changes
    const wrong = gaussianTarget([1.2, -0.4, 3.3], 2, [0.3, 0.6, 0.2]);
    let coarseCalls = 0, fineCalls = 0;
    const N = 1000;
    const r = await runSmc({
      ...t,
      logLikelihood: (phis, count) => { fineCalls++; return t.logLikelihood(phis, count); },
      coarse: { logLikelihood: (phis, count) => { coarseCalls++; return wrong.logLikelihood(phis, count); }, until: 0.3 },
    }, { particles: N, seed: 11 });
    expect(coarseCalls).toBeGreaterThan(2);
    expect(fineCalls).toBeGreaterThan(2);
    expect(r.temperatures).toContain(0.3);
    expectGaussianRecovered(r, t, N);
    // the final log-likelihoods are the full ones
    const full = await t.logLikelihood(r.phi, N);
    expect(Array.from(r.logLik)).toEqual(Array.from(full));
  });

  it('keeps both modes of a two-mode likelihood (the flip-flop situation)', async () => {
    const D = 2;
    const target: SmcTarget = {
      dim: D,
      logPrior: (phi, o) => -0.5 * ((phi[o] / 3) ** 2 + (phi[o + 1] / 3) ** 2),
      samplePrior: (rng, out, o) => { out[o] = 3 * rng.normal(); out[o + 1] = 3 * rng.normal(); },
      logLikelihood: async (phis, count) => {
        const out = new Float64Array(count);
        for (let i = 0; i < count; i++) {
          const a = phis[i * D], b = phis[i * D + 1];
          // modes at (2, 1) and (−2, −1): symmetric, equal mass
          const l1 = -0.5 * (((a - 2) / 0.2) ** 2 + ((b - 1) / 0.2) ** 2);
          const l2 = -0.5 * (((a + 2) / 0.2) ** 2 + ((b + 1) / 0.2) ** 2);
          const m = Math.max(l1, l2);
          out[i] = m + Math.log(Math.exp(l1 - m) + Math.exp(l2 - m));
        }
        return out;
      },
    };
    const N = 1000;
    const r = await runSmc(target, { particles: N, seed: 5 });
    let right = 0;
    for (let i = 0; i < N; i++) if (r.phi[i * D] > 0) right++;
    expect(right / N).toBeGreaterThan(0.3);
    expect(right / N).toBeLessThan(0.7);
  });

  it('is deterministic for a seed and differs across seeds', async () => {
    const t = gaussianTarget([0.5, 1], 1, [0.3, 0.3]);
    const a = await runSmc(t, { particles: 200, seed: 42 });
    const b = await runSmc(t, { particles: 200, seed: 42 });
    const c = await runSmc(t, { particles: 200, seed: 43 });
    expect(Array.from(a.phi)).toEqual(Array.from(b.phi));
    expect(a.logEvidence).toBe(b.logEvidence);
    expect(c.logEvidence).not.toBe(a.logEvidence);
  });

  it('stops with an AbortError when cancelled, and with a clear error when no particle is valid', async () => {
    const t = gaussianTarget([0.5], 1, [0.3]);
    const ac = new AbortController();
    let calls = 0;
    const cancelling: SmcTarget = { ...t, logLikelihood: async (p, n) => { if (++calls === 3) ac.abort(); return t.logLikelihood(p, n); } };
    await expect(runSmc(cancelling, { particles: 100, seed: 1, signal: ac.signal })).rejects.toThrow(/cancel|abort/i);
    const dead: SmcTarget = { ...t, logLikelihood: async (_p, n) => new Float64Array(n).fill(-Infinity) };
    await expect(runSmc(dead, { particles: 50, seed: 1 })).rejects.toThrow(NoValidParticleError);
    await expect(runSmc(dead, { particles: 50, seed: 1 })).rejects.toThrow(/no particle/);
  });

  it('systematic resampling reproduces the weights', () => {
    const logW = new Float64Array([Math.log(0.1), Math.log(0.6), Math.log(0.3), -Infinity]);
    const counts = [0, 0, 0, 0];
    const rng = createRng(1);
    const N = 4;
    for (let rep = 0; rep < 2500; rep++) for (const j of systematicResample(logW, rng)) counts[j]++;
    const total = 2500 * N;
    expect(counts[0] / total).toBeCloseTo(0.1, 2);
    expect(counts[1] / total).toBeCloseTo(0.6, 2);
    expect(counts[3]).toBe(0);
  });

  it('measures how much moved particles remember their start: 1 unmoved, near 0 redrawn, 0 for a fixed coordinate', () => {
    const rng = createRng(5);
    const N = 2000, D = 3;
    const a = new Float64Array(N * D), b = new Float64Array(N * D);
    for (let i = 0; i < N; i++) {
      a[i * D] = rng.normal(); a[i * D + 1] = rng.normal(); a[i * D + 2] = 7;
      b[i * D] = rng.normal(); b[i * D + 1] = -2 * a[i * D + 1] + 0.5; b[i * D + 2] = 7;
    }
    expect(maxStartCorrelation(a, a, N, D)).toBeCloseTo(1, 12);
    // the second coordinate is the start mirrored and shifted: fully remembered
    expect(maxStartCorrelation(a, b, N, D)).toBeCloseTo(1, 12);
    const c = b.slice();
    for (let i = 0; i < N; i++) c[i * D + 1] = rng.normal();
    expect(maxStartCorrelation(a, c, N, D)).toBeLessThan(0.1);
  });

  it('with decorrelateBelow, sweeps until the particles forget their start rather than until most have moved', async () => {
    const t = gaussianTarget([1.5, -0.7, 3], 2, [0.02, 0.05, 0.01]);
    const moved = await runSmc(t, { particles: 300, seed: 9, minMoves: 1, maxMoves: 30, moveTarget: 0.6 });
    const mixed = await runSmc(t, { particles: 300, seed: 9, minMoves: 1, maxMoves: 30, decorrelateBelow: 0.3 });
    expect(mixed.sweeps).toBeGreaterThan(moved.sweeps);
    // the target is left where it was: the posterior is the closed form's
    for (let d = 0; d < t.dim; d++) {
      const c = colStats(mixed.phi, 300, t.dim, d);
      expect(Math.abs(c.mean - t.postMean[d]!)).toBeLessThan(0.2 * t.postSd[d]!);
      expect(c.sd / t.postSd[d]!).toBeGreaterThan(0.8);
      expect(c.sd / t.postSd[d]!).toBeLessThan(1.2);
    }
  });
});
