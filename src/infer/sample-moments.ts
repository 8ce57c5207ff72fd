// Cohort moments computed in JS from individual trajectories (the same quantities the backends'
// moments() reduce on the device): used for predictive checks and as a reference in tests.

export interface SampleMoments {
  T: number;
  okCount: number;
  mean: Float64Array;
  /** T×T: E[d_i d_j] */
  cov: Float64Array;
  /** T×T: E[d_i² d_j²] */
  m22: Float64Array;
  /** T×T: E[d_i d_j²] */
  m12: Float64Array;
}

/** rows: n × T values; rows containing a non-finite value are skipped (failed trajectories). */
export function sampleMoments(values: ArrayLike<number>, n: number, T: number, offset = 0, stride = T): SampleMoments {
  const mean = new Float64Array(T);
  let ok = 0;
  const good: number[] = [];
  for (let r = 0; r < n; r++) {
    let fine = true;
    for (let t = 0; t < T; t++) if (!Number.isFinite(values[offset + r * stride + t])) { fine = false; break; }
    if (!fine) continue;
    good.push(r);
    ok++;
    for (let t = 0; t < T; t++) mean[t] += values[offset + r * stride + t];
  }
  const cov = new Float64Array(T * T), m22 = new Float64Array(T * T), m12 = new Float64Array(T * T);
  if (ok === 0) return { T, okCount: 0, mean: mean.fill(NaN), cov: cov.fill(NaN), m22: m22.fill(NaN), m12: m12.fill(NaN) };
  for (let t = 0; t < T; t++) mean[t] /= ok;
  const d = new Float64Array(T);
  for (const r of good) {
    for (let t = 0; t < T; t++) d[t] = values[offset + r * stride + t] - mean[t];
    for (let i = 0; i < T; i++) {
      for (let j = 0; j < T; j++) {
        cov[i * T + j] += d[i] * d[j];
        m22[i * T + j] += d[i] * d[i] * d[j] * d[j];
        m12[i * T + j] += d[i] * d[j] * d[j];
      }
    }
  }
  for (let k = 0; k < T * T; k++) { cov[k] /= ok; m22[k] /= ok; m12[k] /= ok; }
  return { T, okCount: ok, mean, cov, m22, m12 };
}
