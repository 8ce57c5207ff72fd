// The one adaptive stepping loop of the generic CPU engines (f64): explicit Runge–Kutta and
// Rosenbrock supply only their attempt (AdaptiveMethod); step control is ../controller.ts.
// The generated kernels (src/model/codegen/js-kernels.ts, run by kernels.ts) run the same loop, unrolled, with the same controller calls.
import type { JsModelFunctions } from '../../model/compiled.ts';
import { acceptsStep, acceptStep, initialStepFrom, initialTrialStep, isLastStep, minStep, rejectStep } from '../controller.ts';
import { Status } from '../types.ts';
import { evalRhs, type ResolvedSolver, type Workspace } from './workspace.ts';

/** Internal result: explicit stepping detected stiffness ('auto' re-runs with Rosenbrock). Never stored. */
export const STIFF = 255;

/** What a method supplies to the loop; state in ws.y on entry and exit. */
export interface AdaptiveMethod {
  /** controller order q = min(order, errorOrder) + 1 */
  readonly q: number;
  /** at the start of a segment from (t, ws.y) (e.g. the first stage's f) */
  begin(t: number): void;
  /** one attempt of size h from (t, ws.y) into ws.ynew; returns the error norm (NaN: not finite or failed) */
  attempt(t: number, h: number): number;
  /**
   * after an accepted step [t, t + h] ending at tEnd: moves ws.ynew into ws.y (and whatever the
   * method carries), before the controller's book-keeping; returns Status.ok or a stop (STIFF)
   */
  advance(t: number, h: number, tEnd: number): number;
}

/** Adaptive steps over one segment [ta, tb] with the shared controller (state in ws.ctl). */
export function integrateAdaptive(fns: JsModelFunctions, ws: Workspace, m: AdaptiveMethod, s: ResolvedSolver, ta: number, tb: number): number {
  const ctl = ws.ctl;
  const q = m.q;
  let t = ta;
  if (!(ctl.hProp > 0)) ctl.hProp = Number.isNaN(s.h0) ? initialStep(fns, ws, s, t, tb - ta, q) : s.h0;
  m.begin(t);
  while (t < tb) {
    if (ctl.steps >= s.maxSteps) return Status.maxSteps;
    const last = isLastStep(t, ctl.hProp, tb);
    const h = last ? tb - t : ctl.hProp;
    // a segment shorter than the floor is simply stepped over (it is not the controller giving up)
    if (!last && h < minStep(t)) return ctl.lastNonFinite ? Status.nonFinite : Status.stepUnderflow;
    ctl.steps++;
    const en = m.attempt(t, h);
    if (!acceptsStep(en)) {
      ws.rejected++;
      rejectStep(ctl, en, h, q);
      continue;
    }
    ws.accepted++;
    const tEnd = last ? tb : t + h;
    const st = m.advance(t, h, tEnd);
    if (st !== Status.ok) {
      // the step is dropped (proposal and PI memory stay), and whoever continues starts clean
      ctl.afterReject = false;
      ctl.lastNonFinite = false;
      return st;
    }
    acceptStep(ctl, en, h, last, q);
    t = tEnd;
  }
  return Status.ok;
}

/**
 * Initial step (controller.ts initialTrialStep / initialStepFrom): compares ‖y‖ and ‖f‖ in the
 * error norm, takes an explicit Euler trial step to estimate the second derivative. Uses ws.f0,
 * ws.f1, ws.ys.
 */
export function initialStep(fns: JsModelFunctions, ws: Workspace, s: ResolvedSolver, t: number, span: number, q: number): number {
  const { y, f0, f1, ys, nS } = ws;
  evalRhs(fns, ws, t, y, f0);
  let d0 = 0;
  let d1 = 0;
  for (let i = 0; i < nS; i++) {
    const sc = s.atol + s.rtol * Math.abs(y[i]!);
    d0 += (y[i]! / sc) ** 2;
    d1 += (f0[i]! / sc) ** 2;
  }
  d0 = Math.sqrt(d0 / nS);
  d1 = Math.sqrt(d1 / nS);
  const h0 = initialTrialStep(d0, d1, span);
  for (let i = 0; i < nS; i++) ys[i] = y[i]! + h0 * f0[i]!;
  evalRhs(fns, ws, t + h0, ys, f1);
  let d2 = 0;
  for (let i = 0; i < nS; i++) {
    const sc = s.atol + s.rtol * Math.abs(y[i]!);
    d2 += ((f1[i]! - f0[i]!) / sc) ** 2;
  }
  d2 = Math.sqrt(d2 / nS) / h0;
  return initialStepFrom(h0, d1, d2, q, span);
}
