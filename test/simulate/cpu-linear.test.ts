// Exact propagation of linear time-invariant models (src/simulate/cpu/linear.ts, expm-kernel.ts):
// the matrix exponential against closed forms, the detection of which models qualify, and whole
// ensembles through the CPU engine's 'auto' method against closed forms and against DOPRI5.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileSpec } from '../../src/model/index.ts';
import { simulateInThread } from '../../src/simulate/cpu/in-thread.ts';
import { expmKernelSource } from '../../src/model/codegen/expm.ts';
import { expmKernel, LinearPropagator, MAX_LINEAR_STATES, propagatesExactly } from '../../src/simulate/cpu/linear.ts';
import { Status } from '../../src/simulate/types.ts';
import { mulberry32 as seededRandom } from '../helpers/prng.ts';

const example = (name: string) => compileSpec(readFileSync(new URL(`../../public/examples/models/${name}.json`, import.meta.url), 'utf8'));

function expectRel(got: number, want: number, rel: number, abs = 1e-300): void {
  const err = Math.abs(got - want);
  if (!(err <= rel * Math.abs(want) + abs)) throw new Error(`got ${got}, want ${want} (relative error ${err / Math.abs(want)})`);
}

/** exp(A·t) by its Taylor series in exact-enough arithmetic for small ‖A·t‖ (reference only). */
function taylorExp(A: number[][], t: number): number[][] {
  const n = A.length;
  let term: number[][] = A.map((_, i) => A.map((__, j) => (i === j ? 1 : 0)));
  const sum = term.map((r) => r.slice());
  for (let k = 1; k < 60; k++) {
    term = term.map((row, i) => row.map((_, j) => (t / k) * A[i]!.reduce((s, a, q) => s + a * term[q]![j]!, 0)));
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) sum[i]![j]! += term[i]![j]!;
  }
  return sum;
}

describe('matrix exponential (generated Padé kernel + scaling and squaring)', () => {
  it('y(t) = exp(A·t)·y0 for diagonal, Jordan-block and rotation generators', () => {
    const prop = new LinearPropagator(2);
    const zero = new Float64Array(2);
    const run = (A: number[], y0: number[], t: number) => {
      const y = Float64Array.from(y0);
      prop.setSystem(Float64Array.from(A), zero);
      expect(prop.advance(y, t)).toBe(true);
      return [...y];
    };
    // diagonal, including a stiff rate: exp(−1e4·3) underflows to 0 exactly; the 16 squarings
    // that the stiff rate forces cost the slow component ~2^16 roundings (overscaling: ~1e-11)
    const d = run([-0.7, 0, 0, -1e4], [2, 5], 3);
    expectRel(d[0]!, 2 * Math.exp(-2.1), 1e-10);
    expect(Math.abs(d[1]!)).toBeLessThan(1e-300);
    // Jordan block (repeated eigenvalue, the ka = k case): exp(t·[[λ,1],[0,λ]]) = e^{λt}[[1,t],[0,1]]
    const lam = -0.45, t = 7;
    const j = run([lam, 1, 0, lam], [1.5, 2], t);
    expectRel(j[0]!, Math.exp(lam * t) * (1.5 + t * 2), 1e-13);
    expectRel(j[1]!, Math.exp(lam * t) * 2, 1e-13);
    // rotation: a norm of 40 needs many squarings
    const w = 4;
    const r = run([0, -w, w, 0], [1, 0], 10);
    expectRel(r[0]!, Math.cos(40), 1e-11, 1e-12);
    expectRel(r[1]!, Math.sin(40), 1e-11, 1e-12);
  });

  it('agrees with a Taylor series on random 1…5-dimensional matrices, with and without an offset c', () => {
    const rnd = seededRandom(7);
    for (let n = 1; n <= 5; n++) {
      for (let trial = 0; trial < 20; trial++) {
        const A = Array.from({ length: n }, () => Array.from({ length: n }, () => 2 * rnd() - 1));
        const c = Array.from({ length: n }, () => (trial % 2 ? 2 * rnd() - 1 : 0));
        const y0 = Array.from({ length: n }, () => 2 * rnd() - 1);
        const t = 0.2 + 2 * rnd();
        // reference: the augmented system [[A, c], [0, 0]] acting on [y0; 1]
        const aug = [...A.map((row, i) => [...row, c[i]!]), Array(n + 1).fill(0)];
        const E = taylorExp(aug, t);
        const want = E.slice(0, n).map((row) => row.reduce((s, e, j) => s + e * (j < n ? y0[j]! : 1), 0));
        const y = Float64Array.from(y0);
        const prop = new LinearPropagator(n);
        prop.setSystem(Float64Array.from(A.flat()), Float64Array.from(c));
        expect(prop.advance(y, t)).toBe(true);
        want.forEach((v, i) => expectRel(y[i]!, v, 1e-12, 1e-13));
      }
    }
  });

  it('dy/dt = −k·y + c reaches c/k + (y0 − c/k)·e^{−kt}, also when the segment length repeats (cache)', () => {
    const prop = new LinearPropagator(1);
    const k = 0.3, c = 2.4;
    const y = Float64Array.of(10);
    let t = 0;
    prop.setSystem(Float64Array.of(-k), Float64Array.of(c));
    for (const dt of [0.5, 0.5, 1, 0.5, 2, 1]) {
      expect(prop.advance(y, dt)).toBe(true);
      t += dt;
      expectRel(y[0]!, c / k + (10 - c / k) * Math.exp(-k * t), 1e-13);
    }
  });

  it('non-finite coefficients or growth beyond the double range report failure and leave y alone', () => {
    const prop = new LinearPropagator(1);
    const y = Float64Array.of(1);
    prop.setSystem(Float64Array.of(NaN), Float64Array.of(0));
    expect(prop.advance(y, 1)).toBe(false);
    prop.setSystem(Float64Array.of(1e5), Float64Array.of(0));
    expect(prop.advance(y, 1)).toBe(false);
    expect(y[0]).toBe(1);
    // a new system clears the propagators of the old one (same segment length, new answer)
    prop.setSystem(Float64Array.of(-1), Float64Array.of(0));
    expect(prop.advance(y, 1)).toBe(true);
    prop.setSystem(Float64Array.of(-2), Float64Array.of(0));
    expect(prop.advance(y, 1)).toBe(true);
    expectRel(y[0]!, Math.exp(-3), 1e-14);
  });

  it('the generated source holds only indices, numbers and operators, and skips known zeros', () => {
    for (const affine of [false, true]) {
      const src = expmKernelSource(3, affine);
      expect(src).toMatch(/^"use strict";/);
      // every token is a keyword of the template, a generated local, a number or punctuation
      const words = new Set(src.match(/[A-Za-z_][A-Za-z0-9_]*/g));
      for (const w of words) expect(w).toMatch(/^(use|strict|return|function|expm3|expm3affine|A|c|scale|squarings|out|const|let|for|s|l|Math|abs|Infinity|[xabgewodrt]\d_\d|e\d+)$/);
    }
    // the affine matrix's last row is zero: none of its entries is ever computed from products
    expect(expmKernelSource(2, true)).not.toMatch(/const a2_0 =/);
    expect(() => expmKernel(0, false)).toThrow(/out of range/);
    expect(() => expmKernel(1.5, true)).toThrow(/out of range/);
  });
});

