// Per-group moments of the saved outputs across the group's successful trajectories, so that
// inference reads back a few numbers per group instead of every trajectory. Two passes:
// group_means (one invocation per group × output × time) then group_cross (one per
// group × output × time × time). Needs constants WG and NOUT from the glue and the generated
// layouts (Reduce, TrajectoryInfo, GroupStats: src/simulate/webgpu/layouts.ts).

@group(0) @binding(0) var<uniform> red: Reduce;
@group(0) @binding(1) var<storage, read> outputs: array<f32>;
@group(0) @binding(2) var<storage, read> info: array<TrajectoryInfo>;
@group(0) @binding(3) var<storage, read_write> means: array<f32>;      // groups × NOUT × times
@group(0) @binding(4) var<storage, read_write> gstats: array<GroupStats>;
@group(0) @binding(5) var<storage, read_write> cross_m: array<f32>;      // groups × NOUT × times × times × 3

fn output_at(traj: u32, k: u32, o: u32) -> f32 {
  return outputs[(traj * red.n_times + k) * NOUT + o];
}

@compute @workgroup_size(WG)
fn group_means(@builtin(global_invocation_id) gid: vec3<u32>) {
  let idx = gid.x + gid.y * red.row_width;
  let per_group = NOUT * red.n_times;
  if (idx >= red.n_groups * per_group) { return; }
  let g = idx / per_group;
  let o = (idx % per_group) / red.n_times;
  let k = idx % red.n_times;
  var sum = 0.0;
  var count = 0u;
  for (var j = 0u; j < red.group_size; j = j + 1u) {
    let traj = g * red.group_size + j;
    if ((info[traj].code & 0xffu) == ST_OK) { sum = sum + output_at(traj, k, o); count = count + 1u; }
  }
  means[idx] = select(0.0, sum / f32(count), count > 0u);
  if (o == 0u && k == 0u) {
    var st = GroupStats(count, 0u, 0u, 0u, 0u, 0u);
    for (var j = 0u; j < red.group_size; j = j + 1u) {
      let v = info[g * red.group_size + j];
      st.accepted = st.accepted + v.accepted;
      st.rejected = st.rejected + (v.code >> 8u);
      let s = v.code & 0xffu;
      if (s == ST_MAX_STEPS) { st.max_steps = st.max_steps + 1u; }
      if (s == ST_NON_FINITE) { st.non_finite = st.non_finite + 1u; }
      if (s == ST_UNDERFLOW) { st.underflow = st.underflow + 1u; }
    }
    gstats[g] = st;
  }
}

// E[d_a d_b], E[d_a² d_b²], E[d_a d_b²] with d = y − mean, divisor okCount.
@compute @workgroup_size(WG)
fn group_cross(@builtin(global_invocation_id) gid: vec3<u32>) {
  let idx = gid.x + gid.y * red.row_width;
  let nt = red.n_times;
  let per_group = NOUT * nt * nt;
  if (idx >= red.n_groups * per_group) { return; }
  let g = idx / per_group;
  let rest = idx % per_group;
  let o = rest / (nt * nt);
  let a = (rest / nt) % nt;
  let b = rest % nt;
  let ma = means[(g * NOUT + o) * nt + a];
  let mb = means[(g * NOUT + o) * nt + b];
  var s11 = 0.0;
  var s22 = 0.0;
  var s12 = 0.0;
  var count = 0u;
  for (var j = 0u; j < red.group_size; j = j + 1u) {
    let traj = g * red.group_size + j;
    if ((info[traj].code & 0xffu) == ST_OK) {
      let da = output_at(traj, a, o) - ma;
      let db = output_at(traj, b, o) - mb;
      s11 = s11 + da * db;
      s22 = s22 + da * da * db * db;
      s12 = s12 + da * db * db;
      count = count + 1u;
    }
  }
  let inv = select(0.0, 1.0 / f32(count), count > 0u);
  cross_m[3u * idx] = s11 * inv;
  cross_m[3u * idx + 1u] = s22 * inv;
  cross_m[3u * idx + 2u] = s12 * inv;
}
