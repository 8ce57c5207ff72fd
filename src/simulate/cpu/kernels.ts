// Specialised stepping code, generated per (model, tableau) from the validated AST: the stage
// loops are unrolled and the state, stage derivatives and parameters live in local variables
// instead of Float64Arrays, which is what makes the CPU engine about as fast as a hand-written
// loop. The text is assembled only from jsExpression() output (resolved ASTs), tableau numbers
// and fixed templates; user text never reaches it. Arithmetic follows the generic engine
// (adaptive.ts's loop with explicit.ts's attempt) term by term and the step control is the same
// controller.ts functions on the same ws.ctl, so both give the same numbers and steps. Any model
// the generator cannot handle simply keeps the generic engine.
import type { CompiledModel } from '../../model/compiled.ts';
import { hoistInvariants, JS_PRELUDE, jsExpression, type Expr } from '../../model/index.ts';
import { remember } from './bounded-cache.ts';
import { Status } from '../types.ts';
import type { ExplicitTableau } from '../tableaux.ts';
import { acceptsStep, acceptStep, controllerOrder, isLastStep, minStep, noteStiffness, rejectStep } from '../controller.ts';
import { initialStep, STIFF } from './adaptive.ts';
import type { KernelFactory } from './engine.ts';
import type { ResolvedSolver, Workspace } from './workspace.ts';

interface ModelExprs {
  nS: number; nP: number; nC: number; equations: Expr[]; observables: Expr[]; observableOrder: number[];
  /** states that receive an infusion: only their derivatives carry the `+ inf[i]` term (absent: all) */
  infused?: boolean[];
}

/** (y, p, c, inf, ta, tb, hNominal, counters) → Status; counters[0] += steps taken. */
type FixedKernel = (y: Float64Array, p: Float64Array, c: Float64Array, inf: Float64Array, ta: number, tb: number, h: number, cnt: Float64Array) => number;

/**
 * (ws, s, ta, tb) → Status (or STIFF): the segment integrator of adaptive.ts with the method's
 * attempt unrolled; state in ws.y, controller state in ws.ctl, step counts and dense output in ws.
 */
type AdaptiveKernel = (ws: Workspace, s: ResolvedSolver, ta: number, tb: number) => number;

/** The controller functions a generated adaptive kernel calls (the generic loop's, exactly). */
const KERNEL_CONTROLLER = { acceptsStep, acceptStep, isLastStep, minStep, noteStiffness, rejectStep } as const;

const exprCache = new Map<string, ModelExprs | null>();
const kernelCache = new Map<string, FixedKernel | AdaptiveKernel>();

/** The resolved expressions behind a CompiledModel, or null for hand-made models (no trees). */
function modelExprs(model: CompiledModel): ModelExprs | null {
  if (exprCache.has(model.hash)) return exprCache.get(model.hash)!;
  const t = model.trees;
  const ex: ModelExprs | null = t && {
    nS: t.nStates, nP: t.nParams, nC: t.nCovariates,
    equations: t.equations, observables: t.observables, observableOrder: t.observableOrder,
    infused: t.equations.map((_, i) => model.doses.some((d) => d.kind === 'infusion' && d.state === i)),
  };
  return remember(exprCache, model.hash, ex);
}

/** f64 literal, shortest round-trip form. */
function lit(x: number): string {
  if (!Number.isFinite(x)) throw new Error(`kernel: non-finite coefficient ${x}`);
  return x < 0 ? `(-${String(-x)})` : String(x);
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

/** Observables used (directly or through other observables) by the expressions, in evaluation order. */
function observablesNeeded(ex: ModelExprs, roots: Expr[]): number[] {
  const used = new Set<number>();
  const visit = (e: Expr): void => {
    switch (e.kind) {
      case 'ident':
        if (e.ref?.kind === 'observable' && !used.has(e.ref.index)) {
          used.add(e.ref.index);
          visit(ex.observables[e.ref.index]!);
        }
        return;
      case 'neg': visit(e.arg); return;
      case 'binary': visit(e.left); visit(e.right); return;
      case 'call': e.args.forEach(visit); return;
      default: return;
    }
  };
  roots.forEach(visit);
  return ex.observableOrder.filter((k) => used.has(k));
}

/**
 * The model with its parameter-only subexpressions hoisted (hoist.ts) and the statements that
 * compute them once per segment, as derived parameters P{nP}, P{nP+1}, … .
 */
function withHoisting(ex: ModelExprs): { ex: ModelExprs; setup: string[] } {
  const needed = observablesNeeded(ex, ex.equations);
  const roots = [...ex.equations, ...needed.map((k) => ex.observables[k]!)];
  const { exprs, hoisted } = hoistInvariants(roots, ex.nP);
  const observables = ex.observables.slice();
  needed.forEach((k, j) => { observables[k] = exprs[ex.equations.length + j]!; });
  const setup = hoisted.map((e, k) => `const P${ex.nP + k} = ${jsExpression(e, kernelName)};`);
  return { ex: { ...ex, equations: exprs.slice(0, ex.equations.length), observables }, setup };
}

/** Statements computing stage s's derivatives k{s}_{i} from the locals Y{i}, T, P{j}, C{j}. */
function rhsBlock(ex: ModelExprs, s: number, ind: string): string {
  const lines = observablesNeeded(ex, ex.equations).map((k) => `${ind}  const o${k} = ${jsExpression(ex.observables[k]!, kernelName)};`);
  ex.equations.forEach((e, i) => lines.push(`${ind}  k${s}_${i} = ${jsExpression(e, kernelName)}${ex.infused?.[i] === false ? '' : ` + I${i}`};`));
  return `${ind}{\n${lines.join('\n')}\n${ind}}`;
}

/** Σ_j w_j·k{j}_{i}, left to right, zero weights skipped (as the generic engine adds them: exact zeros). */
function weighted(w: readonly number[], i: number): string {
  // 1·x is exactly x in IEEE arithmetic, so unit weights drop their multiplication
  const terms = w.map((wj, j) => (wj === 0 ? '' : wj === 1 ? `k${j}_${i}` : `${lit(wj)} * k${j}_${i}`)).filter(Boolean);
  return terms.length ? terms.join(' + ') : '0';
}

/** Generated fixed-step explicit RK segment integrator (see explicit.ts integrateExplicitFixed). */
export function fixedKernelSource(model: ModelExprs, tab: ExplicitTableau): string {
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
      body.push(`  T = t + ${lit(tab.c[s]!)} * h;`);
      for (let i = 0; i < nS; i++) body.push(`  Y${i} = y${i} + h * (${weighted(tab.a[s]!, i)});`);
    }
    body.push(rhsBlock(ex, s, '  '));
  }
  for (let i = 0; i < nS; i++) body.push(`  y${i} = y${i} + h * (${weighted(tab.b, i)});`);
  body.push(`  if (!(${r(nS, (i) => `Math.abs(y${i})`, ' + ')} < Infinity)) { k++; break; }`);
  body.push(`}`);
  body.push(`${r(nS, (i) => `y[${i}] = y${i}`, '; ')};`);
  body.push(`cnt[0] += k;`);
  body.push(`return (${r(nS, (i) => `Math.abs(y${i})`, ' + ')} < Infinity) ? 0 : 2;`);
  return `"use strict";\n${JS_PRELUDE}\nreturn function fixedSegment(y, p, c, inf, ta, tb, hNominal, cnt) {\n  ${body.join('\n  ')}\n};\n`;
}

