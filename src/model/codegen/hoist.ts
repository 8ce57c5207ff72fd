// Loop-invariant hoisting for generated stepping code: subexpressions that depend only on
// parameters, covariates and numbers (e.g. CL / V) are the same at every stage of every step, so
// the CPU kernels compute them once per segment instead of once per right-hand-side evaluation.
// The expression language has no side effects and no short-circuit evaluation, so computing a
// subexpression earlier gives the same double: hoisting never changes a result.
import { mapChildren, type Expr } from '../ast.ts';
import { jsExpression } from './js.ts';

export interface Hoisted {
  /** the input expressions with each hoisted subexpression replaced by a derived-parameter reference */
  exprs: Expr[];
  /** the hoisted subexpressions; the k-th is referenced as parameter index firstIndex + k */
  hoisted: Expr[];
}

/** Numbers-only subtrees are left alone: the engine folds them, and codegen reads small integer exponents from them. */
function hasSymbol(e: Expr): boolean {
  switch (e.kind) {
    case 'num': return false;
    case 'ident': return true;
    case 'neg': return hasSymbol(e.arg);
    case 'binary': return hasSymbol(e.left) || hasSymbol(e.right);
    case 'call': return e.args.some(hasSymbol);
  }
}

function invariant(e: Expr): boolean {
  switch (e.kind) {
    case 'num': return true;
    case 'ident': return e.ref?.kind === 'parameter' || e.ref?.kind === 'covariate';
    case 'neg': return invariant(e.arg);
    case 'binary': return invariant(e.left) && invariant(e.right);
    case 'call': return e.args.every(invariant);
  }
}

/**
 * Replaces every maximal invariant subexpression that is not a leaf and names a symbol by a reference to a derived
 * parameter (index firstIndex, firstIndex + 1, …); identical subexpressions share one entry.
 */
export function hoistInvariants(exprs: readonly Expr[], firstIndex: number): Hoisted {
  const hoisted: Expr[] = [];
  const byText = new Map<string, number>();
  const walk = (e: Expr): Expr => {
    if (e.kind === 'num' || e.kind === 'ident') return e;
    if (invariant(e) && hasSymbol(e)) {
      const text = jsExpression(e);
      let k = byText.get(text);
      if (k === undefined) {
        k = hoisted.length;
        hoisted.push(e);
        byText.set(text, k);
      }
      return { kind: 'ident', name: `#invariant${k}`, ref: { kind: 'parameter', index: firstIndex + k } };
    }
    return mapChildren(e, walk);
  };
  return { exprs: exprs.map(walk), hoisted };
}
