// The symbolic Jacobian matches central finite differences on every example spec, symbolic
// derivatives of random expressions match finite differences where the function is smooth, and
// simplification keeps values.
import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Expr } from '../../src/model/ast.ts';
import { derivative } from '../../src/model/codegen/derivative.ts';
import { jsExpression } from '../../src/model/codegen/js.ts';
import { simplify } from '../../src/model/codegen/simplify.ts';
import { compileModel } from '../../src/model/compile.ts';
import { instantiateJs } from '../../src/model/instantiate.ts';
import { evaluate, type EvalEnv } from '../../src/model/interpret.ts';
import { validateSpec } from '../../src/model/validate.ts';
import { mulberry32, randomInputs, resolvedExpr } from './codegen-arbitrary.ts';

const DIR = 'public/examples/models';
const x: Expr = { kind: 'ident', name: 'x', ref: { kind: 'state', index: 0 } };
const k: Expr = { kind: 'ident', name: 'k', ref: { kind: 'parameter', index: 0 } };
const num = (value: number): Expr => ({ kind: 'num', value });
const wrtX = (ref: { kind: string; index: number }): boolean => ref.kind === 'state' && ref.index === 0;
const at = (y: number, p = 2): EvalEnv => ({ t: 0, y: [y], p: [p], c: [] });

describe('Jacobian of every example spec', () => {
  const files = readdirSync(DIR).filter((f) => f.endsWith('.json')).sort();
  it('has example specs to check', () => expect(files.length).toBeGreaterThan(0));
  for (const file of files) {
    it(`${file}: matches central finite differences at random states`, () => {
      const v = validateSpec(readFileSync(`${DIR}/${file}`, 'utf8'));
      const f = instantiateJs(compileModel(v));
      const n = v.states.length;
      const rng = mulberry32(23);
      for (let trial = 0; trial < 20; trial++) {
        const y = Float64Array.from({ length: n }, () => Math.exp((rng() - 0.3) * 4));
        const p = Float64Array.from(v.parameters, (q) => (q.prior.type === 'lognormal' ? q.prior.median : Math.sqrt(q.prior.lower * q.prior.upper)) * Math.exp((rng() - 0.5)));
        const c = Float64Array.from(v.covariates, (cv) => cv.default || 1);
        const t = rng() * 24;
        const J = new Float64Array(n * n);
        f.jac(t, y, p, c, J);
        const plus = new Float64Array(n), minus = new Float64Array(n);
        for (let j = 0; j < n; j++) {
          const h = 1e-6 * Math.max(Math.abs(y[j]!), 1e-3);
          const yp = Float64Array.from(y); yp[j]! += h;
          const ym = Float64Array.from(y); ym[j]! -= h;
          f.rhs(t, yp, p, c, plus);
          f.rhs(t, ym, p, c, minus);
          for (let i = 0; i < n; i++) {
            const fd = (plus[i]! - minus[i]!) / (yp[j]! - ym[j]!);
            const exact = J[i * n + j]!;
            const scale = Math.max(1e-8, ...Array.from({ length: n }, (_, q) => Math.abs(J[i * n + q]!)));
            expect(Math.abs(fd - exact), `${file} J[${i}][${j}] = ${exact}, finite differences ${fd}`).toBeLessThan(1e-5 * scale);
          }
        }
      }
    });
  }
});

