// First-order bound on |f32 WGSL result − f64 value| for an expression, propagated node by node
// with WGSL's documented accuracies. Inputs are assumed exactly representable in f32.
// Throws Unreliable where the comparison means nothing: overflow/underflow of f32, a branch
// (step, sign, hill at 0, domain edges of log/sqrt/pow) within rounding error of its switch point.
import type { Expr } from '../../src/model/ast.ts';
import type { EvalEnv } from '../../src/model/interpret.ts';
import { hill, integerExponent, ipow, LOG10_E, step } from '../../src/model/codegen/semantics.ts';

export class Unreliable extends Error {}

const U = 2 ** -24; // f32 unit roundoff
interface B { v: number; e: number }

function checked(b: B): B {
  const a = Math.abs(b.v);
  if (!Number.isFinite(b.v) || a > 1e36 || !Number.isFinite(b.e)) throw new Unreliable('overflow or NaN');
  if (a !== 0 && a < 1e-30) throw new Unreliable('underflow');
  return b;
}

const mul = (a: B, b: B): B => {
  const v = a.v * b.v;
  return checked({ v, e: Math.abs(a.v) * b.e + Math.abs(b.v) * a.e + a.e * b.e + Math.abs(v) * U });
};
const divide = (a: B, b: B): B => {
  if (Math.abs(b.v) <= 2 * b.e || b.v === 0) throw new Unreliable('division near zero');
  const v = a.v / b.v;
  return checked({ v, e: (a.e + Math.abs(v) * b.e) / (Math.abs(b.v) - b.e) + Math.abs(v) * U });
};
const addB = (a: B, b: B, sign: number): B => {
  const v = a.v + sign * b.v;
  return checked({ v, e: a.e + b.e + Math.abs(v) * U });
};

function ipowB(x: B, n: number): B {
  if (n < 0) return divide({ v: 1, e: 0 }, ipowB(x, -n));
  if (n === 0) return { v: 1, e: 0 };
  let r = x;
  for (let i = 1; i < n; i++) r = mul(r, x);
  return r;
}

/** WGSL model_pow: pow(x, y) = exp2(y·log2 x) for x > 0, Math.pow rules elsewhere. */
function powB(x: B, y: B): B {
  if (y.v === 0 && y.e === 0) return { v: 1, e: 0 };
  const v = Math.pow(x.v, y.v);
  if (Math.abs(x.v) <= 2 * x.e || x.v === 0) throw new Unreliable('pow base near zero');
  if (x.v < 0 && y.e > 0) throw new Unreliable('pow of a negative base with an inexact exponent');
  const ax = Math.abs(x.v);
  const z = Math.abs(y.v * Math.log2(ax));
  const impl = U * (8 + 2 * z) + Math.abs(y.v) * 2 ** -21;
  const rel = (Math.abs(y.v) * x.e) / (ax - x.e) + Math.abs(Math.log(ax)) * y.e + impl;
  return checked({ v, e: Math.abs(v) * Math.expm1(Math.min(rel, 700)) });
}

function switchPoint(x: B): void {
  if (x.e > 0 && Math.abs(x.v) <= 2 * x.e) throw new Unreliable('branch within rounding error of its switch point');
}

export function boundF32(expr: Expr, env: EvalEnv): B {
  const go = (e: Expr): B => {
    switch (e.kind) {
      case 'num': return checked({ v: e.value, e: Math.abs(e.value) * U });
      case 'ident': {
        const r = e.ref!;
        const v = r.kind === 'time' ? env.t : r.kind === 'state' ? env.y[r.index]! : r.kind === 'parameter' ? env.p[r.index]! : env.c[r.index]!;
        return checked({ v, e: 0 });
      }
      case 'neg': { const a = go(e.arg); return { v: -a.v, e: a.e }; }
      case 'binary': {
        if (e.op === '^') return power(e.left, e.right);
        const a = go(e.left);
        const b = go(e.right);
        switch (e.op) {
          case '+': return addB(a, b, 1);
          case '-': return addB(a, b, -1);
          case '*': return mul(a, b);
          case '/': return divide(a, b);
        }
        break;
      }
      case 'call': {
        if (e.fn === 'pow') return power(e.args[0]!, e.args[1]!);
        const args = e.args.map(go);
        return fn(e.fn, args);
      }
    }
    throw new Error('unknown node');
  };
  const power = (base: Expr, exponent: Expr): B => {
    const n = integerExponent(exponent);
    const x = go(base);
    if (n !== undefined) {
      const r = ipowB(x, n);
      return { v: ipow(x.v, n), e: r.e };
    }
    return powB(x, go(exponent));
  };
  return go(expr);
}

function fn(name: string, args: B[]): B {
  const [a, b, c] = args as [B, B, B];
  const abs = Math.abs;
  switch (name) {
    case 'exp': { const v = Math.exp(a.v); return checked({ v, e: abs(v) * (Math.expm1(a.e) + U * (3 + 2 * abs(a.v))) }); }
    case 'log': case 'log10': {
      if (a.v <= 2 * a.e || a.v <= 0) throw new Unreliable('log near or below zero');
      const v = Math.log(a.v);
      const e = a.e / (a.v - a.e) + 2 ** -21 + 3 * U * abs(v);
      return name === 'log' ? checked({ v, e }) : checked({ v: Math.log10(a.v), e: e * LOG10_E + abs(v) * U });
    }
    case 'sqrt': {
      if (a.v < 0 || (a.e > 0 && a.v <= a.e)) throw new Unreliable('sqrt near or below zero');
      const v = Math.sqrt(a.v);
      const e = a.e === 0 ? 0 : Math.min(a.e / (2 * Math.sqrt(a.v - a.e)), Math.sqrt(a.e));
      return checked({ v, e: e + 4 * U * v });
    }
    case 'abs': return { v: abs(a.v), e: a.e };
    case 'sign': switchPoint(a); return { v: Math.sign(a.v), e: 0 };
    case 'step': switchPoint(a); return { v: step(a.v), e: 0 };
    case 'sin': return checked({ v: Math.sin(a.v), e: a.e + 2 ** -11 + abs(a.v) * U });
    case 'cos': return checked({ v: Math.cos(a.v), e: a.e + 2 ** -11 + abs(a.v) * U });
    case 'tanh': { const v = Math.tanh(a.v); return checked({ v, e: a.e * (1 - v * v) + 1e-6 + 16 * U * abs(v) }); }
    case 'min': return { v: Math.min(a.v, b.v), e: Math.max(a.e, b.e) };
    case 'max': return { v: Math.max(a.v, b.v), e: Math.max(a.e, b.e) };
    case 'hill': {
      switchPoint(a);
      if (a.v <= 0) return { v: 0, e: 0 };
      const r = powB(divide(b, a), c);
      const s = addB({ v: 1, e: 0 }, r, 1);
      const out = divide({ v: 1, e: 0 }, s);
      return { v: hill(a.v, b.v, c.v), e: out.e };
    }
  }
  throw new Error(`unknown function ${name}`);
}

/** true when the f32 result g is within the propagated bound of the f64 value (margin 4×). */
export function withinF32(g: number, b: B): boolean {
  return Number.isFinite(g) && Math.abs(g - b.v) <= 4 * b.e + 1e-35;
}
