// Specialised stepping code for the CPU engine, generated per (model, tableau) from the resolved
// trees (CompiledModel.trees): the stage loops are unrolled and the state, stage derivatives and
// parameters live in local variables instead of Float64Arrays, which is what makes the CPU engine
// about as fast as a hand-written loop. The text is assembled only from jsExpression() output,
// tableau numbers and fixed templates; user text never reaches it. Arithmetic follows the generic
// engine (src/simulate/cpu/adaptive.ts's loop with explicit.ts's attempt) term by term and the
// step control is the same src/simulate/controller.ts functions (passed in as `controller`), so
// both give the same numbers and steps. Instantiated and cached by src/simulate/cpu/kernels.ts.
import type { Expr } from '../ast.ts';
import type { CompiledDose, ModelTrees } from '../compiled.ts';
import { hoistInvariants } from './hoist.ts';
import { JS_PRELUDE, jsExpression } from './js.ts';
import { jsNumber } from './literals.ts';
import { observableLocals } from './model-code.ts';
import type { ExplicitTableau } from './tableau.ts';

/**
 * Numbers owned by the simulate stage that the kernels return or use, passed in as data:
 * the controller order q = min(order, errorOrder) + 1, the Status codes and the stiffness stop.
 */
export interface KernelCodes {
  q: number;
  maxSteps: number;
  nonFinite: number;
  stepUnderflow: number;
  stiff: number;
}

interface ModelExprs {
  nS: number; nP: number; nC: number; equations: Expr[]; observables: Expr[]; observableOrder: number[];
  /** states that receive an infusion: only their derivatives carry the `+ inf[i]` term */
  infused: boolean[];
}

function kernelExprs(t: ModelTrees, doses: readonly CompiledDose[]): ModelExprs {
  return {
    nS: t.nStates, nP: t.nParams, nC: t.nCovariates,
    equations: t.equations, observables: t.observables, observableOrder: t.observableOrder,
    infused: t.equations.map((_, i) => doses.some((d) => d.kind === 'infusion' && d.state === i)),
  };
}

/** Local names in the kernels: time T, states Y{i}, parameters P{j}, covariates C{j}, observables o{k}. */
function kernelName(ref: { kind: string; index: number }): string {
  switch (ref.kind) {
    case 'time': return 'T';
    case 'state': return `Y${ref.index}`;
    case 'parameter': return `P${ref.index}`;
    case 'covariate': return `C${ref.index}`;
    case 'observable': return `o${ref.index}`;
  }
  throw new Error(`kernel: unknown symbol kind ${ref.kind}`);
}

/**
 * The model with its parameter-only subexpressions hoisted (hoist.ts) and the statements that
 * compute them once per segment, as derived parameters P{nP}, P{nP+1}, … .
 */
function withHoisting(ex: ModelExprs): { ex: ModelExprs; setup: string[] } {
  const needed = observableLocals(ex, ex.equations);
  const roots = [...ex.equations, ...needed.map((k) => ex.observables[k]!)];
  const { exprs, hoisted } = hoistInvariants(roots, ex.nP);
  const observables = ex.observables.slice();
  needed.forEach((k, j) => { observables[k] = exprs[ex.equations.length + j]!; });
  const setup = hoisted.map((e, k) => `const P${ex.nP + k} = ${jsExpression(e, kernelName)};`);
  return { ex: { ...ex, equations: exprs.slice(0, ex.equations.length), observables }, setup };
}

/** Statements computing stage s's derivatives k{s}_{i} from the locals Y{i}, T, P{j}, C{j}. */
function rhsBlock(ex: ModelExprs, s: number, ind: string): string {
  const lines = observableLocals(ex, ex.equations).map((k) => `${ind}  const o${k} = ${jsExpression(ex.observables[k]!, kernelName)};`);
  ex.equations.forEach((e, i) => lines.push(`${ind}  k${s}_${i} = ${jsExpression(e, kernelName)}${ex.infused[i] ? ` + I${i}` : ''};`));
  return `${ind}{\n${lines.join('\n')}\n${ind}}`;
}

/** Σ_j w_j·k{j}_{i}, left to right, zero weights skipped (as the generic engine adds them: exact zeros). */
function weighted(w: readonly number[], i: number): string {
  // 1·x is exactly x in IEEE arithmetic, so unit weights drop their multiplication
  const terms = w.map((wj, j) => (wj === 0 ? '' : wj === 1 ? `k${j}_${i}` : `${jsNumber(wj)} * k${j}_${i}`)).filter(Boolean);
  return terms.length ? terms.join(' + ') : '0';
}

/**
 * Generated fixed-step explicit RK segment integrator (src/simulate/cpu/explicit.ts
 * integrateExplicitFixed): `new Function(text)()` returns
 * (y, p, c, inf, ta, tb, hNominal, counters) → status (0 ok, codes.nonFinite), counters[0] += steps.
 */
