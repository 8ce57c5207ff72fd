// CPU engine against closed forms at tight tolerances (rtol 1e-10): within 1e-7 relative.
import { describe, expect, it } from 'vitest';
import { simulateInThread } from '../../src/simulate/cpu/in-thread.ts';
import { Status, type Method } from '../../src/simulate/types.ts';
import { decay, infusionModel, logistic, pkOral, rows } from './cpu-models.ts';

const TIGHT = { rtol: 1e-10, atol: 1e-14 };
const times = Float64Array.from([0, 0.25, 0.5, 1, 2, 3.5, 5, 8, 12, 24]);

function expectClose(got: ArrayLike<number>, want: ArrayLike<number>, rel = 1e-7, abs = 1e-12): void {
  expect(got.length).toBe(want.length);
  for (let i = 0; i < want.length; i++) {
    const err = Math.abs(got[i]! - want[i]!);
    if (!(err <= rel * Math.abs(want[i]!) + abs)) throw new Error(`index ${i}: got ${got[i]}, want ${want[i]} (error ${err})`);
  }
}

/** Oral PK concentration after a unit-free dose D at time 0; the ka = k limit is D·k·t·e^(−kt)/V. */
function pkConc(D: number, ka: number, k: number, V: number, t: number): number {
  if (t <= 0) return 0;
  const d = ka - k;
  // (e^(−kt) − e^(−ka t))/(ka − k) = t·e^(−kt)·(1 − e^(−d t))/(d t), written without dividing by a tiny d
  const x = d * t;
  const phi = Math.abs(x) < 1e-5 ? 1 - x / 2 + (x * x) / 6 : -Math.expm1(-x) / x;
  return (D * ka / V) * t * Math.exp(-k * t) * phi;
}

describe('CPU engine: closed forms', () => {
  for (const method of ['dopri5', 'tsit5', 'rosenbrock', 'auto'] as Method[]) {
    it(`exponential decay (${method})`, () => {
      const params = rows([[0.3, 2], [1.7, 5], [0.01, 1]]);
      const res = simulateInThread({ model: decay, params, times, solver: { method, ...TIGHT } });
      expect([...res.status]).toEqual([0, 0, 0]);
      const want: number[] = [];
      for (const [k, x0] of [[0.3, 2], [1.7, 5], [0.01, 1]]) for (const t of times) want.push(x0! * Math.exp(-k! * t));
      expectClose(res.outputs, want, method === 'rosenbrock' ? 1e-6 : 1e-7, 1e-13);
      expect(res.stats.accepted).toBeGreaterThan(0);
    });
  }

  it('one-compartment oral PK, ka ≠ k and ka = k (the engine never divides by ka − k)', () => {
    const ps = [[1.2, 0.15, 10], [0.5, 0.5, 20], [0.3, 0.3000001, 5], [2, 0.1, 1]];
    const res = simulateInThread({ model: pkOral(), params: rows(ps), times, solver: { method: 'dopri5', ...TIGHT } });
    expect([...res.status]).toEqual([0, 0, 0, 0]);
    const want = ps.flatMap(([ka, k, V]) => [...times].map((t) => pkConc(100, ka!, k!, V!, t)));
    expectClose(res.outputs, want, 1e-7, 1e-12);
  });

  it('multiple oral doses: superposition of single doses; outputs at a dose time are pre-dose', () => {
    const doseTimes = [0, 6, 12, 18];
    const model = pkOral([{ kind: 'bolus', state: 0, times: doseTimes, amountIndex: 0 }], false);
    const tt = Float64Array.from([0, 3, 6, 9, 12, 13, 18, 20, 30]);
    const ps = [[1.1, 0.2, 8], [0.4, 0.4, 12]];
    const res = simulateInThread({ model, params: rows(ps), times: tt, solver: { method: 'tsit5', ...TIGHT } });
    expect([...res.status]).toEqual([0, 0]);
    // pkConc(…, t ≤ 0) = 0: a dose at τ contributes nothing to the output recorded at τ (trough)
    const want = ps.flatMap(([ka, k, V]) => [...tt].map((t) => doseTimes.reduce((s, d) => s + pkConc(100, ka!, k!, V!, t - d), 0)));
    expectClose(res.outputs, want, 1e-7, 1e-12);
    // at the 6 h dose time: the trough (a post-dose value would differ by dose/V ≈ 12)
    expect(Math.abs(res.outputs[2]! - want[2]!) / want[2]!).toBeLessThan(1e-9);
    expect(res.outputs[0]).toBe(0);
  });

  it('zero-order infusion on [1, 3) and [5, 5.5): rate added to d(state)/dt on the interval only', () => {
    const model = infusionModel([[1, 3], [5, 5.5]]);
    const tt = Float64Array.from([0, 0.5, 1, 2, 3, 4, 5, 5.25, 5.5, 7]);
    const [k, R] = [0.4, 3];
    const res = simulateInThread({ model, params: rows([[k, R]]), times: tt, solver: { method: 'dopri5', ...TIGHT } });
    expect(res.status[0]).toBe(Status.ok);
    // x(t) = Σ over infusions of (R/k)·(e^(−k·max(0,t−end)) − e^(−k·(t−start))) for the part already given
    const x = (t: number): number => [[1, 3], [5, 5.5]].reduce((s, [a, b]) => {
      if (t <= a!) return s;
      const e = Math.min(t, b!);
      return s + (R / k) * (1 - Math.exp(-k * (e - a!))) * Math.exp(-k * (t - e));
    }, 0);
    expectClose(res.outputs, [...tt].map(x), 1e-7, 1e-12);
  });

  it('stops closer together than the step floor are stepped over, not failed', () => {
    const model = pkOral([{ kind: 'bolus', state: 0, times: [1 + 1e-15, 2], amountIndex: 0 }], false);
    const tt = Float64Array.from([0, 1, 1 + 2e-15, 3]);
    for (const method of ['dopri5', 'rosenbrock'] as Method[]) {
      const res = simulateInThread({ model, params: rows([[1, 0.2, 10]]), times: tt, solver: { method, ...TIGHT } });
      expect(res.status[0]).toBe(Status.ok);
      expect(res.outputs[3]).toBeCloseTo(pkConc(100, 1, 0.2, 10, 3 - 1) + pkConc(100, 1, 0.2, 10, 3 - 2), 6);
    }
  });

  it('logistic growth', () => {
    const ps = [[0.8, 10, 0.1], [2, 1, 0.9], [0.1, 100, 50]];
    const res = simulateInThread({ model: logistic, params: rows(ps), times, solver: { method: 'tsit5', ...TIGHT } });
    expect([...res.status]).toEqual([0, 0, 0]);
    const want = ps.flatMap(([r, K, x0]) => [...times].map((t) => K! / (1 + ((K! - x0!) / x0!) * Math.exp(-r! * t))));
    expectClose(res.outputs, want, 1e-7, 1e-12);
  });

  it('t0 ≠ 0: outputs at t0 are the initial state; save states', () => {
    const res = simulateInThread({
      model: decay, params: rows([[0.5, 3]]), t0: 2, times: Float64Array.from([2, 2, 4]), save: 'states',
      solver: { method: 'dopri5', ...TIGHT },
    });
    expectClose(res.outputs, [3, 3, 3 * Math.exp(-1)], 1e-7);
  });
});

