// Fixed-step explicit Runge–Kutta (RK4): each stretch between two stops is split into the
// stop's `nsub` equal steps, so steps never cross an output or dose time.
// Needs the generated fixed_step(t, h, y, p, c, inf) -> model_state; the entry point is
// shaders/ensemble-common.wgsl's main.

struct Driver {
  accepted: u32,
  rejected: u32,
};

fn driver_new() -> Driver {
  return Driver(0u, 0u);
}

fn driver_dosed(d: ptr<function, Driver>) {}

fn driver_advance(d: ptr<function, Driver>, s: Stop, t: ptr<function, f32>, y: ptr<function, model_state>, p: model_params, c: model_covs, inf: model_state) -> u32 {
  if (s.nsub == 0u) { return ST_OK; }
  let h = (s.t - *t) / f32(s.nsub);
  let ta = *t;
  var yk = *y;
  for (var k = 0u; k < s.nsub; k = k + 1u) {
    yk = fixed_step(ta + f32(k) * h, h, yk, p, c, inf);
  }
  (*d).accepted = (*d).accepted + s.nsub;
  *t = s.t;
  *y = yk;
  return select(ST_NON_FINITE, ST_OK, all_finite(yk));
}
