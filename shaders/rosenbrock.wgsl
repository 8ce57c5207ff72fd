// Linear algebra for the Rosenbrock step: G = I/(h·γ) − J, factored once per step by a dense
// LU with partial pivoting, then one solve per stage. Small systems, one per invocation.

struct Lu {
  a: model_jacobian,          // L (unit diagonal, below) and U (on and above the diagonal), row-major
  piv: array<u32, MODEL_NS>,  // row swapped into position k at step k
  ok: bool,                   // false: G is singular (the step is rejected)
};

fn lu_factor(h_gamma: f32, jac: model_jacobian) -> Lu {
  var f: Lu;
  f.ok = true;
  let inv = 1.0 / h_gamma;
  for (var r = 0u; r < MODEL_NS; r = r + 1u) {
    for (var q = 0u; q < MODEL_NS; q = q + 1u) {
      f.a[r * MODEL_NS + q] = select(0.0, inv, r == q) - jac[r * MODEL_NS + q];
    }
  }
  for (var k = 0u; k < MODEL_NS; k = k + 1u) {
    var best = k;
    var big = abs(f.a[k * MODEL_NS + k]);
    for (var r = k + 1u; r < MODEL_NS; r = r + 1u) {
      let v = abs(f.a[r * MODEL_NS + k]);
      if (v > big) { big = v; best = r; }
    }
    f.piv[k] = best;
    if (!(big > 0.0) || !finite(big)) { f.ok = false; return f; }
    if (best != k) {
      for (var q = 0u; q < MODEL_NS; q = q + 1u) {
        let tmp = f.a[k * MODEL_NS + q];
        f.a[k * MODEL_NS + q] = f.a[best * MODEL_NS + q];
        f.a[best * MODEL_NS + q] = tmp;
      }
    }
    let d = f.a[k * MODEL_NS + k];
    for (var r = k + 1u; r < MODEL_NS; r = r + 1u) {
      let l = f.a[r * MODEL_NS + k] / d;
      f.a[r * MODEL_NS + k] = l;
      for (var q = k + 1u; q < MODEL_NS; q = q + 1u) {
        f.a[r * MODEL_NS + q] = f.a[r * MODEL_NS + q] - l * f.a[k * MODEL_NS + q];
      }
    }
  }
  return f;
}

fn lu_solve(f: Lu, b_in: model_state) -> model_state {
  var b = b_in;
  for (var k = 0u; k < MODEL_NS; k = k + 1u) {
    let pk = f.piv[k];
    if (pk != k) { let tmp = b[k]; b[k] = b[pk]; b[pk] = tmp; }
  }
  for (var r = 1u; r < MODEL_NS; r = r + 1u) {
    var s = b[r];
    for (var q = 0u; q < r; q = q + 1u) { s = s - f.a[r * MODEL_NS + q] * b[q]; }
    b[r] = s;
  }
  for (var rr = 0u; rr < MODEL_NS; rr = rr + 1u) {
    let r = MODEL_NS - 1u - rr;
    var s = b[r];
    for (var q = r + 1u; q < MODEL_NS; q = q + 1u) { s = s - f.a[r * MODEL_NS + q] * b[q]; }
    b[r] = s / f.a[r * MODEL_NS + r];
  }
  return b;
}

// ∂f/∂t by a forward difference (zero for autonomous models up to rounding); the step is large
// enough for f32 and small against the time scale of any output grid.
fn dfdt(t: f32, y: model_state, f0: model_state, p: model_params, c: model_covs, inf: model_state) -> model_state {
  let dt = 1e-3 * max(1.0, abs(t));
  let f1 = rhs_full(t + dt, y, p, c, inf);
  var d: model_state;
  for (var s = 0u; s < MODEL_NS; s = s + 1u) { d[s] = (f1[s] - f0[s]) / dt; }
  return d;
}
