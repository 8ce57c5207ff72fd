// The tableaux are data: check them against the Runge–Kutta order conditions (Butcher trees up to
// order 5), so a mistyped coefficient is caught here rather than as a slow loss of accuracy.
import { describe, expect, it } from 'vitest';
import { DOPRI5, RK4, RODAS4, TSIT5, type ExplicitTableau } from '../../src/simulate/tableaux.ts';

type Vec = number[];
const dot = (u: Vec, v: Vec): number => u.reduce((s, x, i) => s + x * v[i]!, 0);
const mul = (u: Vec, v: Vec): Vec => u.map((x, i) => x * v[i]!);
const pow = (u: Vec, k: number): Vec => u.map((x) => x ** k);

/** Residuals of the order conditions up to `order` for weights w with matrix a and nodes c. */
function orderResiduals(t: ExplicitTableau, w: readonly number[], order: number): number[] {
  const s = t.stages;
  const A = (v: Vec): Vec => Array.from({ length: s }, (_, i) => t.a[i]!.reduce((acc, aij, j) => acc + aij * v[j]!, 0));
  const c = [...t.c];
  const b = [...w];
  const Ac = A(c);
  const conds: [number, number][] = [
    [b.reduce((x, y) => x + y, 0), 1],
    [dot(b, c), 1 / 2],
    [dot(b, pow(c, 2)), 1 / 3], [dot(b, Ac), 1 / 6],
    [dot(b, pow(c, 3)), 1 / 4], [dot(b, mul(c, Ac)), 1 / 8], [dot(b, A(pow(c, 2))), 1 / 12], [dot(b, A(Ac)), 1 / 24],
    [dot(b, pow(c, 4)), 1 / 5], [dot(b, mul(pow(c, 2), Ac)), 1 / 10], [dot(b, mul(c, A(pow(c, 2)))), 1 / 15],
    [dot(b, mul(c, A(Ac))), 1 / 30], [dot(b, pow(Ac, 2)), 1 / 20], [dot(b, A(pow(c, 3))), 1 / 20],
    [dot(b, A(mul(c, Ac))), 1 / 40], [dot(b, A(A(pow(c, 2)))), 1 / 60], [dot(b, A(A(Ac))), 1 / 120],
  ];
  const count = [0, 1, 2, 4, 8, 17][order]!;
  return conds.slice(0, count).map(([got, want]) => got - want);
}

describe('explicit tableaux', () => {
  for (const t of [RK4, DOPRI5, TSIT5]) {
    it(`${t.name}: shape, row sums equal c, and order-${t.order} conditions hold`, () => {
      expect(t.a.length).toBe(t.stages);
      t.a.forEach((row, i) => {
        expect(row.length).toBe(i);
        expect(Math.abs(row.reduce((x, y) => x + y, 0) - t.c[i]!)).toBeLessThan(1e-14);
      });
      for (const r of orderResiduals(t, t.b, t.order)) expect(Math.abs(r)).toBeLessThan(1e-12);
    });
  }

  for (const t of [DOPRI5, TSIT5]) {
    it(`${t.name}: embedded solution b − e has order ${t.errorOrder} but not ${t.order}; FSAL row equals b`, () => {
      const bhat = t.b.map((bi, i) => bi - t.e![i]!);
      for (const r of orderResiduals(t, bhat, t.errorOrder)) expect(Math.abs(r)).toBeLessThan(1e-12);
      const fifth = orderResiduals(t, bhat, 5).slice(8);
      expect(Math.max(...fifth.map(Math.abs))).toBeGreaterThan(1e-6);
      expect(t.e!.reduce((x, y) => x + y, 0)).toBeCloseTo(0, 14);
      expect(t.fsal).toBe(true);
      expect([...t.a[t.stages - 1]!, 0]).toEqual([...t.b]);
    });
  }

  it('rk4 is not 5th order (the checker can fail)', () => {
    const r = orderResiduals(RK4, RK4.b, 5);
    expect(Math.max(...r.map(Math.abs))).toBeGreaterThan(1e-3);
  });
});

describe('Rosenbrock tableau (RODAS4)', () => {
  it('is stiffly accurate: y_new is the last stage point plus K_6 and the error estimate is K_6', () => {
    const t = RODAS4;
    expect(t.a.length).toBe(t.stages);
    expect(t.c.length).toBe(t.stages);
    expect([...t.a[5]!, 1]).toEqual([...t.m]);
    expect(t.e).toEqual([0, 0, 0, 0, 0, 1]);
    // α_i relates to the transformed A: α_i = γ·Σ_j A_ij for the first rows (a21 = α2/γ)
    expect(t.a[1]![0]! * t.gamma).toBeCloseTo(t.alpha[1]!, 14);
  });
});
