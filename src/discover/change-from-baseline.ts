// Change from baseline (docs/discovery.md, "Change from baseline"). Clinical tables often report
// a marker as its change from each subject's baseline (mean change 0 at baseline, negative when
// the marker falls) or as a percent change. A motif describes the marker itself, so its
// observable y(t) is observed as y(t) − y(0) — or 100·(y(t)/y(0) − 1) for a percent change —
// where y(0) is the observable at time 0 before any dose: the expression with every state
// replaced by its initial value and t by 0. Each subject's own baseline is subtracted, so
// between-subject variability of the baseline does not spread the change at baseline (which is
// 0 for everyone, SD 0) — only through the dynamics it drives.
import type { Dataset } from '../data/types.ts';
import { parseExpression, printExpr, substituteIdents, type Expr } from '../model/index.ts';
import type { ModelSpec } from '../model/spec.ts';
import { dataObservableLabels, observableIdentifiers } from './data-labels.ts';

/** a label or unit that says the values are changes from baseline */
const CHANGE_LABEL_RE = /\bchange\b|\bchg\b|\bcfb\b|Δ|\bdelta\b|from baseline|vs\.? baseline|relative to baseline/i;
/** a context that says so */
const CHANGE_CONTEXT_RE = /change (from|vs\.?|versus|relative to) baseline|\bcfb\b|changes? from (the )?baseline|percent(age)? change|% change/i;
/** a percent change (not a change in a quantity measured in percent: "% of normal" is a unit) */
const PERCENT_CHANGE_RE = /percent(age)? change|%\s*change|relative change|change\s*\(%\)|change,?\s*%|\bpct\.? change|% from baseline|percent from baseline|%\s*cfb/i;

export interface ChangeFromBaseline {
  /** identifiers of the observables reported as changes, each with whether it is a percent change */
  observables: { name: string; percent: boolean }[];
}

/**
 * The observables the data report as changes from baseline: their label or unit says so, or (for
 * a single observable) the context does; and a visit at or before time 0, if any, has mean ≈ 0
 * (a table that gives the absolute baseline is not a table of changes).
 */
export function changeFromBaseline(data: Dataset, context = ''): ChangeFromBaseline | null {
  const labels = dataObservableLabels(data);
  const ids = observableIdentifiers(data);
  const out: ChangeFromBaseline['observables'] = [];
  for (const label of labels) {
    const unit = data.observables.find((o) => o.name === label)?.unit ?? '';
    const byLabel = CHANGE_LABEL_RE.test(`${label} ${unit}`);
    const byContext = labels.length === 1 && CHANGE_CONTEXT_RE.test(context);
    if (!byLabel && !byContext) continue;
    const series = data.series.filter((s) => s.observable === label);
    const scale = Math.max(...series.flatMap((s) => s.mean.map(Math.abs)), 0);
    const atBaseline = series.flatMap((s) => s.times.map((t, i) => (t <= 0 ? s.mean[i]! : null)).filter((m): m is number => m !== null));
    if (scale === 0 || atBaseline.some((m) => Math.abs(m) > 0.05 * scale)) continue;
    const percent = PERCENT_CHANGE_RE.test(label) || PERCENT_CHANGE_RE.test(unit) || unit.trim() === '%' || (byContext && PERCENT_CHANGE_RE.test(context));
    out.push({ name: ids.get(label)!, percent });
  }
  return out.length > 0 ? { observables: out } : null;
}

/** the observable's value at time 0: states at their initial values, t = 0 */
function atBaseline(expression: Expr, spec: ModelSpec): Expr {
  const by = new Map<string, Expr>(spec.states.map((s) => [s.name, parseExpression(`(${s.initial})`)]));
  by.set('t', { kind: 'num', value: 0 });
  return substituteIdents(expression, by);
}

const same = (a: Expr, b: Expr) => printExpr(a) === printExpr(b);

/** already written as a change (y − y(0) or 100·(y/y(0) − 1)): proposals built from it keep it */
function isChange(e: Expr, spec: ModelSpec): boolean {
  if (e.kind === 'binary' && e.op === '-') return same(atBaseline(e.left, spec), e.right);
  if (e.kind === 'binary' && e.op === '*' && e.right.kind === 'binary' && e.right.op === '-' && e.right.left.kind === 'binary' && e.right.left.op === '/') {
    return same(atBaseline(e.right.left.left, spec), e.right.left.right);
  }
  return false;
}

/** `spec` observing the named observables as changes from their value at time 0 (idempotent). */
export function asChangeFromBaseline(spec: ModelSpec, change: ChangeFromBaseline): ModelSpec {
  let changed = false;
  const observables = spec.observables.map((o) => {
    const which = change.observables.find((c) => c.name === o.name);
    if (!which) return o;
    const e = parseExpression(o.expression);
    if (isChange(e, spec)) return o;
    const base = printExpr(atBaseline(e, spec));
    const y = printExpr(e);
    changed = true;
    return { ...o, expression: which.percent ? `100*((${y})/(${base}) - 1)` : `(${y}) - (${base})` };
  });
  if (!changed) return spec;
  const names = change.observables.map((c) => `${c.name}${c.percent ? ' (percent change)' : ''}`).join(', ');
  return { ...spec, observables, rationale: `${spec.rationale ?? ''} Observed as the change from baseline: ${names} is the model's value minus its value at time 0${change.observables.some((c) => c.percent) ? ' (relative, in percent, for a percent change)' : ''}.`.trim().slice(0, 2000) };
}