describe('CPU engine: dense output (DOPRI5)', () => {
  const many = Float64Array.from({ length: 200 }, (_, i) => (24 * (i + 1)) / 200);

  it('outputs between doses are interpolated, not stepped to: 200 outputs cost the steps of 1; Tsit5 steps to each', () => {
    const ps = rows([[1.2, 0.15, 10]]);
    const steps = (method: Method, times: Float64Array) => {
      const r = simulateInThread({ model: pkOral(), params: ps, times, solver: { method, rtol: 1e-6, atol: 1e-9 } });
      expect(r.status[0]).toBe(Status.ok);
      return r.stats.accepted + r.stats.rejected;
    };
    const one = steps('dopri5', Float64Array.of(24));
    expect(steps('dopri5', many)).toBe(one);
    expect(steps('tsit5', many)).toBeGreaterThanOrEqual(200);
  });

  // a wrong coefficient leaves an interpolant of lower order, whose error at the steps that
  // rtol 1e-10 allows (h ≈ 0.01–0.1) would be far above 1e-7
  it('interpolated outputs match the closed form to 1e-7 (rtol 1e-10), ka = k included', () => {
    const ps = [[1.2, 0.15, 10], [0.5, 0.5, 20]];
    const res = simulateInThread({ model: pkOral(), params: rows(ps), times: many, solver: { method: 'dopri5', ...TIGHT } });
    const want = ps.flatMap(([ka, k, V]) => [...many].map((t) => pkConc(100, ka!, k!, V!, t)));
    expectClose(res.outputs, want, 1e-7, 1e-12);
  });
});

describe('CPU engine: fixed-step RK4', () => {
  it('converges with order 4 (error ratio ≈ 16 when the step halves)', () => {
    const err = (steps: number): number => {
      const res = simulateInThread({ model: logistic, params: rows([[1.5, 10, 0.5]]), times: Float64Array.from([0, 4]), solver: { method: 'rk4', steps } });
      const exact = 10 / (1 + 19 * Math.exp(-6));
      return Math.abs(res.outputs[1]! - exact);
    };
    const e1 = err(20);
    const e2 = err(40);
    const e3 = err(80);
    expect(Math.log2(e1 / e2)).toBeGreaterThan(3.8);
    expect(Math.log2(e2 / e3)).toBeGreaterThan(3.8);
    expect(Math.log2(e2 / e3)).toBeLessThan(4.3);
  });
});
