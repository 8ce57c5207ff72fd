// What the JS and WGSL generators need from a validated model: resolved expressions only
// (no names, units or descriptions), so user text cannot reach generated code.
import type { Expr } from '../ast.ts';
import { observablesUsed } from './inline.ts';

export interface ModelCode {
  nStates: number;
  nParams: number;
  nCovariates: number;
  /** d(state_i)/dt */
  equations: Expr[];
  /** initial value of state_i (parameters and covariates only) */
  initial: Expr[];
  /** observable expressions (may reference earlier observables in observableOrder) */
  observables: Expr[];
  observableOrder: number[];
  /** row-major nStates × nStates, observables inlined */
  jacobian: Expr[];
  /** distinct dose amount / rate expressions */
  doseExprs: Expr[];
}

/** Observable indices (in evaluation order) that the given expressions need. */
export function observableLocals(code: ModelCode, exprs: readonly Expr[]): number[] {
  const used = observablesUsed(exprs, code.observables);
  return code.observableOrder.filter((k) => used.has(k));
}
