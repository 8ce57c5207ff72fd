// The adaptive driver shared by explicit RK (Dormand–Prince / Tsitouras) and Rosenbrock steps:
// steps clamped to the next stop so outputs and doses are hit exactly. Step control is the
// generated controller (ctl_*, StepControl: src/simulate/controller.ts, the CPU engines' own);
// driver_advance is src/simulate/cpu/adaptive.ts integrateAdaptive, statement for statement.
// Needs the generated adaptive_step(t, h, y, k1, p, c, inf) -> StepOut {y, err, k_last,
// stiff_num, stiff_den} and FSAL; the entry point is shaders/ensemble-common.wgsl's main. A
// trajectory found stiff (Hairer's DOPRI5 test) stops with max-steps and 'auto' redoes it with
// Rosenbrock.

struct Driver {
  ctl: StepControl,
  accepted: u32,
  rejected: u32,
  // f(t, y) at the current point; stays valid across output stops, renewed after a dose
  k1: model_state,
  k1_valid: bool,
};

fn driver_new() -> Driver {
  var d: Driver;
  d.ctl = ctl_new(run.h0);
  return d;
}

fn driver_dosed(d: ptr<function, Driver>) {
  (*d).k1_valid = false;
}

// Works on local copies (the ctl_* functions take pointers to whole variables only).
fn driver_advance(d: ptr<function, Driver>, s: Stop, tp: ptr<function, f32>, yp: ptr<function, model_state>, p: model_params, c: model_covs, inf: model_state) -> u32 {
  var t = *tp;
  if (!(s.t > t)) { return ST_OK; }
  var y = *yp;
  var ctl = (*d).ctl;
  var k1 = (*d).k1;
  if (!(*d).k1_valid) { k1 = rhs_full(t, y, p, c, inf); }
  var status = ST_OK;
  loop {
    if (ctl.steps >= run.max_steps) { status = ST_MAX_STEPS; break; }
    let last = ctl_is_last_step(t, ctl.h_prop, s.t);
    let h = select(ctl.h_prop, s.t - t, last);
    // a segment shorter than the floor is simply stepped over (it is not the controller giving up)
    if (!last && h < ctl_min_step(t)) { status = select(ST_UNDERFLOW, ST_NON_FINITE, ctl.last_non_finite); break; }
    ctl.steps = ctl.steps + 1u;
    let r = adaptive_step(t, h, y, k1, p, c, inf);
    if (!ctl_accepts_step(r.err)) {
      (*d).rejected = (*d).rejected + 1u;
      ctl_reject_step(&ctl, r.err, h);
      continue;
    }
    (*d).accepted = (*d).accepted + 1u;
    if (ctl_note_stiffness(&ctl, r.stiff_num, r.stiff_den)) { status = ST_MAX_STEPS; break; }
    y = r.y;
    t = select(t + h, s.t, last);
    if (FSAL) { k1 = r.k_last; } else { k1 = rhs_full(t, y, p, c, inf); }
    ctl_accept_step(&ctl, r.err, h, last);
    if (last) { break; }
  }
  *tp = t;
  *yp = y;
  (*d).ctl = ctl;
  (*d).k1 = k1;
  (*d).k1_valid = true;
  if (status == ST_OK && !all_finite(y)) { status = ST_NON_FINITE; }
  return status;
}
