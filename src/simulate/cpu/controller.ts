// Step-size control shared by the adaptive engines (constants in tableaux.ts CONTROLLER).
import type { JsModelFunctions } from '../../model/compiled.ts';
import { CONTROLLER, LOG_ERR_PREV_MIN } from '../tableaux.ts';
import { evalRhs, type ResolvedSolver, type Workspace } from './workspace.ts';

const EPS = 2.220446049250313e-16;

/** Smallest step allowed at time t; below it the trajectory fails with step-underflow. */
export function minStep(t: number): number {
  return Math.max(CONTROLLER.minStepAbs, CONTROLLER.uRoundFactor * EPS * Math.abs(t));
}

/**
 * Growth factor after an accepted step (PI controller; no growth right after a rejection), from the
 * logs of this step's and the previous step's error norms: err^(−β1/q)·errPrev^(β2/q) as one exp,
 * because Math.pow costs ~4× an exp in V8 and this runs on every step. err = 0 (log −∞) gives facMax.
 */
export function acceptFactor(logErr: number, logErrPrev: number, q: number, afterReject: boolean): number {
  const C = CONTROLLER;
  const fac = Math.min(C.facMax, Math.max(C.facMin, C.safety * Math.exp((C.beta2Numer / q) * logErrPrev - (C.beta1Numer / q) * logErr)));
  return afterReject ? Math.min(fac, 1) : fac;
}

/** The previous-error state after an accepted step with log error norm logErr (floored). */
export function nextLogErrPrev(logErr: number): number {
  return Math.max(logErr, LOG_ERR_PREV_MIN);
}

/** Shrink factor after a rejected step (I controller); a non-finite error shrinks by facMin. */
export function rejectFactor(err: number, q: number): number {
  const C = CONTROLLER;
  if (!Number.isFinite(err)) return C.facMin;
  return Math.min(1, Math.max(C.facMin, C.safety * Math.pow(err, -1 / q)));
}

/**
 * Book-keeping of an accepted step of size h with error norm err, shared by the explicit and
 * Rosenbrock engines (the generated kernels inline the same arithmetic). A step shortened to land
 * on a stop (`last`, h below the proposal) neither shrinks the next proposal nor enters the PI
 * memory: its small error says nothing about the step size the controller would choose.
 */
export function recordAccept(ws: Workspace, err: number, h: number, last: boolean, q: number, afterReject: boolean): void {
  const logErr = Math.log(err);
  const hNew = h * acceptFactor(logErr, ws.logErrPrev, q, afterReject);
  const shortened = last && h < ws.hProp;
  if (!shortened) ws.logErrPrev = nextLogErrPrev(logErr);
  ws.hProp = shortened ? Math.max(ws.hProp, hNew) : hNew;
}

/** Book-keeping of a rejected step, shared by the explicit and Rosenbrock engines. */
export function recordReject(ws: Workspace, err: number, h: number, q: number): void {
  ws.rejected++;
  ws.lastNonFinite = Number.isNaN(err);
  ws.hProp = h * rejectFactor(err, q);
}

/**
 * Initial step (Hairer, Nørsett & Wanner I, II.4): compares ‖y‖ and ‖f‖ in the error norm, takes an
 * explicit Euler trial step to estimate the second derivative, and picks h so that the local error
 * of an order-(q−1) method is about the tolerance. Uses ws.f0, ws.f1, ws.ys. Clamped to the span.
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
  let h0 = d0 < 1e-5 || d1 < 1e-5 ? 1e-6 : 0.01 * (d0 / d1);
  h0 = Math.min(h0, span);
  for (let i = 0; i < nS; i++) ys[i] = y[i]! + h0 * f0[i]!;
  evalRhs(fns, ws, t + h0, ys, f1);
  let d2 = 0;
  for (let i = 0; i < nS; i++) {
    const sc = s.atol + s.rtol * Math.abs(y[i]!);
    d2 += ((f1[i]! - f0[i]!) / sc) ** 2;
  }
  d2 = Math.sqrt(d2 / nS) / h0;
  const dm = Math.max(d1, d2);
  const h1 = dm <= 1e-15 ? Math.max(1e-6, h0 * 1e-3) : Math.pow(0.01 / dm, 1 / q);
  const h = Math.min(100 * h0, h1, span);
  return Number.isFinite(h) && h > 0 ? h : Math.min(1e-6, span);
}