export function fixedKernelSource(trees: ModelTrees, doses: readonly CompiledDose[], tab: ExplicitTableau, codes: KernelCodes): string {
  const model = kernelExprs(trees, doses);
  const { nS, nP, nC } = model;
  const { ex, setup } = withHoisting(model);
  const S = tab.stages;
  const r = (n: number, f: (i: number) => string, sep = ', '): string => Array.from({ length: n }, (_, i) => f(i)).join(sep);
  const body: string[] = [];
  body.push(`const n = Math.max(1, Math.ceil((tb - ta) / hNominal - 1e-9));`);
  body.push(`const h = (tb - ta) / n;`);
  if (nP) body.push(`const ${r(nP, (j) => `P${j} = p[${j}]`)};`);
  if (nC) body.push(`const ${r(nC, (j) => `C${j} = c[${j}]`)};`);
  body.push(...setup);
  body.push(`const ${r(nS, (i) => `I${i} = inf[${i}]`)};`);
  body.push(`let ${r(nS, (i) => `y${i} = y[${i}]`)};`);
  body.push(`let T = ta, ${r(nS, (i) => `Y${i} = 0`)};`);
  body.push(`let ${r(S * nS, (q) => `k${Math.floor(q / nS)}_${q % nS} = 0`)};`);
  body.push(`let k = 0;`);
  body.push(`for (; k < n; k++) {`);
  body.push(`  const t = ta + k * h;`);
  for (let s = 0; s < S; s++) {
    if (s === 0) {
      body.push(`  T = t; ${r(nS, (i) => `Y${i} = y${i}`, '; ')};`);
    } else {
      body.push(`  T = t + ${jsNumber(tab.c[s]!)} * h;`);
      for (let i = 0; i < nS; i++) body.push(`  Y${i} = y${i} + h * (${weighted(tab.a[s]!, i)});`);
    }
    body.push(rhsBlock(ex, s, '  '));
  }
  for (let i = 0; i < nS; i++) body.push(`  y${i} = y${i} + h * (${weighted(tab.b, i)});`);
  body.push(`  if (!(${r(nS, (i) => `Math.abs(y${i})`, ' + ')} < Infinity)) { k++; break; }`);
  body.push(`}`);
  body.push(`${r(nS, (i) => `y[${i}] = y${i}`, '; ')};`);
  body.push(`cnt[0] += k;`);
  body.push(`return (${r(nS, (i) => `Math.abs(y${i})`, ' + ')} < Infinity) ? 0 : ${codes.nonFinite};`);
  return `"use strict";\n${JS_PRELUDE}\nreturn function fixedSegment(y, p, c, inf, ta, tb, hNominal, cnt) {\n  ${body.join('\n  ')}\n};\n`;
}

/**
 * Generated adaptive explicit RK segment integrator (src/simulate/cpu/adaptive.ts
 * integrateAdaptive with explicit.ts's explicitMethod unrolled): `new Function('controller', text)`
 * called with the controller functions returns (ws, solver, ta, tb) → status (or codes.stiff).
 */
