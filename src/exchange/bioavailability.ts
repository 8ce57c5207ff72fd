// The fraction of a dose that reaches its target, as the exported tools write it: a dose amount
// `F*dose` (or `dose*F`) is the data's AMT given with bioavailability F — NONMEM's F1, nlmixr2's
// f(gut), Monolix's depot p. The data carry the amount; the model carries the fraction.
import { someIdent, type Expr } from '../model/ast.ts';
import type { ValidatedModel } from '../model/validated.ts';

const isDose = (e: Expr) => e.kind === 'ident' && e.name === 'dose';
const mentionsDose = (e: Expr): boolean => someIdent(e, (i) => i.name === 'dose');

/** the bioavailability of each dosed state whose amount is a factor times `dose` (the first entry per state) */
export function doseFactors(v: ValidatedModel): Map<number, Expr> {
  const out = new Map<number, Expr>();
  for (const d of v.doses) {
    const e = d.expr;
    if (out.has(d.state) || e.kind !== 'binary' || e.op !== '*') continue;
    const factor = isDose(e.right) ? e.left : isDose(e.left) ? e.right : null;
    if (factor && !mentionsDose(factor)) out.set(d.state, factor);
  }
  return out;
}
