// A part of an expression that uses no names is a constant; if it evaluates to Infinity or NaN
// (1/0, log(0), exp(1000)), every trajectory would be non-finite, so validation refuses it and
// points at that part instead of letting every fit fail later.
import type { Expr } from './ast.ts';
import { evaluate } from './interpret.ts';

const NO_ENV = { t: 0, y: [], p: [], c: [] };

export interface NonFiniteConstant { value: number; start?: number; end?: number }

/** the smallest constant part of `e` that is not finite, or null */
export function firstNonFiniteConstant(e: Expr): NonFiniteConstant | null {
  let found: NonFiniteConstant | null = null;
  // true when `x` uses no names; records the first constant part that is not finite
  const constant = (x: Expr): boolean => {
    let allConst: boolean;
    switch (x.kind) {
      case 'num': return true;
      case 'ident': return false;
      case 'neg': allConst = constant(x.arg); break;
      case 'binary': allConst = [constant(x.left), constant(x.right)].every(Boolean); break;
      case 'call': allConst = x.args.map(constant).every(Boolean); break;
    }
    if (allConst && !found) {
      const value = evaluate(x, NO_ENV);
      if (!Number.isFinite(value)) found = { value, start: x.span?.start, end: x.span?.end };
    }
    return allConst;
  };
  constant(e);
  return found;
}
