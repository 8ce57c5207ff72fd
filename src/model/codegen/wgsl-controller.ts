// The step controller in WGSL: the TypeScript functions of src/simulate/controller.ts written out
// for the GPU's shaders/adaptive.wgsl, statement for statement, from the constants that file owns
// (passed in as data: WGSL_CONTROLLER). test/simulate/controller-conformance.test.ts pins the two.
import { wgslLit } from './literals.ts';

/** The controller's constants (src/simulate/controller.ts CONTROLLER, STIFFNESS, PRECISION.f32). */
export interface ControllerConstants {
  controller: {
    safety: number; facMin: number; facMax: number; beta1Numer: number; beta2Numer: number;
    errMin: number; lastStepSnap: number; uRoundFactor: number;
  };
  stiffness: { hLambda: number; hits: number; nonStiffReset: number };
  /** unit roundoff and absolute step floor of f32 */
  precision: { eps: number; minStepAbs: number };
  /** log of the errPrev floor, as the TypeScript controller carries it */
  logErrPrevMin: number;
}

/**
 * The step controller of src/simulate/controller.ts in WGSL (f32), with its constants and the
 * controller order q injected. Names start with `ctl_` / `CTL_`. WGSL lets compilers assume finite floats, so "not finite" is tested
 * on the exponent bits (`ctl_finite`); and it has no NaN constant, so an attempt that failed
 * outright (a singular Rosenbrock matrix) reports CTL_ATTEMPT_FAILED, treated as a NaN norm.
 */
export function controllerWgsl(q: number, k: ControllerConstants): string {
  const C = k.controller;
  const P = k.precision;
  const L = wgslLit;
  return `// Step-size controller (generated from src/simulate/controller.ts; q = ${q})
const CTL_SAFETY: f32 = ${L(C.safety)};
const CTL_FAC_MIN: f32 = ${L(C.facMin)};
const CTL_FAC_MAX: f32 = ${L(C.facMax)};
const CTL_BETA1: f32 = ${L(C.beta1Numer / q)};
const CTL_BETA2: f32 = ${L(C.beta2Numer / q)};
const CTL_REJECT_EXP: f32 = ${L(-1 / q)};
const CTL_ERR_MIN: f32 = ${L(C.errMin)};
const CTL_LOG_ERR_PREV_MIN: f32 = ${L(k.logErrPrevMin)};
const CTL_LAST_STEP_SNAP: f32 = ${L(C.lastStepSnap)};
const CTL_UNDERFLOW: f32 = ${L(C.uRoundFactor * P.eps)};
const CTL_MIN_STEP_ABS: f32 = ${L(P.minStepAbs)};
const CTL_STIFF_HLAMBDA: f32 = ${L(k.stiffness.hLambda)};
const CTL_STIFF_HITS: u32 = ${k.stiffness.hits}u;
const CTL_NONSTIFF_RESET: u32 = ${k.stiffness.nonStiffReset}u;
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