export function adaptiveKernelSource(trees: ModelTrees, doses: readonly CompiledDose[], tab: ExplicitTableau, codes: KernelCodes): string {
  const model = kernelExprs(trees, doses);
  const { nS, nP, nC } = model;
  const { ex, setup } = withHoisting(model);
  const S = tab.stages;
  const e = tab.e;
  if (!e) throw new Error(`kernel: ${tab.name} has no error estimate`);
  const { q } = codes;
  const r = (n: number, f: (i: number) => string, sep = ', '): string => Array.from({ length: n }, (_, i) => f(i)).join(sep);
  const b: string[] = [];
  b.push(`const { y, p, c, inf, ctl, soft: pts, softFrom: sFrom, softTo: sTo, dense } = ws;`);
  b.push(`const { rtol, atol, maxSteps } = s;`);
  b.push(`const detect = s.detectStiffness;`);
  if (nP) b.push(`const ${r(nP, (j) => `P${j} = p[${j}]`)};`);
  if (nC) b.push(`const ${r(nC, (j) => `C${j} = c[${j}]`)};`);
  b.push(...setup);
  b.push(`const ${r(nS, (i) => `I${i} = inf[${i}]`)};`);
  b.push(`let ${r(nS, (i) => `y${i} = y[${i}]`)};`);
  b.push(`let T = ta, ${r(nS, (i) => `Y${i} = 0, yn${i} = 0, e${i} = 0, yp${i} = 0`)};`);
  b.push(`let ${r(S * nS, (x) => `k${Math.floor(x / nS)}_${x % nS} = 0`)};`);
  b.push(`let accepted = 0, rejected = 0, status = 0, t = ta, nxt = sFrom;`);
  b.push(`T = t; ${r(nS, (i) => `Y${i} = y${i}`, '; ')};`);
  b.push(rhsBlock(ex, 0, ''));
  b.push(`while (t < tb) {`);
  b.push(`  if (ctl.steps >= maxSteps) { status = ${codes.maxSteps}; break; }`);
  b.push(`  const last = isLastStep(t, ctl.hProp, tb);`);
  b.push(`  const h = last ? tb - t : ctl.hProp;`);
  b.push(`  if (!last && h < minStep(t)) { status = ctl.lastNonFinite ? ${codes.nonFinite} : ${codes.stepUnderflow}; break; }`);
  b.push(`  ctl.steps++;`);
  for (let s = 1; s < S; s++) {
    b.push(`  T = t + ${jsNumber(tab.c[s]!)} * h;`);
    for (let i = 0; i < nS; i++) b.push(`  Y${i} = y${i} + h * (${weighted(tab.a[s]!, i)});`);
    if (s === S - 2) b.push(`  ${r(nS, (i) => `yp${i} = Y${i}`, '; ')};`);
    b.push(rhsBlock(ex, s, '  '));
  }
  // FSAL: the last stage point is y + h·Σ b_j k_j already (same summation order), so it is ynew
  for (let i = 0; i < nS; i++) b.push(tab.fsal ? `  yn${i} = Y${i};` : `  yn${i} = y${i} + h * (${weighted(tab.b, i)});`);
  for (let i = 0; i < nS; i++) b.push(`  e${i} = h * (${weighted(e, i)});`);
  b.push(`  let acc = 0, sc = 0, rr = 0;`);
  for (let i = 0; i < nS; i++) b.push(`  sc = atol + rtol * Math.max(Math.abs(y${i}), Math.abs(yn${i})); rr = e${i} / sc; acc += rr * rr;`);
  b.push(`  let en = Math.sqrt(acc / ${nS});`);
  b.push(`  if (!Number.isFinite(en)) en = NaN;`);
  b.push(`  if (!acceptsStep(en)) { rejected++; rejectStep(ctl, en, h, ${q}); continue; }`);
  b.push(`  accepted++;`);
  b.push(`  const tEnd = last ? tb : t + h;`);
  if (tab.fsal) {
    // noteStiffnessOf (explicit.ts); a stiff step is dropped as in integrateAdaptive
    const L = S - 1;
    const P = S - 2;
    b.push(`  if (detect) {`);
    b.push(`    let num = 0, den = 0;`);
    for (let i = 0; i < nS; i++) b.push(`    num += (k${L}_${i} - k${P}_${i}) ** 2; den += (yn${i} - yp${i}) ** 2;`);
    b.push(`    if (noteStiffness(ctl, h * h * num, den)) { ctl.afterReject = false; ctl.lastNonFinite = false; status = ${codes.stiff}; break; }`);
    b.push(`  }`);
  }
  if (tab.dense) {
    // dense output: interpolateOutputs (explicit.ts), same arithmetic in the same order
    const L = S - 1;
    b.push(`  for (; nxt < sTo && pts[nxt] <= tEnd; nxt++) {`);
    b.push(`    const off = (nxt - sFrom) * ${nS};`);
    b.push(`    const th = (pts[nxt] - t) / h;`);
    b.push(`    if (th >= 1) { ${r(nS, (i) => `dense[off + ${i}] = yn${i}`, '; ')}; continue; }`);
    b.push(`    const th1 = 1 - th;`);
    for (let i = 0; i < nS; i++) {
      b.push(`    { const ydiff = yn${i} - y${i}; const bspl = h * k0_${i} - ydiff; const r4 = ydiff - h * k${L}_${i} - bspl;`);
      b.push(`      dense[off + ${i}] = y${i} + th * (ydiff + th1 * (bspl + th * (r4 + th1 * (h * (${weighted(tab.dense, i)}))))); }`);
    }
    b.push(`  }`);
  }
  b.push(`  ${r(nS, (i) => `y${i} = yn${i}`, '; ')};`);
  if (tab.fsal) b.push(`  ${r(nS, (i) => `k0_${i} = k${S - 1}_${i}`, '; ')};`);
  else {
    b.push(`  T = tEnd; ${r(nS, (i) => `Y${i} = y${i}`, '; ')};`);
    b.push(rhsBlock(ex, 0, '  '));
  }
  b.push(`  acceptStep(ctl, en, h, last, ${q});`);
  b.push(`  t = tEnd;`);
  b.push(`}`);
  b.push(`${r(nS, (i) => `y[${i}] = y${i}`, '; ')};`);
  b.push(`ws.accepted += accepted; ws.rejected += rejected; ws.reached = t; ws.softNext = nxt;`);
  b.push(`return status;`);
  return `"use strict";\n${JS_PRELUDE}\nconst { acceptsStep, acceptStep, isLastStep, minStep, noteStiffness, rejectStep } = controller;\n` +
    `return function adaptiveSegment(ws, s, ta, tb) {\n  ${b.join('\n  ')}\n};\n`;
}
