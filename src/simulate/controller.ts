// The one step-size controller of every adaptive solver (diffrax's `adapt_step_size`): constants,
// the controller state of one trajectory, and pure functions from an attempted step's error norm
// to the next step. The CPU engines (generic loop and generated JS kernels) call the TypeScript
// functions below; the WGSL kernels get `controllerWgsl`, the same functions written out in WGSL
// with the same constants, side by side here so that a change is made once for every backend.
// test/simulate/controller-conformance.test.ts pins the two against each other.
import { wgslLit } from '../model/codegen/literals.ts';

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

/**
 * The functions above in WGSL (f32), with the constants for controller order q injected. Names
 * start with `ctl_` / `CTL_`. WGSL lets compilers assume finite floats, so "not finite" is tested
 * on the exponent bits (`ctl_finite`); and it has no NaN constant, so an attempt that failed
 * outright (a singular Rosenbrock matrix) reports CTL_ATTEMPT_FAILED, treated as a NaN norm.
 */
export function controllerWgsl(q: number): string {
  const C = CONTROLLER;
  const P = PRECISION.f32;
  const L = wgslLit;
  return `// Step-size controller (generated from src/simulate/controller.ts; q = ${q})
const CTL_SAFETY: f32 = ${L(C.safety)};
const CTL_FAC_MIN: f32 = ${L(C.facMin)};
const CTL_FAC_MAX: f32 = ${L(C.facMax)};
const CTL_BETA1: f32 = ${L(C.beta1Numer / q)};
const CTL_BETA2: f32 = ${L(C.beta2Numer / q)};
const CTL_REJECT_EXP: f32 = ${L(-1 / q)};
const CTL_ERR_MIN: f32 = ${L(C.errMin)};
const CTL_LOG_ERR_PREV_MIN: f32 = ${L(LOG_ERR_PREV_MIN)};
const CTL_LAST_STEP_SNAP: f32 = ${L(C.lastStepSnap)};
const CTL_UNDERFLOW: f32 = ${L(C.uRoundFactor * P.eps)};
const CTL_MIN_STEP_ABS: f32 = ${L(P.minStepAbs)};
const CTL_STIFF_HLAMBDA: f32 = ${L(STIFFNESS.hLambda)};
const CTL_STIFF_HITS: u32 = ${STIFFNESS.hits}u;
const CTL_NONSTIFF_RESET: u32 = ${STIFFNESS.nonStiffReset}u;
const CTL_ATTEMPT_FAILED: f32 = -1.0;

struct StepControl {
  h_prop: f32,
  log_err_prev: f32,
  steps: u32,
  after_reject: bool,
  last_non_finite: bool,
  stiff_hits: u32,
  nonstiff_run: u32,
};

fn ctl_finite(x: f32) -> bool {
  return (bitcast<u32>(x) & 0x7f800000u) != 0x7f800000u;
}

// not finite, or CTL_ATTEMPT_FAILED: the TypeScript side's NaN norm
fn ctl_not_finite(err: f32) -> bool {
  return !ctl_finite(err) || err < 0.0;
}

fn ctl_accepts_step(err: f32) -> bool {
  return !ctl_not_finite(err) && err <= 1.0;
}

fn ctl_new(h0: f32) -> StepControl {
  return StepControl(h0, CTL_LOG_ERR_PREV_MIN, 0u, false, false, 0u, 0u);
}

fn ctl_min_step(t: f32) -> f32 {
  return max(CTL_MIN_STEP_ABS, CTL_UNDERFLOW * abs(t));
}

fn ctl_is_last_step(t: f32, h: f32, t_end: f32) -> bool {
  return t + h * CTL_LAST_STEP_SNAP >= t_end;
}

fn ctl_accept_factor(log_err: f32, log_err_prev: f32, after_reject: bool) -> f32 {
  let fac = min(CTL_FAC_MAX, max(CTL_FAC_MIN, CTL_SAFETY * exp(CTL_BETA2 * log_err_prev - CTL_BETA1 * log_err)));
  return select(fac, min(fac, 1.0), after_reject);
}

fn ctl_reject_factor(err: f32) -> f32 {
  if (ctl_not_finite(err)) { return CTL_FAC_MIN; }
  return min(1.0, max(CTL_FAC_MIN, CTL_SAFETY * pow(err, CTL_REJECT_EXP)));
}

fn ctl_accept_step(ctl: ptr<function, StepControl>, err: f32, h: f32, last: bool) {
  let log_err = log(max(err, CTL_ERR_MIN));
  let h_new = h * ctl_accept_factor(log_err, (*ctl).log_err_prev, (*ctl).after_reject);
  let shortened = last && h < (*ctl).h_prop;
  if (!shortened) { (*ctl).log_err_prev = max(log_err, CTL_LOG_ERR_PREV_MIN); }
  (*ctl).h_prop = select(h_new, max((*ctl).h_prop, h_new), shortened);
  (*ctl).after_reject = false;
  (*ctl).last_non_finite = false;
}

fn ctl_reject_step(ctl: ptr<function, StepControl>, err: f32, h: f32) {
  (*ctl).h_prop = h * ctl_reject_factor(err);
  (*ctl).after_reject = true;
  (*ctl).last_non_finite = ctl_not_finite(err);
}

fn ctl_note_stiffness(ctl: ptr<function, StepControl>, hh_num: f32, den: f32) -> bool {
  if (!(den > 0.0)) { return false; }
  if (hh_num > CTL_STIFF_HLAMBDA * CTL_STIFF_HLAMBDA * den) {
    (*ctl).nonstiff_run = 0u;
    (*ctl).stiff_hits = (*ctl).stiff_hits + 1u;
    return (*ctl).stiff_hits >= CTL_STIFF_HITS;
  }
  (*ctl).nonstiff_run = (*ctl).nonstiff_run + 1u;
  if ((*ctl).nonstiff_run >= CTL_NONSTIFF_RESET) { (*ctl).stiff_hits = 0u; }
  return false;
}
`;
}
