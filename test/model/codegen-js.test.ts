// Generated JS equals the reference interpreter bit for bit on random ASTs and inputs.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Expr } from '../../src/model/ast.ts';
import { JS_PRELUDE, jsExpression } from '../../src/model/codegen/js.ts';
import { evaluate } from '../../src/model/interpret.ts';
import { exprArbitrary } from './arbitrary.ts';
import { mulberry32, NAMED_SYMBOLS, randomInputs, resolvedExpr, resolveNames } from './codegen-arbitrary.ts';

type Compiled = (t: number, y: number[], p: number[], c: number[]) => number;
const compile = (e: Expr): Compiled =>
  new Function('t', 'y', 'p', 'c', `${JS_PRELUDE}\nreturn ${jsExpression(e)};`) as Compiled;

const num = (value: number): Expr => ({ kind: 'num', value });
const y0: Expr = { kind: 'ident', name: 'a', ref: { kind: 'state', index: 0 } };

describe('generated JS vs interpreter', () => {
  it('agrees exactly (Object.is, NaN = NaN) on random expressions and inputs', () => {
    const rng = mulberry32(7);
    fc.assert(
      fc.property(resolvedExpr(6), (e) => {
        const f = compile(e);
        for (let k = 0; k < 20; k++) {
          const x = randomInputs(rng);
          const expected = evaluate(e, x);
          const got = f(x.t, x.y, x.p, x.c);
          if (!Object.is(got, expected)) throw new Error(`${jsExpression(e)}: js ${got} vs interpreter ${expected}`);
        }
      }),
      { numRuns: 600, seed: 42 },
    );
  });

  it('agrees exactly on parser-shaped expressions with extreme literals (shared arbitrary)', () => {
    const rng = mulberry32(8);
    fc.assert(
      fc.property(exprArbitrary(Object.keys(NAMED_SYMBOLS)), (raw) => {
        const e = resolveNames(raw);
        const f = compile(e);
        for (let k = 0; k < 10; k++) {
          const x = randomInputs(rng);
          const expected = evaluate(e, x);
          const got = f(x.t, x.y, x.p, x.c);
          if (!Object.is(got, expected)) throw new Error(`${jsExpression(e)}: js ${got} vs interpreter ${expected}`);
        }
      }),
      { numRuns: 400, seed: 43 },
    );
  });

  it('expands small integer powers to products and keeps Math.pow otherwise', () => {
    expect(jsExpression({ kind: 'binary', op: '^', left: y0, right: num(2) })).toBe('(y[0] * y[0])');
    expect(jsExpression({ kind: 'binary', op: '^', left: y0, right: { kind: 'neg', arg: num(3) } })).toBe('(1 / (y[0] * y[0] * y[0]))');
    expect(jsExpression({ kind: 'call', fn: 'pow', args: [y0, num(0.5)] })).toBe('Math.pow(y[0], 0.5)');
    const compound: Expr = { kind: 'binary', op: '^', left: { kind: 'binary', op: '+', left: y0, right: num(1) }, right: num(3) };
    expect(jsExpression(compound)).toBe('m_ipow((y[0] + 1), 3)');
    // (-2)^3 and (-2)^0.5 behave like Math.pow
    const f = compile({ kind: 'binary', op: '^', left: y0, right: num(3) });
    expect(f(0, [-2], [], [])).toBe(-8);
    expect(Number.isNaN(compile({ kind: 'call', fn: 'pow', args: [y0, num(0.5)] })(0, [-2], [], []))).toBe(true);
  });

  it('defines hill without 0/0 and step(0) = 1', () => {
    const hill = compile({ kind: 'call', fn: 'hill', args: [y0, num(2), num(3)] });
    expect(hill(0, [0], [], [])).toBe(0);
    expect(hill(0, [-1], [], [])).toBe(0);
    expect(hill(0, [2], [], [])).toBeCloseTo(0.5, 15);
    expect(hill(0, [1e200], [], [])).toBe(1);
    expect(compile({ kind: 'call', fn: 'step', args: [y0] })(0, [0], [], [])).toBe(1);
    expect(compile({ kind: 'call', fn: 'step', args: [y0] })(0, [-1e-300], [], [])).toBe(0);
  });

  it('prints negative numbers and negative zero unambiguously', () => {
    const e: Expr = { kind: 'binary', op: '-', left: y0, right: num(-3) };
    expect(jsExpression(e)).toBe('(y[0] - (-3))');
    expect(compile(e)(0, [1], [], [])).toBe(4);
    expect(Object.is(compile(num(-0))(0, [], [], []), -0)).toBe(true);
    fc.assert(fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (v) => {
      expect(Object.is(compile(num(v))(0, [], [], []), v)).toBe(true);
    }), { numRuns: 300, seed: 3 });
  });

  it('rejects unresolved identifiers and non-finite literals', () => {
    expect(() => jsExpression({ kind: 'ident', name: 'x' })).toThrow(/unresolved/);
    expect(() => jsExpression(num(Number.NaN))).toThrow(/non-finite/);
    expect(() => jsExpression(num(Infinity))).toThrow(/non-finite/);
  });
});
