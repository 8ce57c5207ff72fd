// The reference the generated CPU code is measured against: a hand-written scalar JS loop for
// lorenz-rk4 (σ = 10, β = 8/3, ρ_i = 21·i/N, u0 = (1, 0, 0), t ∈ [0, 1], fixed RK4 steps).
// Returns the final states (N × 3).
export function lorenzHandwritten(N: number, steps: number, rhoOf: (i: number) => number): Float64Array {
  const out = new Float64Array(N * 3);
  const h = 1 / steps;
  const sigma = 10;
  const beta = 8 / 3;
  for (let i = 0; i < N; i++) {
    const rho = rhoOf(i);
    let x = 1;
    let y = 0;
    let z = 0;
    for (let s = 0; s < steps; s++) {
      const k1x = sigma * (y - x);
      const k1y = x * (rho - z) - y;
      const k1z = x * y - beta * z;
      let xx = x + 0.5 * h * k1x;
      let yy = y + 0.5 * h * k1y;
      let zz = z + 0.5 * h * k1z;
      const k2x = sigma * (yy - xx);
      const k2y = xx * (rho - zz) - yy;
      const k2z = xx * yy - beta * zz;
      xx = x + 0.5 * h * k2x;
      yy = y + 0.5 * h * k2y;
      zz = z + 0.5 * h * k2z;
      const k3x = sigma * (yy - xx);
      const k3y = xx * (rho - zz) - yy;
      const k3z = xx * yy - beta * zz;
      xx = x + h * k3x;
      yy = y + h * k3y;
      zz = z + h * k3z;
      const k4x = sigma * (yy - xx);
      const k4y = xx * (rho - zz) - yy;
      const k4z = xx * yy - beta * zz;
      x += (h / 6) * (k1x + 2 * k2x + 2 * k3x + k4x);
      y += (h / 6) * (k1y + 2 * k2y + 2 * k3y + k4y);
      z += (h / 6) * (k1z + 2 * k2z + 2 * k3z + k4z);
    }
    out[3 * i] = x;
    out[3 * i + 1] = y;
    out[3 * i + 2] = z;
  }
  return out;
}