/** Generated adaptive explicit RK segment integrator (integrateAdaptive in adaptive.ts with explicitMethod unrolled). */
export function adaptiveKernelSource(model: ModelExprs, tab: ExplicitTableau): string {
  const { nS, nP, nC } = model;
  const { ex, setup } = withHoisting(model);
  const S = tab.stages;
  const e = tab.e;
  if (!e) throw new Error(`kernel: ${tab.name} has no error estimate`);
  const q = controllerOrder(tab);
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
  b.push(`  if (ctl.steps >= maxSteps) { status = ${Status.maxSteps}; break; }`);
  b.push(`  const last = isLastStep(t, ctl.hProp, tb);`);
  b.push(`  const h = last ? tb - t : ctl.hProp;`);
  b.push(`  if (!last && h < minStep(t)) { status = ctl.lastNonFinite ? ${Status.nonFinite} : ${Status.stepUnderflow}; break; }`);
  b.push(`  ctl.steps++;`);
  for (let s = 1; s < S; s++) {
    b.push(`  T = t + ${lit(tab.c[s]!)} * h;`);
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
    b.push(`    if (noteStiffness(ctl, h * h * num, den)) { ctl.afterReject = false; ctl.lastNonFinite = false; status = ${STIFF}; break; }`);
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

function adaptiveKernel(model: CompiledModel, ex: ModelExprs, tab: ExplicitTableau): AdaptiveKernel {
  const key = `${model.hash}\u0000adaptive\u0000${tab.name}`;
  const hit = kernelCache.get(key);
  if (hit) return hit as AdaptiveKernel;
  // the controller functions are passed in, so generated and generic code share them exactly
  const make = new Function('controller', adaptiveKernelSource(ex, tab));
  return remember(kernelCache, key, make(KERNEL_CONTROLLER) as AdaptiveKernel) as AdaptiveKernel;
}

function fixedKernel(model: CompiledModel, ex: ModelExprs, tab: ExplicitTableau): FixedKernel {
  const key = `${model.hash}\u0000fixed\u0000${tab.name}`;
  const hit = kernelCache.get(key);
  if (hit) return hit as FixedKernel;
  return remember(kernelCache, key, new Function(fixedKernelSource(ex, tab))() as FixedKernel) as FixedKernel;
}

/** Kernel factory for the Engine, or undefined when the model's ASTs are not available. */
export function specialisedKernels(model: CompiledModel): KernelFactory | undefined {
  const ex = modelExprs(model);
  if (!ex) return undefined;
  return (tab: ExplicitTableau, ws: Workspace, s, fixed, fns) => {
    if (fixed) {
      let k: FixedKernel;
      try {
        k = fixedKernel(model, ex, tab);
      } catch {
        return null;
      }
      const cnt = new Float64Array(1);
      return (ta, tb) => {
        cnt[0] = 0;
        const status = k(ws.y, ws.p, ws.c, ws.inf, ta, tb, s.hFixed, cnt);
        ws.accepted += cnt[0]!;
        return status;
      };
    }
    let k: AdaptiveKernel;
    try {
      k = adaptiveKernel(model, ex, tab);
    } catch {
      return null;
    }
    const q = controllerOrder(tab);
    return (ta, tb) => {
      if (!(ws.ctl.hProp > 0)) ws.ctl.hProp = Number.isNaN(s.h0) ? initialStep(fns, ws, s, ta, tb - ta, q) : s.h0;
      return k(ws, s, ta, tb);
    };
  };
}
