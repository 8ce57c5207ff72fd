// The one step-size controller of every adaptive solver (diffrax's `adapt_step_size`): constants,
// the controller state of one trajectory, and pure functions from an attempted step's error norm
// to the next step. The CPU engines (generic loop and generated JS kernels) call the TypeScript
// functions below; the WGSL kernels get the same functions written out in WGSL with the same
// constants (src/model/codegen/wgsl-controller.ts, fed WGSL_CONTROLLER below), so that a
// constant is changed once for every backend. test/simulate/controller-conformance.test.ts pins
// the two against each other.
import type { ControllerConstants } from '../model/codegen/wgsl-controller.ts';

/**
 * Hairer & Wanner's PI controller as in DOPRI5 / Söderlind: after an accepted step
 * h_new = h · clamp(safety · err^(−β1) · errPrev^(β2), facMin, facMax), β1 = 0.85/q, β2 = 0.2/q
 * with q = min(order, errorOrder) + 1 — for DOPRI5 (q = 5) exactly Hairer's published 0.17 / 0.04,
 * which takes ~26% fewer steps on oral PK than the more cautious 0.7/0.4 (same accuracy at the
 * same tolerances); no growth on the step right after a rejection. After a rejection (I controller)
 * h_new = h · clamp(safety · err^(−1/q), facMin, 1), facMin when the error is not finite.
 */
export const CONTROLLER = {
  safety: 0.9,
  facMin: 0.2,
  facMax: 10,
  beta1Numer: 0.85,
  beta2Numer: 0.2,
  /** errPrev floor, so a perfectly exact step does not blow up the next factor */
  errPrevMin: 1e-4,
  /** error norms are floored here before their log (an exact step: err = 0); the factor is facMax there for q ≤ 5 anyway */
  errMin: 1e-10,
  /** a proposal reaching within this factor of the stop lands on it (no sliver of a step left over) */
  lastStepSnap: 1.0001,
  /** a step below uRoundFactor · (unit roundoff) · |t| (or the precision's absolute floor) is an underflow */
  uRoundFactor: 16,
} as const;

/** Hairer's DOPRI5 stiffness test: h·|λ| beyond the stability boundary on `hits` accepted steps, `nonStiffReset` non-stiff ones in a row forgive. */
export const STIFFNESS = { hLambda: 3.25, hits: 15, nonStiffReset: 6 } as const;

/** Unit roundoff and absolute step floor of the arithmetic a backend steps in. */
export const PRECISION = {
  f64: { eps: 2.220446049250313e-16, minStepAbs: 1e-300 },
  f32: { eps: 2 ** -23, minStepAbs: 1e-30 },
} as const;

/** log of CONTROLLER.errPrevMin: the PI memory at the start of a trajectory (the state keeps logs). */
export const LOG_ERR_PREV_MIN = Math.log(CONTROLLER.errPrevMin);

/** What the WGSL controller is generated from: these constants, in f32. */
export const WGSL_CONTROLLER: ControllerConstants = {
  controller: CONTROLLER, stiffness: STIFFNESS, precision: PRECISION.f32, logErrPrevMin: LOG_ERR_PREV_MIN,
};

/** The controller's exponent base: q = min(order, errorOrder) + 1. */
export function controllerOrder(tab: { order: number; errorOrder: number }): number {
  return Math.min(tab.order, tab.errorOrder) + 1;
}

/** Controller state of one trajectory, carried from one segment (stop to stop) to the next. */
export interface StepControl {
  /** proposed next step (NaN / ≤ 0: not chosen yet, the CPU's initial-step heuristic picks it) */
  hProp: number;
  /** log of the previous accepted step's error norm (PI memory) */
  logErrPrev: number;
  /** accepted + rejected steps of this trajectory (capped by maxSteps) */
  steps: number;
  /** the last attempt was rejected (the next accepted step may not grow h) */
  afterReject: boolean;
  /** the last rejection came from a non-finite error (names an underflow nonFinite) */
  lastNonFinite: boolean;
  /** stiffness test: accepted steps beyond the stability boundary, and the non-stiff run since */
  stiffHits: number;
  nonStiffRun: number;
}

/** A fresh trajectory's controller state (h0: a user first step, or NaN for the heuristic). */
export function newStepControl(h0 = NaN): StepControl {
  return { hProp: h0, logErrPrev: LOG_ERR_PREV_MIN, steps: 0, afterReject: false, lastNonFinite: false, stiffHits: 0, nonStiffRun: 0 };
}

/** Resets ctl in place to newStepControl(h0) (the CPU engines reuse one object: no allocation per trajectory). */
export function resetStepControl(ctl: StepControl, h0: number): void {
  ctl.hProp = h0;
  ctl.logErrPrev = LOG_ERR_PREV_MIN;
  ctl.steps = 0;
  ctl.afterReject = false;
  ctl.lastNonFinite = false;
  ctl.stiffHits = 0;
  ctl.nonStiffRun = 0;
}

/** Smallest step allowed at time t in the given arithmetic; below it the trajectory fails with step-underflow. */
export function minStepIn(precision: keyof typeof PRECISION, t: number): number {
  const P = PRECISION[precision];
  return Math.max(P.minStepAbs, CONTROLLER.uRoundFactor * P.eps * Math.abs(t));
}