describe('which models are propagated exactly', () => {
  it('linear compartmental examples qualify; nonlinear, time-dependent and chaotic ones do not', () => {
    for (const name of ['pk-1cmt-oral', 'pk-2cmt-iv', 'pk-1cmt-infusion', 'pk-1cmt-multiple-dose', 'pk-1cmt-oral-covariate', 'decay-exponential']) {
      expect([name, propagatesExactly(example(name))]).toEqual([name, true]);
    }
    for (const name of ['pk-mm-elimination', 'growth-logistic', 'lorenz', 'predator-prey', 'stiff-robertson', 'pk-tmdd']) {
      expect([name, propagatesExactly(example(name))]).toEqual([name, false]);
    }
  });

  const spec = (equations: Record<string, string>, extra: object = {}) => compileSpec({
    name: 't', states: Object.keys(equations).map((name) => ({ name, initial: '1' })),
    parameters: [{ name: 'k', prior: { type: 'lognormal', median: 1, gsd: 2 } }],
    equations, observables: [{ name: 'obs', expression: Object.keys(equations)[0] }], ...extra,
  });

  it('time in an equation, a state-dependent coefficient, or too many states keeps the Runge–Kutta path', () => {
    expect(propagatesExactly(spec({ x: '-k * x + 1' }))).toBe(true);
    expect(propagatesExactly(spec({ x: '-k * x + sin(t)' }))).toBe(false);
    expect(propagatesExactly(spec({ x: '-k * x * x' }))).toBe(false);
    expect(propagatesExactly(spec({ x: '-k * abs(x)' }))).toBe(false);
    const chain = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`a${i}`, i === 0 ? '-k * a0' : `k * a${i - 1} - k * a${i}`]));
    expect(propagatesExactly(spec(chain(MAX_LINEAR_STATES)))).toBe(true);
    expect(propagatesExactly(spec(chain(MAX_LINEAR_STATES + 1)))).toBe(false);
  });
});