describe('symbolic derivatives', () => {
  it('match finite differences on random expressions where the function is smooth', () => {
    const rng = mulberry32(31);
    let compared = 0;
    let total = 0;
    fc.assert(
      fc.property(resolvedExpr(5), (e) => {
        const d = derivative(e, wrtX);
        for (let trial = 0; trial < 5; trial++) {
          const env = randomInputs(rng);
          const y0 = env.y[0]!;
          total++;
          const f = (y: number): number => evaluate(e, { ...env, y: [y, ...env.y.slice(1)] });
          const h = 1e-5 * Math.max(Math.abs(y0), 0.1);
          const fd1 = (f(y0 + h) - f(y0 - h)) / (2 * h);
          const fd2 = (f(y0 + h / 2) - f(y0 - h / 2)) / h;
          const exact = evaluate(d, env);
          // smooth here: finite values and two step sizes that agree (no kink or jump in reach)
          const scale = Math.max(1, Math.abs(fd1), Math.abs(f(y0)));
          if (![fd1, fd2, exact, f(y0)].every(Number.isFinite) || Math.abs(fd1 - fd2) > 1e-6 * scale || scale > 1e8) continue;
          compared++;
          if (Math.abs(exact - fd2) > 1e-4 * scale) {
            throw new Error(`d/dx ${jsExpression(e)} = ${jsExpression(d)}: ${exact} vs finite differences ${fd2} at y0=${y0}`);
          }
        }
      }),
      { numRuns: 400, seed: 5 },
    );
    expect(compared / total).toBeGreaterThan(0.4);
  });

  it('of hill are finite at and below 0 and follow n·h(1−h)/x', () => {
    const h = { kind: 'call', fn: 'hill', args: [x, k, num(3)] } as Expr;
    const d = derivative(h, wrtX);
    expect(evaluate(d, at(0))).toBe(0);
    expect(evaluate(d, at(-1))).toBe(0);
    const hv = evaluate(h, at(1.5));
    expect(evaluate(d, at(1.5))).toBeCloseTo((3 * hv * (1 - hv)) / 1.5, 14);
  });

  it('of min, max and abs are piecewise, of step and sign are 0', () => {
    const min = derivative({ kind: 'call', fn: 'min', args: [x, num(1)] }, wrtX);
    expect(evaluate(min, at(0.5))).toBe(1);
    expect(evaluate(min, at(2))).toBe(0);
    const max = derivative({ kind: 'call', fn: 'max', args: [{ kind: 'binary', op: '*', left: num(3), right: x }, num(1)] }, wrtX);
    expect(evaluate(max, at(2))).toBe(3);
    expect(evaluate(max, at(0))).toBe(0);
    expect(evaluate(derivative({ kind: 'call', fn: 'abs', args: [x] }, wrtX), at(-2))).toBe(-1);
    expect(derivative({ kind: 'call', fn: 'step', args: [x] }, wrtX)).toEqual(num(0));
    expect(derivative({ kind: 'call', fn: 'sign', args: [x] }, wrtX)).toEqual(num(0));
  });

  it('of powers: integer exponents stay products, variable exponents use x^y·log x', () => {
    expect(jsExpression(derivative({ kind: 'binary', op: '^', left: x, right: num(3) }, wrtX))).toBe('(3 * (y[0] * y[0]))');
    const xx: Expr = { kind: 'binary', op: '^', left: x, right: x }; // x^x: d = x^x (log x + 1)
    expect(evaluate(derivative(xx, wrtX), at(2))).toBeCloseTo(4 * (Math.log(2) + 1), 13);
    expect(derivative({ kind: 'binary', op: '^', left: k, right: num(2.5) }, wrtX)).toEqual(num(0));
  });
});

describe('simplify', () => {
  it('folds constants and removes 0/1 identities', () => {
    const e: Expr = {
      kind: 'binary', op: '+',
      left: { kind: 'binary', op: '*', left: num(1), right: x },
      right: { kind: 'binary', op: '*', left: { kind: 'binary', op: '+', left: num(2), right: num(3) }, right: num(0) },
    };
    expect(simplify(e)).toEqual(x);
    expect(simplify({ kind: 'neg', arg: { kind: 'neg', arg: x } })).toEqual(x);
    expect(simplify({ kind: 'binary', op: '*', left: num(2), right: { kind: 'binary', op: '*', left: num(3), right: x } }))
      .toEqual({ kind: 'binary', op: '*', left: num(6), right: x });
    // 1/0 is not folded into a non-finite literal
    expect(simplify({ kind: 'binary', op: '/', left: num(1), right: num(0) }).kind).toBe('binary');
  });

  it('keeps the value of random expressions (where finite)', () => {
    const rng = mulberry32(3);
    fc.assert(
      fc.property(resolvedExpr(5), (e) => {
        const s = simplify(e);
        for (let trial = 0; trial < 5; trial++) {
          const env = randomInputs(rng);
          const a = evaluate(e, env);
          if (!Number.isFinite(a) || Math.abs(a) > 1e12) continue;
          const b = evaluate(s, env);
          if (!(Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a)))) {
            throw new Error(`${jsExpression(e)} → ${jsExpression(s)}: ${a} vs ${b}`);
          }
        }
      }),
      { numRuns: 400, seed: 8 },
    );
  });
});
