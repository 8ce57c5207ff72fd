// The adaptive driver shared by explicit RK (Dormand–Prince / Tsitouras) and Rosenbrock steps:
// steps clamped to the next stop so outputs and doses are hit exactly. Step control is the
// generated controller (ctl_*, StepControl: src/simulate/controller.ts, the CPU engines' own);
// this loop is src/simulate/cpu/adaptive.ts integrateAdaptive, statement for statement.
// Needs the generated adaptive_step(t, h, y, k1, p, c, inf) -> StepOut {y, err, k_last,
// stiff_num, stiff_den} and FSAL. A trajectory found stiff (Hairer's DOPRI5 test)
// stops with max-steps and 'auto' redoes it with Rosenbrock.

@compute @workgroup_size(WG)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let i = trajectory_index(gid);
  if (i >= run.n) { return; }
  let p = load_params(i);
  let c = load_covs(i);
  var y = model_init(p, c);
  var inf: model_state;
  var t = run.t0;
  var ctl = ctl_new(run.h0);
  var status = ST_OK;
  var accepted = 0u;
  var rejected = 0u;
  // f(t, y) at the current point; stays valid across output stops, renewed after a dose
  var k1: model_state;
  var k1_valid = false;
  if (!all_finite(y)) { status = ST_NON_FINITE; }
  for (var e = 0u; e < run.nev && status == ST_OK; e = e + 1u) {
    let s = stops[e];
    if (s.t > t) {
      if (!k1_valid) { k1 = rhs_full(t, y, p, c, inf); k1_valid = true; }
      loop {
        if (ctl.steps >= run.max_steps) { status = ST_MAX_STEPS; break; }
        let last = ctl_is_last_step(t, ctl.h_prop, s.t);
        let h = select(ctl.h_prop, s.t - t, last);
        // a segment shorter than the floor is simply stepped over (it is not the controller giving up)
        if (!last && h < ctl_min_step(t)) { status = select(ST_UNDERFLOW, ST_NON_FINITE, ctl.last_non_finite); break; }
        ctl.steps = ctl.steps + 1u;
        let r = adaptive_step(t, h, y, k1, p, c, inf);
        if (!ctl_accepts_step(r.err)) {
          rejected = rejected + 1u;
          ctl_reject_step(&ctl, r.err, h);
          continue;
        }
        accepted = accepted + 1u;
        if (ctl_note_stiffness(&ctl, r.stiff_num, r.stiff_den)) { status = ST_MAX_STEPS; break; }
        y = r.y;
        t = select(t + h, s.t, last);
        if (FSAL) { k1 = r.k_last; } else { k1 = rhs_full(t, y, p, c, inf); }
        ctl_accept_step(&ctl, r.err, h, last);
        if (last) { break; }
      }
      if (status != ST_OK) { break; }
      if (!all_finite(y)) { status = ST_NON_FINITE; break; }
    }
    if (s.kind == STOP_OUTPUT) {
      record(i, s, t, y, p, c);
    } else {
      k1_valid = false;
      if (!apply_dose(s, &y, &inf, p, c)) { status = ST_NON_FINITE; }
    }
  }
  finish(i, status, accepted, rejected);
}