describe("CPU engine 'auto' on linear models: exact propagation", () => {
  const times = Float64Array.from([0, 0.25, 0.5, 1, 2, 3.5, 5, 8, 12, 24]);

  it('one-compartment oral PK matches the closed form to 1e-12, at ka = k exactly too (no division by ka − k)', () => {
    const model = example('pk-1cmt-oral');
    const idx = (n: string) => model.parameterNames.indexOf(n);
    const ps = [[1.2, 3, 20], [0.2, 4, 20], [1.5, 4, 35], [40, 2, 10]];
    const params = new Float64Array(ps.length * 3);
    ps.forEach(([ka, CL, V], i) => { params[3 * i + idx('ka')] = ka!; params[3 * i + idx('CL')] = CL!; params[3 * i + idx('V')] = V!; });
    const res = simulateInThread({ model, params, times, solver: { method: 'auto', rtol: 1e-3, atol: 1e-3 } });
    expect([...res.status]).toEqual([0, 0, 0, 0]);
    // tolerances are irrelevant to the exact path: one accepted "step" per segment
    expect(res.stats.accepted).toBe(ps.length * (times.length - 1));
    ps.forEach(([ka, CL, V], i) => {
      const k = CL! / V!;
      times.forEach((t, j) => {
        const want = ka === k ? (100 * k * t * Math.exp(-k * t)) / V! : ((100 * ka!) / (V! * (ka! - k))) * (Math.exp(-k * t) - Math.exp(-ka! * t));
        expectRel(res.outputs[i * times.length + j]!, want, 1e-12, 1e-14);
      });
    });
  });

  it('zero-order infusion (example spec): closed form during and after the infusion', () => {
    const model = example('pk-1cmt-infusion');
    const [CL, V] = [3, 25];
    const params = Float64Array.from(model.parameterNames.map((n) => ({ CL, V })[n as 'CL' | 'V']));
    const res = simulateInThread({ model, params, times, solver: { method: 'auto' } });
    const k = CL / V, R = 200 / 2;
    times.forEach((t, j) => {
      const given = Math.min(t, 2);
      const want = ((R / CL) * (1 - Math.exp(-k * given)) * Math.exp(-k * (t - given)));
      expectRel(res.outputs[j]!, want, 1e-12, 1e-14);
    });
  });

  it('multiple doses and two compartments: exact path = DOPRI5 at rtol 1e-11 on every trajectory', () => {
    for (const name of ['pk-1cmt-multiple-dose', 'pk-2cmt-iv']) {
      const model = example(name);
      const rnd = seededRandom(3);
      const n = 40;
      const params = Float64Array.from({ length: n * model.parameterNames.length }, (_, q) => {
        const p = model.spec.parameters[q % model.parameterNames.length]!.prior;
        const med = p.type === 'lognormal' ? p.median : Math.sqrt(p.lower * p.upper);
        return med * Math.exp(0.6 * (2 * rnd() - 1));
      });
      const tt = Float64Array.from([0, 1, 2, 6, 11.5, 12, 13, 24, 36, 48, 72]);
      const exact = simulateInThread({ model, params, times: tt, solver: { method: 'auto' } });
      const rk = simulateInThread({ model, params, times: tt, solver: { method: 'dopri5', rtol: 1e-11, atol: 1e-14, maxSteps: 100000 } });
      expect([...exact.status]).toEqual([...rk.status]);
      expect(exact.status.every((s) => s === Status.ok)).toBe(true);
      exact.outputs.forEach((v, i) => expectRel(v, rk.outputs[i]!, 1e-8, 1e-12));
    }
  });

  it('a trajectory that overflows fails alone; its neighbours are exact', () => {
    const model = compileSpec({
      name: 'growth', states: [{ name: 'x', initial: '1' }],
      parameters: [{ name: 'r', prior: { type: 'lognormal', median: 1, gsd: 2 } }],
      equations: { x: 'r * x' }, observables: [{ name: 'obs', expression: 'x' }],
    });
    expect(propagatesExactly(model)).toBe(true);
    const res = simulateInThread({ model, params: Float64Array.of(0.5, 1e4, -0.5), times: Float64Array.of(0, 1, 2), solver: { method: 'auto' } });
    expect([...res.status]).toEqual([Status.ok, Status.nonFinite, Status.ok]);
    expect(res.outputs.slice(3, 6).every(Number.isNaN)).toBe(true);
    expectRel(res.outputs[2]!, Math.exp(1), 1e-13);
    expectRel(res.outputs[8]!, Math.exp(-1), 1e-13);
  });
});
