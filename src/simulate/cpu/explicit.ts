// The one explicit Runge–Kutta engine (f64): any ExplicitTableau, fixed or adaptive steps, over one
// segment [ta, tb] of the stop list. State in ws.y on entry and exit.
import type { JsModelFunctions } from '../../model/compiled.ts';
import type { ExplicitTableau } from '../tableaux.ts';
import { Status } from '../types.ts';
import { controllerOrder, noteStiffness } from '../controller.ts';
import { STIFF, type AdaptiveMethod } from './adaptive.ts';
import { errorNorm, evalRhs, type ResolvedSolver, type Workspace } from './workspace.ts';

/** Computes the stage points and stage derivatives 1 … S−1 (stage 0 already in Ks[0]). */
function stages(fns: JsModelFunctions, ws: Workspace, tab: ExplicitTableau, t: number, h: number): void {
  const { nS, y, ys, K, Ks } = ws;
  const S = tab.stages;
  for (let st = 1; st < S; st++) {
    const row = tab.a[st]!;
    for (let i = 0; i < nS; i++) {
      let acc = 0;
      for (let j = 0; j < st; j++) acc += row[j]! * K[j * nS + i]!;
      ys[i] = y[i]! + h * acc;
    }
    if (st === S - 2) ws.ysPrev.set(ys);
    evalRhs(fns, ws, t + tab.c[st]! * h, ys, Ks[st]!);
  }
}

/** ynew = y + h·Σ b_j K_j (same summation order as a stage point, so an FSAL last stage equals it). */
function combine(ws: Workspace, w: readonly number[], h: number, out: Float64Array, base: Float64Array | null): void {
  const { nS, K } = ws;
  const S = w.length;
  for (let i = 0; i < nS; i++) {
    let acc = 0;
    for (let j = 0; j < S; j++) acc += w[j]! * K[j * nS + i]!;
    out[i] = base ? base[i]! + h * acc : h * acc;
  }
}

function allFinite(v: Float64Array): boolean {
  for (let i = 0; i < v.length; i++) if (!Number.isFinite(v[i]!)) return false;
  return true;
}

/** Fixed steps of size ≤ hNominal, evenly dividing [ta, tb]. */
export function integrateExplicitFixed(fns: JsModelFunctions, ws: Workspace, tab: ExplicitTableau, hNominal: number, ta: number, tb: number): number {
  const n = Math.max(1, Math.ceil((tb - ta) / hNominal - 1e-9));
  const h = (tb - ta) / n;
  for (let k = 0; k < n; k++) {
    const t = ta + k * h;
    evalRhs(fns, ws, t, ws.y, ws.Ks[0]!);
    stages(fns, ws, tab, t, h);
    combine(ws, tab.b, h, ws.ynew, ws.y);
    ws.y.set(ws.ynew);
    ws.accepted++;
    if (!allFinite(ws.y)) return Status.nonFinite;
  }
  return Status.ok;
}

/**
 * Dense output after an accepted step [t, t + h] (y → ynew, stages in ws.K): the states at the
 * output points soft[q] ≤ tEnd still pending, from Hairer's continuous extension (tab.dense).
 * A point at the step's end gets ynew itself. Returns the next pending point.
 */
function interpolateOutputs(ws: Workspace, tab: ExplicitTableau, t: number, h: number, tEnd: number, next: number): number {
  const { nS, y, ynew, K, soft, dense } = ws;
  const d = tab.dense!;
  const S = tab.stages;
  for (; next < ws.softTo && soft[next]! <= tEnd; next++) {
    const off = (next - ws.softFrom) * nS;
    const th = (soft[next]! - t) / h;
    if (th >= 1) {
      for (let i = 0; i < nS; i++) dense[off + i] = ynew[i]!;
      continue;
    }
    const th1 = 1 - th;
    for (let i = 0; i < nS; i++) {
      let acc = 0;
      for (let j = 0; j < S; j++) acc += d[j]! * K[j * nS + i]!;
      const ydiff = ynew[i]! - y[i]!;
      const bspl = h * K[i]! - ydiff;
      const r4 = ydiff - h * K[(S - 1) * nS + i]! - bspl;
      dense[off + i] = y[i]! + th * (ydiff + th1 * (bspl + th * (r4 + th1 * (h * acc))));
    }
  }
  return next;
}

/**
 * The adaptive explicit method for the shared loop (adaptive.ts): stages, the embedded error
 * estimate, dense output (when the tableau has one) and, for 'auto', the stiffness test.
 */
export function explicitMethod(fns: JsModelFunctions, ws: Workspace, tab: ExplicitTableau, s: ResolvedSolver): AdaptiveMethod {
  const S = tab.stages;
  const { y, ynew, Ks } = ws;
  const e = tab.e;
  if (!e) throw new Error(`${tab.name} has no error estimate: it cannot drive adaptive steps`);
  const dense = tab.dense !== null;
  const detect = s.detectStiffness && tab.fsal;
  let next = 0;
  return {
    q: controllerOrder(tab),
    begin(t) {
      next = ws.softFrom;
      evalRhs(fns, ws, t, y, Ks[0]!);
    },
    attempt(t, h) {
      stages(fns, ws, tab, t, h);
      combine(ws, tab.b, h, ynew, y);
      combine(ws, e, h, ws.err, null);
      return errorNorm(ws, s);
    },
    advance(t, h, tEnd) {
      if (detect && noteStiffnessOf(ws, S, h)) {
        // the stiff step is dropped: y is the state at t, the outputs before t are filled in
        ws.reached = t;
        ws.softNext = next;
        return STIFF;
      }
      if (dense && next < ws.softTo) next = interpolateOutputs(ws, tab, t, h, tEnd, next);
      y.set(ynew);
      if (tab.fsal) Ks[0]!.set(Ks[S - 1]!);
      else evalRhs(fns, ws, tEnd, y, Ks[0]!);
      return Status.ok;
    },
  };
}

/** The stiffness test (controller.ts noteStiffness) on the last two stages of the accepted step. */
function noteStiffnessOf(ws: Workspace, S: number, h: number): boolean {
  const { nS, ynew, ysPrev } = ws;
  const kl = ws.Ks[S - 1]!;
  const kp = ws.Ks[S - 2]!;
  let num = 0;
  let den = 0;
  for (let i = 0; i < nS; i++) {
    num += (kl[i]! - kp[i]!) ** 2;
    den += (ynew[i]! - ysPrev[i]!) ** 2;
  }
  return noteStiffness(ws.ctl, h * h * num, den);
}
