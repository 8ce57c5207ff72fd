// Shared part of every ensemble kernel: bindings, the stop list, outputs and status.
// Assembled after the generated model code (model_* / MODEL_*) and the generated glue
// (rhs_full, save_output, constants WG, NOUT, SAVE_STATES). One trajectory per invocation.

struct Run {
  n: u32,            // trajectories in this chunk
  nev: u32,          // entries in the stop list
  n_times: u32,      // output times
  cov_stride: u32,   // 0: one covariate row for all, else MODEL_NC
  row_width: u32,    // invocations per row of a 2-D dispatch
  max_steps: u32,    // adaptive: cap on accepted + rejected steps
  detect_stiff: u32, // method 'auto': stop explicit stepping when it turns stiff (rerun by Rosenbrock)
  pad1: u32,
  t0: f32,
  h0: f32,
  rtol: f32,
  atol: f32,
};

// One stop: an output, a bolus, or a change of the infusions active from here on (clear, then
// add each active one: no running sums, so no rounding residue). Sorted by time; at equal times
// outputs come first (recorded before a bolus at the same time), then boluses, then infusions.
struct Stop {
  t: f32,
  kind: u32,   // 0 output (arg = output index), 1 bolus, 2 clear infusions, 3 add an infusion (arg = state | expr << 16)
  arg: u32,
  nsub: u32,   // fixed-step methods: steps from the previous stop to this one
};

const ST_OK: u32 = 0u;
const ST_MAX_STEPS: u32 = 1u;
const ST_NON_FINITE: u32 = 2u;
const ST_UNDERFLOW: u32 = 3u;

@group(0) @binding(0) var<uniform> run: Run;
@group(0) @binding(1) var<storage, read> params: array<f32>;
@group(0) @binding(2) var<storage, read> covs: array<f32>;
@group(0) @binding(3) var<storage, read> stops: array<Stop>;
@group(0) @binding(4) var<storage, read_write> outputs: array<f32>;
// per trajectory: status | min(rejected, 2^24 - 1) << 8, accepted
@group(0) @binding(5) var<storage, read_write> info: array<vec2<u32>>;

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
  if (s.kind == 2u) {
    *inf = model_state();
    return true;
  }
  let amount = model_dose(stop_expr(s), p, c);
  if (s.kind == 1u) {
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
  info[i] = vec2<u32>(status | (min(rejected, 0xffffffu) << 8u), accepted);
}
