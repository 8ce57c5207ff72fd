// The adaptive driver shared by explicit RK (Dormand–Prince / Tsitouras) and Rosenbrock steps:
// PI step control, steps clamped to the next stop so outputs and doses are hit exactly.
// Needs the generated adaptive_step(t, h, y, k1, p, c, inf) -> StepOut {y, err, k_last} and
// constants FSAL, SAFETY, FAC_MIN, FAC_MAX, BETA1, BETA2, ERR_PREV_MIN, UNDERFLOW_FACTOR and the
// stiffness test's STIFF_HLAMBDA, STIFF_HITS, NONSTIFF_RESET (Hairer's DOPRI5 test, as on the CPU:
// a trajectory found stiff stops with max-steps and 'auto' redoes it with Rosenbrock).

@compute @workgroup_size(WG)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let i = trajectory_index(gid);
  if (i >= run.n) { return; }
  let p = load_params(i);
  let c = load_covs(i);
  var y = model_init(p, c);
  var inf: model_state;
  var t = run.t0;
  var h = run.h0;
  var status = ST_OK;
  var accepted = 0u;
  var rejected = 0u;
  var log_err_prev = log2(ERR_PREV_MIN);  // PI memory, kept as log2 (one log2 + one exp2 per step)
  var stiff_hits = 0u;
  var nonstiff_run = 0u;
  // f(t, y) at the current point; stays valid across output stops, renewed after a dose
  var k1: model_state;
  var k1_valid = false;
  if (!all_finite(y)) { status = ST_NON_FINITE; }
  for (var e = 0u; e < run.nev && status == ST_OK; e = e + 1u) {
    let s = stops[e];
    if (s.t > t) {
      if (!k1_valid) { k1 = rhs_full(t, y, p, c, inf); k1_valid = true; }
      var last_rejected = false;
      loop {
        if (accepted + rejected >= run.max_steps) { status = ST_MAX_STEPS; break; }
        let hit = t + h >= s.t;
        let hh = select(h, s.t - t, hit);
        let r = adaptive_step(t, hh, y, k1, p, c, inf);
        let err = r.err;
        if (finite(err) && err <= 1.0) {
          accepted = accepted + 1u;
          if (run.detect_stiff != 0u && r.stiff >= 0.0) {
            if (r.stiff > STIFF_HLAMBDA) {
              nonstiff_run = 0u;
              stiff_hits = stiff_hits + 1u;
              if (stiff_hits >= STIFF_HITS) { status = ST_MAX_STEPS; break; }
            } else {
              nonstiff_run = nonstiff_run + 1u;
              if (nonstiff_run >= NONSTIFF_RESET) { stiff_hits = 0u; }
            }
          }
          y = r.y;
          t = select(t + hh, s.t, hit);
          if (FSAL) { k1 = r.k_last; } else { k1 = rhs_full(t, y, p, c, inf); }
          let log_err = log2(max(err, 1e-10));
          var fac = clamp(SAFETY * exp2(BETA2 * log_err_prev - BETA1 * log_err), FAC_MIN, FAC_MAX);
          if (last_rejected) { fac = min(fac, 1.0); }
          // a step shortened to land on the stop neither shrinks the next one nor enters the PI
          // memory (its small error says nothing about the controller's step size)
          let shortened = hit && hh < h;
          h = select(hh * fac, max(hh * fac, h), shortened);
          if (!shortened) { log_err_prev = max(log_err, log2(ERR_PREV_MIN)); }
          last_rejected = false;
          if (hit) { break; }
        } else {
          rejected = rejected + 1u;
          var fac = FAC_MIN;
          if (finite(err)) { fac = max(FAC_MIN, SAFETY * pow(err, -BETA1)); }
          h = hh * min(fac, 1.0);
          last_rejected = true;
          if (h <= UNDERFLOW_FACTOR * abs(t) || h < 1e-30) { status = ST_UNDERFLOW; break; }
        }
      }
      if (status != ST_OK) { break; }
      if (!all_finite(y)) { status = ST_NON_FINITE; break; }
    }
    if (s.kind == 0u) {
      record(i, s, t, y, p, c);
    } else {
      k1_valid = false;
      if (!apply_dose(s, &y, &inf, p, c)) { status = ST_NON_FINITE; }
    }
  }
  finish(i, status, accepted, rejected);
}
