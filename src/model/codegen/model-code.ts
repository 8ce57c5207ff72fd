// What the JS and WGSL generators need from a validated model: resolved expressions only
// (no names, units or descriptions), so user text cannot reach generated code.
import type { Expr } from '../ast.ts';
import type { ModelTrees } from '../compiled.ts';
import { observablesUsed } from './inline.ts';

export interface ModelCode extends ModelTrees {
  /** row-major nStates × nStates, observables inlined */
  jacobian: Expr[];
}

/** Observable indices (in evaluation order) that the given expressions need. */
export function observableLocals(code: Pick<ModelTrees, 'observables' | 'observableOrder'>, exprs: readonly Expr[]): number[] {
  const used = observablesUsed(exprs, code.observables);
  return code.observableOrder.filter((k) => used.has(k));
}
