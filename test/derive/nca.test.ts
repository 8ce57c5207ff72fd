// NCA of a mean curve against values computed by hand.
import { describe, expect, it } from 'vitest';
import { logLinearFit, nca, trapezoidLinUpLogDown } from '../../src/derive/index.ts';

describe('NCA', () => {
  it('uses the linear trapezoid going up and the log trapezoid going down', () => {
    expect(trapezoidLinUpLogDown(0, 0, 1, 4)).toBe(2); // (0 + 4)/2 · 1
    expect(trapezoidLinUpLogDown(1, 4, 3, 4)).toBe(8); // level: linear
    // falling 4 → 2 over 2 h: (4 − 2)·2 / ln 2
    expect(trapezoidLinUpLogDown(3, 4, 5, 2)).toBeCloseTo(4 / Math.LN2, 12);
  });

  it('fits λz on the terminal points exactly when they are mono-exponential', () => {
    const t = [4, 6, 8, 12];
    const c = t.map((x) => 10 * Math.exp(-0.2 * x));
    const f = logLinearFit(t, c);
    expect(f.lambda).toBeCloseTo(0.2, 12);
    expect(f.adjR2).toBeCloseTo(1, 12);
  });

  it('matches a hand-computed analysis of a small curve', () => {
    // times 0, 1, 2, 4, 8, 12 h; the last four points fall exactly as 8·e^{−0.25 (t − 2)}
    const times = [0, 1, 2, 4, 8, 12];
    const tail = (t: number) => 8 * Math.exp(-0.25 * (t - 2));
    const conc = [0, 6, 8, tail(4), tail(8), tail(12)];
    const r = nca(times, conc);
    expect(r.Cmax).toBe(8);
    expect(r.Tmax).toBe(2);
    // by hand: up 0→6 (3) + 6→8 (7) linear; then log-down pieces of an exact exponential
    // integrate exactly: ∫_2^12 8 e^{−0.25(t−2)} dt = 32 (1 − e^{−2.5})
    const aucLast = 3 + 7 + 32 * (1 - Math.exp(-2.5));
    expect(r.AUC_last).toBeCloseTo(aucLast, 10);
    expect(r.lambdaZ).toBeCloseTo(0.25, 10);
    expect(r.lambdaZPoints).toBe(3); // the three points after Cmax (4, 8, 12 h); Cmax itself is never used
    expect(r.t_half).toBeCloseTo(Math.LN2 / 0.25, 10);
    expect(r.AUC_inf).toBeCloseTo(aucLast + tail(12) / 0.25, 10);
  });

  it('picks the terminal points with the best adjusted R² and leaves λz undefined without a falling tail', () => {
    // a curve still rising at the end has no terminal phase
    const r = nca([0, 1, 2, 3], [0, 1, 2, 3]);
    expect(r.lambdaZ).toBeNaN();
    expect(r.AUC_inf).toBeNaN();
    expect(r.AUC_last).toBeCloseTo(4.5, 12);
    expect(() => nca([1], [1])).toThrow(/two points/);
  });
});
