// Is a model linear and time-invariant, dy/dt = A·y + c with A and c free of states and time?
// Then the CPU engine can propagate it exactly (src/simulate/cpu/linear.ts) instead of stepping.
// Decided once at compile time (CompiledModel.linearTimeInvariant).
import { someIdent, type Expr } from './ast.ts';
import { inlineObservables } from './codegen/inline.ts';
import type { ModelCode } from './codegen/model-code.ts';

const mentions = (e: Expr, kinds: ReadonlySet<string>): boolean => someIdent(e, (i) => i.ref !== undefined && kinds.has(i.ref.kind));

const STATE_OR_TIME: ReadonlySet<string> = new Set(['state', 'time', 'observable']);
const TIME: ReadonlySet<string> = new Set(['time', 'observable']);

/**
 * True when every right-hand side (observables inlined) has no time dependence and its partial
 * derivatives with respect to the states (the symbolic Jacobian, observables inlined) depend on
 * parameters and covariates only: then f(y) = J·y + f(0) exactly, with J constant along a trajectory.
 */
export function isLinearTimeInvariant(code: Pick<ModelCode, 'equations' | 'observables' | 'jacobian'>): boolean {
  if (code.equations.some((eq) => mentions(inlineObservables(eq, code.observables), TIME))) return false;
  return code.jacobian.every((d) => !mentions(d, STATE_OR_TIME));
}
