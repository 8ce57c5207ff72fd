// ValidatedModel → CompiledModel: generated JS and WGSL, LaTeX, Jacobian, resolved dose schedule,
// the resolved trees and the linearity fact (so nothing downstream re-validates the spec).
import type { Expr } from './ast.ts';
import { exprSize } from './codegen/build.ts';
import { derivative } from './codegen/derivative.ts';
import { hashText } from './codegen/hash.ts';
import { inlineObservables } from './codegen/inline.ts';
import { generateJs, jsExpression } from './codegen/js.ts';
import { latexModel } from './codegen/latex.ts';
import type { ModelCode } from './codegen/model-code.ts';
import { generateWgsl } from './codegen/wgsl.ts';
import type { CompiledDose, CompiledModel } from './compiled.ts';
import { SpecError, type SpecIssue } from './errors.ts';
import { isLinearTimeInvariant } from './linearity.ts';
import { validateSpec } from './validate.ts';
import type { ValidatedModel } from './validated.ts';

/** Validate (text or object) and compile; throws SpecError on any problem. */
export function compileSpec(input: unknown): CompiledModel {
  return compileModel(validateSpec(input));
}

/**
 * Most nodes the whole symbolic Jacobian may have. Derivatives can grow as size × depth per
 * entry; valid but hostile specs would otherwise produce megabytes of code and take seconds.
 */
export const JACOBIAN_NODE_BUDGET = 100_000;

/** Row-major Jacobian d(rhs_i)/d(y_j) of a validated model, simplified, observables inlined. */
export function jacobianExprs(v: ValidatedModel): Expr[] {
  const observables = v.observables.map((o) => o.expr);
  const n = v.states.length;
  const out: Expr[] = [];
  let used = 0;
  v.equations.forEach((eq, i) => {
    const flat = inlineObservables(eq, observables);
    for (let j = 0; j < n; j++) {
      const d = derivative(flat, (ref) => ref.kind === 'state' && ref.index === j);
      used += exprSize(d, JACOBIAN_NODE_BUDGET);
      if (used > JACOBIAN_NODE_BUDGET) {
        const name = v.states[i]?.name ?? String(i);
        throw new SpecError([{
          code: 'limit',
          message: `the equations are too large to differentiate (the Jacobian would exceed ${JACOBIAN_NODE_BUDGET} terms); simplify the equation for ${name} (fewer nested products and quotients of states)`,
          path: `/equations/${name}`,
        }]);
      }
      out.push(d);
    }
  });
  return out;
}

export function compileModel(v: ValidatedModel): CompiledModel {
  checkInitials(v);
  const { doses, doseExprs } = resolveDoses(v);
  const code: ModelCode = {
    nStates: v.states.length,
    nParams: v.parameters.length,
    nCovariates: v.covariates.length,
    equations: v.equations,
    initial: v.states.map((s) => s.initial),
    observables: v.observables.map((o) => o.expr),
    observableOrder: v.observableOrder,
    jacobian: jacobianExprs(v),
    doseExprs,
  };
  const js = generateJs(code);
  const wgsl = generateWgsl(code);
  const names = {
    states: v.states.map((s) => s.name),
    parameters: v.parameters.map((p) => p.name),
    covariates: v.covariates.map((c) => c.name),
    observables: v.observables.map((o) => o.name),
  };
  const covariateDefaults = v.covariates.map((c) => c.default);
  const { jacobian, ...trees } = code;
  return {
    spec: v.spec,
    hash: hashText([js, wgsl, JSON.stringify(doses), JSON.stringify(covariateDefaults), JSON.stringify(names)].join('\n\u0000')),
    stateNames: names.states,
    parameterNames: names.parameters,
    covariateNames: names.covariates,
    covariateDefaults,
    observableNames: names.observables,
    doses,
    nDoseExprs: doseExprs.length,
    js,
    wgsl,
    latex: latexModel(v),
    stiff: v.spec.stiff === true,
    trees,
    linearTimeInvariant: isLinearTimeInvariant({ ...trees, jacobian }),
  };
}

/** Initial values are computed before any state or time exists: parameters and covariates only. */
function checkInitials(v: ValidatedModel): void {
  const issues: SpecIssue[] = [];
  v.states.forEach((s, i) => {
    const bad = firstRef(s.initial, (k) => k === 'state' || k === 'time' || k === 'observable');
    if (bad) {
      issues.push({
        code: 'initial-reference',
        message: `the initial value of state ${i + 1} may use parameters and covariates only, not a ${bad}`,
        path: `/states/${i}/initial`,
      });
    }
  });
  if (issues.length > 0) throw new SpecError(issues);
}

function firstRef(e: Expr, bad: (kind: string) => boolean): string | undefined {
  switch (e.kind) {
    case 'num': return undefined;
    case 'ident': return e.ref && bad(e.ref.kind) ? e.ref.kind : undefined;
    case 'neg': return firstRef(e.arg, bad);
    case 'binary': return firstRef(e.left, bad) ?? firstRef(e.right, bad);
    case 'call':
      for (const a of e.args) {
        const r = firstRef(a, bad);
        if (r) return r;
      }
      return undefined;
  }
}

/** Dose schedule as numbers; identical amount/rate expressions share one index. */
function resolveDoses(v: ValidatedModel): { doses: CompiledDose[]; doseExprs: Expr[] } {
  const doseExprs: Expr[] = [];
  const indexOf = new Map<string, number>();
  const doses = v.doses.map((d): CompiledDose => {
    const key = jsExpression(d.expr);
    let index = indexOf.get(key);
    if (index === undefined) {
      index = doseExprs.length;
      doseExprs.push(d.expr);
      indexOf.set(key, index);
    }
    if (d.kind === 'bolus') return { kind: 'bolus', state: d.state, times: [...d.times], amountIndex: index };
    return {
      kind: 'infusion',
      state: d.state,
      intervals: d.times.map((start): [number, number] => [start, start + d.duration]),
      rateIndex: index,
    };
  });
  return { doses, doseExprs };
}
