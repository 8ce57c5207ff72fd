// Symbolic differentiation of a resolved AST with respect to one symbol (a state, for the
// Jacobian). Observables must be inlined first. Piecewise functions differentiate through
// step(); hill uses h' = n·h·(1−h)/x (and the K, n analogues) with a floored divisor so that
// x ≤ 0, where hill is identically 0, gives 0 instead of 0/0.
import type { Expr } from '../ast.ts';
import { add, call, constantValue, div, mul, neg, num, pow, sub } from './build.ts';
import type { SymbolRef } from './mangle.ts';
import { DERIVATIVE_FLOOR, integerExponent, LOG10_E } from './semantics.ts';
import { simplify } from './simplify.ts';

export type Wrt = (ref: SymbolRef) => boolean;

/** d expr / d (the symbol selected by wrt), simplified. */
export function derivative(expr: Expr, wrt: Wrt): Expr {
  return simplify(d(expr, wrt));
}

const ZERO = num(0);
const isZero = (e: Expr): boolean => constantValue(e) === 0;

function d(e: Expr, wrt: Wrt): Expr {
  switch (e.kind) {
    case 'num':
      return ZERO;
    case 'ident':
      if (!e.ref) throw new Error('codegen: unresolved identifier (validate the model first)');
      if (e.ref.kind === 'observable') throw new Error('codegen: inline observables before differentiating');
      return wrt(e.ref) ? num(1) : ZERO;
    case 'neg':
      return neg(d(e.arg, wrt));
    case 'binary': {
      if (e.op === '^') return dPower(e.left, e.right, wrt);
      const da = d(e.left, wrt);
      const db = d(e.right, wrt);
      switch (e.op) {
        case '+': return add(da, db);
        case '-': return sub(da, db);
        case '*': return add(mul(da, e.right), mul(e.left, db));
        case '/': return sub(div(da, e.right), div(mul(e.left, db), mul(e.right, e.right)));
      }
      break;
    }
    case 'call':
      return dCall(e, wrt);
  }
  throw new Error('codegen: cannot differentiate this node');
}

/** a^b: integer constant b → n·a^(n−1)·a'; otherwise b·a^(b−1)·a' + a^b·log(a)·b'. */
function dPower(a: Expr, b: Expr, wrt: Wrt): Expr {
  const da = d(a, wrt);
  const n = integerExponent(b);
  if (n !== undefined) {
    if (n === 0) return ZERO;
    return mul(mul(num(n), pow(a, num(n - 1))), da);
  }
  const db = d(b, wrt);
  const viaBase = mul(mul(b, pow(a, sub(b, num(1)))), da);
  if (isZero(simplify(db))) return viaBase;
  return add(viaBase, mul(mul(pow(a, b), call('log', a)), db));
}

function dCall(e: Extract<Expr, { kind: 'call' }>, wrt: Wrt): Expr {
  const [a, b, c] = e.args as [Expr, Expr, Expr];
  switch (e.fn) {
    case 'pow': return dPower(a, b, wrt);
    case 'exp': return mul(call('exp', a), d(a, wrt));
    case 'log': return div(d(a, wrt), a);
    case 'log10': return div(mul(num(LOG10_E), d(a, wrt)), a);
    case 'sqrt': return div(d(a, wrt), mul(num(2), call('sqrt', a)));
    case 'abs': return mul(call('sign', a), d(a, wrt));
    case 'sign':
    case 'step': return ZERO;
    case 'sin': return mul(call('cos', a), d(a, wrt));
    case 'cos': return neg(mul(call('sin', a), d(a, wrt)));
    case 'tanh': return mul(sub(num(1), pow(call('tanh', a), num(2))), d(a, wrt));
    case 'min': return choose(call('step', sub(b, a)), d(a, wrt), d(b, wrt));
    case 'max': return choose(call('step', sub(a, b)), d(a, wrt), d(b, wrt));
    case 'hill': return dHill(a, b, c, wrt);
  }
  throw new Error(`codegen: cannot differentiate ${JSON.stringify(e.fn)}`);
}

/** s·x' + (1 − s)·y' for a selector s ∈ {0, 1}. */
function choose(s: Expr, dx: Expr, dy: Expr): Expr {
  return add(mul(s, dx), mul(sub(num(1), s), dy));
}

function dHill(x: Expr, k: Expr, n: Expr, wrt: Wrt): Expr {
  const h = call('hill', x, k, n);
  const g = mul(h, sub(num(1), h)); // h(1−h)
  const floor = (v: Expr): Expr => call('max', v, num(DERIVATIVE_FLOOR));
  const byX = div(mul(n, g), floor(x));
  const byK = neg(div(mul(n, g), floor(k)));
  const byN = neg(mul(g, sub(call('log', floor(k)), call('log', floor(x)))));
  return add(add(mul(byX, d(x, wrt)), mul(byK, d(k, wrt))), mul(byN, d(n, wrt)));
}
