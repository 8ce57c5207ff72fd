// Substitutes observables by their expressions, so that an expression depends on states,
// parameters, covariates and time only (needed before differentiating).
import { mapChildren, type Expr } from '../ast.ts';

export function inlineObservables(expr: Expr, observables: readonly Expr[]): Expr {
  const memo = new Map<number, Expr>();
  const visiting = new Set<number>();
  const walk = (e: Expr): Expr => {
    switch (e.kind) {
      case 'num': return e;
      case 'ident': {
        if (e.ref?.kind !== 'observable') return e;
        const k = e.ref.index;
        const cached = memo.get(k);
        if (cached) return cached;
        const source = observables[k];
        if (!source) throw new Error(`codegen: unknown observable #${k}`);
        if (visiting.has(k)) throw new Error('codegen: observables reference each other in a cycle');
        visiting.add(k);
        const result = walk(source);
        visiting.delete(k);
        memo.set(k, result);
        return result;
      }
      default: return mapChildren(e, walk);
    }
  };
  return walk(expr);
}

/** Indices of the observables an expression refers to, directly or through other observables. */
export function observablesUsed(exprs: readonly Expr[], observables: readonly Expr[]): Set<number> {
  const used = new Set<number>();
  const visit = (e: Expr): void => {
    switch (e.kind) {
      case 'num': return;
      case 'ident':
        if (e.ref?.kind === 'observable' && !used.has(e.ref.index)) {
          used.add(e.ref.index);
          const source = observables[e.ref.index];
          if (source) visit(source);
        }
        return;
      case 'neg': visit(e.arg); return;
      case 'binary': visit(e.left); visit(e.right); return;
      case 'call': e.args.forEach(visit); return;
    }
  };
  exprs.forEach(visit);
  return used;
}
