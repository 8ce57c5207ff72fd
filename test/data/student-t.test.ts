import { describe, expect, it } from 'vitest';
import { sdFromCi95, sdFromSem, studentTQuantile } from '../../src/data/index.ts';
import { studentTCdf } from '../../src/data/student-t.ts';

// reference values: standard t tables (R: qt(0.975, df)), and the normal limit 1.959964
const T975: [number, number][] = [
  [1, 12.706204736], [2, 4.302652730], [3, 3.182446305], [5, 2.570581836], [10, 2.228138852],
  [29, 2.045229642], [100, 1.983971519], [1e7, 1.959964],
];

describe('Student t quantile', () => {
  it.each(T975)('t(0.975, df=%d) matches tables', (df, expected) => {
    expect(studentTQuantile(0.975, df)).toBeCloseTo(expected, 6);
  });
  it('is odd-symmetric and inverts the CDF', () => {
    expect(studentTQuantile(0.025, 4)).toBeCloseTo(-studentTQuantile(0.975, 4), 12);
    for (const [p, df] of [[0.9, 3], [0.999, 1], [0.6, 50]]) expect(studentTCdf(studentTQuantile(p, df), df)).toBeCloseTo(p, 10);
    expect(studentTCdf(0, 7)).toBeCloseTo(0.5, 14);
    // df = 1 is Cauchy: CDF = 1/2 + atan(t)/π
    expect(studentTCdf(2, 1)).toBeCloseTo(0.5 + Math.atan(2) / Math.PI, 12);
  });
  it('rejects impossible arguments', () => {
    expect(() => studentTQuantile(1, 3)).toThrow(RangeError);
    expect(() => studentTQuantile(0.5, 0)).toThrow(RangeError);
  });
});

describe('SD conversions', () => {
  it('SEM·√n', () => {
    expect(sdFromSem(0.5, 16)).toBe(2);
  });
  it('95% CI uses the t quantile with n − 1 df', () => {
    // n = 6: half-width 5 = t(5)·SD/√6
    expect(sdFromCi95(45, 55, 6)).toBeCloseTo((5 * Math.sqrt(6)) / 2.570581836, 6);
    // large n: close to the normal-theory value
    expect(sdFromCi95(-1.96, 1.96, 1e6) / Math.sqrt(1e6)).toBeCloseTo(1, 4);
  });
});
