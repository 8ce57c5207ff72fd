// The reference moment reduction against a direct, obviously-correct computation.
import { describe, expect, it } from 'vitest';
import { computeMoments } from '../../src/simulate/moments.ts';

function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

describe('computeMoments', () => {
  it('equals a direct two-pass computation per group and observable, excluding failed trajectories', () => {
    const rnd = lcg(7);
    const [groups, G, T, O] = [3, 5, 4, 2];
    const n = groups * G;
    const outputs = Float64Array.from({ length: n * T * O }, () => rnd() * 10 - 2);
    const status = Uint8Array.from({ length: n }, (_, i) => (i % 4 === 1 ? 2 : 0));
    for (let i = 0; i < n; i++) if (status[i] !== 0) outputs.fill(NaN, i * T * O, (i + 1) * T * O);
    const m = computeMoments(outputs, status, T, O, G);
    for (let g = 0; g < groups; g++) {
      const ok = Array.from({ length: G }, (_, r) => g * G + r).filter((i) => status[i] === 0);
      expect(m.okCount[g]).toBe(ok.length);
      for (let o = 0; o < O; o++) {
        const y = (i: number, t: number): number => outputs[(i * T + t) * O + o]!;
        const mu = Array.from({ length: T }, (_, t) => ok.reduce((s, i) => s + y(i, t), 0) / ok.length);
        for (let a = 0; a < T; a++) {
          expect(m.mean[(g * O + o) * T + a]).toBeCloseTo(mu[a]!, 12);
          for (let b = 0; b < T; b++) {
            const E = (f: (da: number, db: number) => number): number => ok.reduce((s, i) => s + f(y(i, a) - mu[a]!, y(i, b) - mu[b]!), 0) / ok.length;
            const k = ((g * O + o) * T + a) * T + b;
            expect(m.cov[k]).toBeCloseTo(E((da, db) => da * db), 10);
            expect(m.m22[k]).toBeCloseTo(E((da, db) => da * da * db * db), 8);
            expect(m.m12[k]).toBeCloseTo(E((da, db) => da * db * db), 9);
          }
        }
      }
    }
    expect([...m.mean, ...m.cov, ...m.m22, ...m.m12].every(Number.isFinite)).toBe(true);
  });

  it('sums every entry in trajectory order: the same numbers as one pair at a time, for odd and even times', () => {
    // the reduction runs two pairs together for speed; the rounding of each sum must not change
    for (const T of [1, 2, 5, 8]) {
      const rnd = lcg(11 + T);
      const G = 9;
      const outputs = Float64Array.from({ length: G * T }, () => rnd() * 3 - 1);
      const status = new Uint8Array(G);
      const m = computeMoments(outputs, status, T, 1, G);
      const inv = 1 / G;
      const mean = Array.from({ length: T }, (_, t) => {
        let s = 0;
        for (let r = 0; r < G; r++) s += outputs[r * T + t]!;
        return s / G;
      });
      for (let i = 0; i < T; i++) {
        for (let j = i; j < T; j++) {
          let c = 0, c22 = 0, c12 = 0, c21 = 0;
          for (let r = 0; r < G; r++) {
            const di = outputs[r * T + i]! - mean[i]!, dj = outputs[r * T + j]! - mean[j]!;
            const p = di * dj;
            c += p;
            c22 += p * p;
            c12 += p * dj;
            c21 += p * di;
          }
          expect([m.cov[i * T + j], m.cov[j * T + i], m.m22[i * T + j], m.m12[i * T + j], m.m12[j * T + i]]).toEqual([c * inv, c * inv, c22 * inv, c12 * inv, c21 * inv]);
        }
      }
    }
  });

  it('a group with no successful trajectory gets NaN moments and okCount 0', () => {
    const m = computeMoments(Float64Array.from([1, 2, NaN, NaN]), Uint8Array.from([0, 0, 1, 3]), 1, 1, 2);
    expect([...m.okCount]).toEqual([2, 0]);
    expect(m.mean[0]).toBe(1.5);
    expect(m.cov[0]).toBe(0.25);
    expect(Number.isNaN(m.mean[1])).toBe(true);
  });

  it('refuses a group size that does not divide the ensemble', () => {
    expect(() => computeMoments(new Float64Array(5), new Uint8Array(5), 1, 1, 2)).toThrow(/groups of 2/);
  });
});