/** minStepIn for the CPU engines (f64). */
export function minStep(t: number): number {
  return minStepIn('f64', t);
}

/** The proposal h from t reaches the stop tEnd (within the snap): take exactly tEnd − t instead. */
export function isLastStep(t: number, h: number, tEnd: number): boolean {
  return t + h * CONTROLLER.lastStepSnap >= tEnd;
}

/**
 * Growth factor after an accepted step: err^(−β1)·errPrev^(β2) as one exp of logs, because
 * Math.pow costs ~4× an exp in V8 and this runs on every step.
 */
export function acceptFactor(logErr: number, logErrPrev: number, q: number, afterReject: boolean): number {
  const C = CONTROLLER;
  const fac = Math.min(C.facMax, Math.max(C.facMin, C.safety * Math.exp((C.beta2Numer / q) * logErrPrev - (C.beta1Numer / q) * logErr)));
  return afterReject ? Math.min(fac, 1) : fac;
}

/** Shrink factor after a rejected step; a non-finite error shrinks by facMin. */
export function rejectFactor(err: number, q: number): number {
  const C = CONTROLLER;
  if (!Number.isFinite(err)) return C.facMin;
  return Math.min(1, Math.max(C.facMin, C.safety * Math.pow(err, -1 / q)));
}

/**
 * Book-keeping of an accepted step of size h with error norm err. A step shortened to land on a
 * stop (`last`, h below the proposal) neither shrinks the next proposal nor enters the PI memory:
 * its small error says nothing about the step size the controller would choose.
 */
export function acceptStep(ctl: StepControl, err: number, h: number, last: boolean, q: number): void {
  const logErr = Math.log(Math.max(err, CONTROLLER.errMin));
  const hNew = h * acceptFactor(logErr, ctl.logErrPrev, q, ctl.afterReject);
  const shortened = last && h < ctl.hProp;
  if (!shortened) ctl.logErrPrev = Math.max(logErr, LOG_ERR_PREV_MIN);
  ctl.hProp = shortened ? Math.max(ctl.hProp, hNew) : hNew;
  ctl.afterReject = false;
  ctl.lastNonFinite = false;
}

/** The attempt's error norm accepts the step (NaN: not finite or failed, rejects). */
export function acceptsStep(err: number): boolean {
  return err <= 1;
}

/** Book-keeping of a rejected step of size h (err NaN: something was not finite). */
export function rejectStep(ctl: StepControl, err: number, h: number, q: number): void {
  ctl.hProp = h * rejectFactor(err, q);
  ctl.afterReject = true;
  ctl.lastNonFinite = Number.isNaN(err);
}

/**
 * Stiffness test after an accepted step, from Hairer's estimate h·|λ| ≈ h·‖Δk‖ / ‖Δy‖ of its last
 * two stages, given squared (hhNum = h²·‖Δk‖², den = ‖Δy‖²: no root, no division, every step);
 * den ≤ 0 is no estimate and changes nothing. True: found stiff.
 */
export function noteStiffness(ctl: StepControl, hhNum: number, den: number): boolean {
  if (!(den > 0)) return false;
  if (hhNum > STIFFNESS.hLambda * STIFFNESS.hLambda * den) {
    ctl.nonStiffRun = 0;
    return ++ctl.stiffHits >= STIFFNESS.hits;
  }
  if (++ctl.nonStiffRun >= STIFFNESS.nonStiffReset) ctl.stiffHits = 0;
  return false;
}

/**
 * Initial step (Hairer, Nørsett & Wanner I, II.4), the part after the norms: d0 = ‖y‖, d1 = ‖f‖ in
 * the error norm give a trial step (`initialTrialStep`); an explicit Euler step of that size gives
 * d2 ≈ ‖f′‖, and h is chosen so that the local error of an order-(q−1) method is about the
 * tolerance. Clamped to the span.
 */
export function initialTrialStep(d0: number, d1: number, span: number): number {
  return Math.min(d0 < 1e-5 || d1 < 1e-5 ? 1e-6 : 0.01 * (d0 / d1), span);
}

export function initialStepFrom(h0: number, d1: number, d2: number, q: number, span: number): number {
  const dm = Math.max(d1, d2);
  const h1 = dm <= 1e-15 ? Math.max(1e-6, h0 * 1e-3) : Math.pow(0.01 / dm, 1 / q);
  const h = Math.min(100 * h0, h1, span);
  return Number.isFinite(h) && h > 0 ? h : Math.min(1e-6, span);
}

/**
 * First step of the f32 (GPU) kernels when the request gives none: a fixed share of the span
 * instead of the heuristic. In f32 the heuristic's tiny first steps (about 1e-6 for oral PK at
 * atol 1e-9) grow through error estimates that are mostly rounding noise and cost more steps:
 * 88.4 instead of 80.0 per subject on pk-oral-adaptive (SwiftShader, 4,096 subjects).
 */
export function f32FirstStep(span: number): number {
  return span > 0 ? span * 1e-3 : 1e-3;
}
