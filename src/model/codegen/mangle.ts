// Generated code never contains user names: every identifier is made here from its resolved
// reference (kind + index). States y[i], parameters p[i], covariates c[i], time t, observables o<i>.
import type { Expr, SymbolKind } from '../ast.ts';

export interface SymbolRef { kind: SymbolKind; index: number }

/** Maps a resolved reference to generated text. */
export type RefNamer = (ref: SymbolRef) => string;

function checkIndex(index: number): number {
  if (!Number.isInteger(index) || index < 0 || index > 1_000_000) {
    throw new Error(`codegen: invalid symbol index ${String(index)}`);
  }
  return index;
}

/** The standard names used in both JS and WGSL model functions. */
export const mangle: RefNamer = (ref) => {
  switch (ref.kind) {
    case 'time': return 't';
    case 'state': return `y[${checkIndex(ref.index)}]`;
    case 'parameter': return `p[${checkIndex(ref.index)}]`;
    case 'covariate': return `c[${checkIndex(ref.index)}]`;
    case 'observable': return `o${checkIndex(ref.index)}`;
  }
  throw new Error(`codegen: unknown symbol kind ${JSON.stringify((ref as { kind: unknown }).kind)}`);
};

/** The resolved reference of an identifier node, or an error if validation did not run. */
export function refOf(expr: Extract<Expr, { kind: 'ident' }>): SymbolRef {
  if (!expr.ref) throw new Error('codegen: unresolved identifier (validate the model first)');
  return expr.ref;
}
