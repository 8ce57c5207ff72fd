// Shared part of every ensemble kernel: bindings, the walk over the stop list (the entry point),
// outputs and status. Assembled after the generated layouts (Run, Stop, TrajectoryInfo, ST_*,
// STOP_*: src/simulate/webgpu/layouts.ts), the generated model code (model_* / MODEL_*) and the
// generated glue (rhs_full, save_output, constants WG, NOUT: src/model/codegen/wgsl-glue.ts).
// One trajectory per invocation.
//
// The driver (shaders/erk-fixed.wgsl or shaders/adaptive.wgsl) supplies what happens between two
// stops: a struct Driver with `accepted` and `rejected` counts, driver_new(), driver_dosed(&d)
// (a dose changed the state or the rates), and driver_advance(&d, s, &t, &y, p, c, inf), which
// integrates to the stop s and returns ST_OK or the failure.

@group(0) @binding(0) var<uniform> run: Run;
@group(0) @binding(1) var<storage, read> params: array<f32>;
@group(0) @binding(2) var<storage, read> covs: array<f32>;
@group(0) @binding(3) var<storage, read> stops: array<Stop>;
@group(0) @binding(4) var<storage, read_write> outputs: array<f32>;
@group(0) @binding(5) var<storage, read_write> info: array<TrajectoryInfo>;

// WGSL lets compilers assume finite floats, so test the exponent bits instead of x != x.
fn finite(x: f32) -> bool {
  return (bitcast<u32>(x) & 0x7f800000u) != 0x7f800000u;
}

// all_finite, load_params, load_covs and add_at come from the glue, unrolled per state and
// parameter: no array is ever indexed by a run-time value, so compilers keep them in registers.

fn stop_state(s: Stop) -> u32 { return s.arg & 0xffffu; }
fn stop_expr(s: Stop) -> u32 { return s.arg >> 16u; }

// Applies a dose stop to the state (bolus) or to the infusion rates; outputs are handled by the
// caller. Returns false when a dose makes the state or a rate non-finite.
fn apply_dose(s: Stop, y: ptr<function, model_state>, inf: ptr<function, model_state>, p: model_params, c: model_covs) -> bool {
  if (s.kind == STOP_CLEAR_INFUSIONS) {
    *inf = model_state();
    return true;
  }
  let amount = model_dose(stop_expr(s), p, c);
  if (s.kind == STOP_BOLUS) {
    *y = add_at(*y, stop_state(s), amount);
    return all_finite(*y);
  }
  *inf = add_at(*inf, stop_state(s), amount);
  return finite(amount);
}

fn record(i: u32, s: Stop, t: f32, y: model_state, p: model_params, c: model_covs) {
  save_output((i * run.n_times + s.arg) * NOUT, t, y, p, c);
}

fn trajectory_index(gid: vec3<u32>) -> u32 {
  return gid.x + gid.y * run.row_width;
}

fn finish(i: u32, status: u32, accepted: u32, rejected: u32) {
  info[i] = TrajectoryInfo(status | (min(rejected, INFO_REJECTED_MAX) << 8u), accepted);
}

@compute @workgroup_size(WG)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let i = trajectory_index(gid);
  if (i >= run.n) { return; }
  let p = load_params(i);
  let c = load_covs(i);
  var y = model_init(p, c);
  var inf: model_state;
  var t = run.t0;
  var d = driver_new();
  var status = select(ST_NON_FINITE, ST_OK, all_finite(y));
  for (var e = 0u; e < run.nev && status == ST_OK; e = e + 1u) {
    let s = stops[e];
    status = driver_advance(&d, s, &t, &y, p, c, inf);
    if (status != ST_OK) { break; }
    if (s.kind == STOP_OUTPUT) {
      record(i, s, t, y, p, c);
    } else {
      driver_dosed(&d);
      if (!apply_dose(s, &y, &inf, p, c)) { status = ST_NON_FINITE; }
    }
  }
  finish(i, status, d.accepted, d.rejected);
}
