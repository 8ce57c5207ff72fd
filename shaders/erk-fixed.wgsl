// Fixed-step explicit Runge–Kutta (RK4): each stretch between two stops is split into the
// stop's `nsub` equal steps, so steps never cross an output or dose time.
// Needs the generated fixed_step(t, h, y, p, c, inf) -> model_state.

@compute @workgroup_size(WG)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let i = trajectory_index(gid);
  if (i >= run.n) { return; }
  let p = load_params(i);
  let c = load_covs(i);
  var y = model_init(p, c);
  var inf: model_state;
  var t = run.t0;
  var status = ST_OK;
  var steps = 0u;
  if (!all_finite(y)) { status = ST_NON_FINITE; }
  for (var e = 0u; e < run.nev && status == ST_OK; e = e + 1u) {
    let s = stops[e];
    if (s.nsub > 0u) {
      let h = (s.t - t) / f32(s.nsub);
      let ta = t;
      for (var k = 0u; k < s.nsub; k = k + 1u) {
        y = fixed_step(ta + f32(k) * h, h, y, p, c, inf);
      }
      steps = steps + s.nsub;
      t = s.t;
      if (!all_finite(y)) { status = ST_NON_FINITE; break; }
    }
    if (s.kind == STOP_OUTPUT) {
      record(i, s, t, y, p, c);
    } else if (!apply_dose(s, &y, &inf, p, c)) {
      status = ST_NON_FINITE;
    }
  }
  finish(i, status, steps, 0u);
}
