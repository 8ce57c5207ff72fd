// Shared part of every ensemble kernel: bindings, the stop list, outputs and status.
// Assembled after the generated layouts (Run, Stop, TrajectoryInfo, ST_*, STOP_*:
// src/simulate/webgpu/layouts.ts), the generated model code (model_* / MODEL_*) and the generated
// glue (rhs_full, save_output, constants WG, NOUT). One trajectory per invocation.

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
