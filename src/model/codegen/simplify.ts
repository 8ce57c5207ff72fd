// Algebraic simplification for generated expressions (mainly derivatives): constant folding,
// 0/1 identities, sign normalisation, constants gathered at the front of products.
// Rules like x·0 → 0 drop NaN propagation; that is the usual convention for Jacobians.
import type { Expr } from '../ast.ts';
import { evaluate } from '../interpret.ts';
import { binary, constantValue, isConstant, neg, num } from './build.ts';

const NO_SYMBOLS = { t: 0, y: [], p: [], c: [] };

export function simplify(e: Expr): Expr {
  switch (e.kind) {
    case 'num':
    case 'ident':
      return e;
    case 'neg':
      return makeNeg(simplify(e.arg));
    case 'binary':
      return makeBinary(e.op, simplify(e.left), simplify(e.right));
    case 'call':
      return fold({ kind: 'call', fn: e.fn, args: e.args.map(simplify) });
  }
}

/** Replaces a constant expression by its value (when finite). */
function fold(e: Expr): Expr {
  if (e.kind === 'num' || !isConstant(e)) return e;
  const value = evaluate(e, NO_SYMBOLS);
  return Number.isFinite(value) ? num(value) : e;
}

function makeNeg(a: Expr): Expr {
  if (a.kind === 'num') return num(-a.value);
  if (a.kind === 'neg') return a.arg;
  return neg(a);
}

function makeBinary(op: '+' | '-' | '*' | '/' | '^', l: Expr, r: Expr): Expr {
  const cl = constantValue(l);
  const cr = constantValue(r);
  if (cl !== undefined && cr !== undefined) return fold(binary(op, l, r));
  switch (op) {
    case '+':
      if (cl === 0) return r;
      if (cr === 0) return l;
      if (r.kind === 'neg') return makeBinary('-', l, r.arg);
      if (l.kind === 'neg') return makeBinary('-', r, l.arg);
      break;
    case '-':
      if (cr === 0) return l;
      if (cl === 0) return makeNeg(r);
      if (r.kind === 'neg') return makeBinary('+', l, r.arg);
      break;
    case '*':
      return makeProduct(l, r, cl, cr);
    case '/':
      if (cl === 0) return num(0);
      if (cr === 1) return l;
      if (cr === -1) return makeNeg(l);
      if (l.kind === 'neg') return makeNeg(makeBinary('/', l.arg, r));
      break;
    case '^':
      if (cr === 1) return l;
      if (cr === 0 || cl === 1) return num(1);
      break;
  }
  return binary(op, l, r);
}

function makeProduct(l: Expr, r: Expr, cl: number | undefined, cr: number | undefined): Expr {
  if (cl !== undefined && cr !== undefined) return fold(binary('*', l, r));
  if (cl === 0 || cr === 0) return num(0);
  if (cl === 1) return r;
  if (cr === 1) return l;
  if (cl === -1) return makeNeg(r);
  if (cr === -1) return makeNeg(l);
  if (l.kind === 'neg') return makeNeg(makeProduct(l.arg, r, constantValue(l.arg), cr));
  if (r.kind === 'neg') return makeNeg(makeProduct(l, r.arg, cl, constantValue(r.arg)));
  // constants to the front, and merged: c1·(c2·x) → (c1·c2)·x
  if (cr !== undefined) return makeProduct(r, l, cr, cl);
  if (cl !== undefined && r.kind === 'binary' && r.op === '*') {
    const inner = constantValue(r.left);
    if (inner !== undefined) {
      const merged = cl * inner;
      if (Number.isFinite(merged)) return makeProduct(num(merged), r.right, merged, constantValue(r.right));
    }
  }
  return binary('*', l, r);
}
