// Seeded random numbers: reproducible, well distributed; quasi-random normals fill space evenly.
import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/infer/rng.ts';
import { haltonNormals, normalQuantile, radicalInverse } from '../../src/infer/qmc.ts';
import { drawEta } from '../../src/infer/population.ts';

describe('seeded RNG', () => {
  it('gives the same stream for a seed and different streams for different seeds', () => {
    const a = createRng(123), b = createRng(123), c = createRng(124), d = createRng(123 + 2 ** 32);
    const xa = Array.from({ length: 50 }, () => a.uniform());
    expect(Array.from({ length: 50 }, () => b.uniform())).toEqual(xa);
    expect(Array.from({ length: 50 }, () => c.uniform())).not.toEqual(xa);
    expect(Array.from({ length: 50 }, () => d.uniform())).not.toEqual(xa);
  });

  it('draws uniforms in [0, 1) and standard normals with the right moments', () => {
    const r = createRng(9);
    const N = 200_000;
    let s = 0, s2 = 0, s4 = 0, umin = 1, umax = 0;
    for (let i = 0; i < N; i++) {
      const u = r.uniform();
      umin = Math.min(umin, u); umax = Math.max(umax, u);
      const z = r.normal();
      s += z; s2 += z * z; s4 += z ** 4;
    }
    expect(umin).toBeGreaterThanOrEqual(0);
    expect(umax).toBeLessThan(1);
    expect(Math.abs(s / N)).toBeLessThan(0.01);
    expect(Math.abs(s2 / N - 1)).toBeLessThan(0.015);
    expect(Math.abs(s4 / N - 3)).toBeLessThan(0.1);
    const counts = new Array(5).fill(0);
    for (let i = 0; i < 50_000; i++) counts[r.int(5)]++;
    for (const c of counts) expect(Math.abs(c / 50_000 - 0.2)).toBeLessThan(0.01);
  });

  it('forks independent, reproducible streams', () => {
    const a = createRng(5), b = createRng(5);
    const fa = a.fork(), fb = b.fork();
    expect(fa.normal()).toBe(fb.normal());
    expect(a.uniform()).toBe(b.uniform());
    expect(fa.uniform()).not.toBe(a.uniform());
  });
});

describe('quasi-random normals', () => {
  it('inverts the normal CDF accurately', () => {
    expect(normalQuantile(0.5)).toBeCloseTo(0, 12);
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 8);
    expect(normalQuantile(0.05)).toBeCloseTo(-1.6448536269514722, 8);
    expect(normalQuantile(1e-6)).toBeCloseTo(-4.753424308822899, 6);
    expect(radicalInverse(6, 2)).toBe(0.375); // 110 → 0.011
  });

  it('Halton normals have moments much closer to N(0,1) than pseudo-random ones', () => {
    const M = 256, dims = 3;
    const err = (x: Float64Array) => {
      let e = 0;
      for (let v = 0; v < dims; v++) {
        let m = 0, m2 = 0;
        for (let j = 0; j < M; j++) { m += x[j * dims + v] / M; m2 += x[j * dims + v] ** 2 / M; }
        e += Math.abs(m) + Math.abs(m2 - 1);
      }
      return e;
    };
    const rng = createRng(1);
    let qmc = 0, mc = 0;
    for (let rep = 0; rep < 20; rep++) {
      qmc += err(haltonNormals(rng, M, dims));
      const plain = new Float64Array(M * dims);
      for (let i = 0; i < plain.length; i++) plain[i] = rng.normal();
      mc += err(plain);
    }
    expect(qmc).toBeLessThan(mc / 3);
  });

  it('drawEta gives standardized columns for both kinds', () => {
    for (const kind of ['qmc', 'antithetic'] as const) {
      const [eta] = drawEta(createRng(2), 1, 64, 2, kind);
      for (let v = 0; v < 2; v++) {
        let m = 0, m2 = 0;
        for (let j = 0; j < 64; j++) { m += eta[j * 2 + v] / 64; m2 += eta[j * 2 + v] ** 2 / 64; }
        expect(Math.abs(m)).toBeLessThan(1e-12);
        expect(m2).toBeCloseTo(1, 12);
      }
    }
  });
});
