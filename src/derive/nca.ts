// Non-compartmental analysis (NCA) of one concentration–time curve, as a cross-check of the
// model-based quantities: Cmax/Tmax from the points, AUC by the linear-up/log-down trapezoidal
// rule, λz by log-linear regression on the terminal points (the last 3…n points after Cmax with
// the best adjusted R²), t½ = ln 2/λz, AUC(0–∞) = AUC(0–last) + C_last/λz.

export interface NcaResult {
  Cmax: number;
  Tmax: number;
  AUC_last: number;
  /** terminal rate constant; NaN when fewer than 3 positive points after Cmax or slope ≥ 0 */
  lambdaZ: number;
  t_half: number;
  AUC_inf: number;
  /** number of points used for λz */
  lambdaZPoints: number;
}

/** AUC of one interval: linear when the curve rises or stays level, logarithmic when it falls (both ends > 0). */
export function trapezoidLinUpLogDown(t1: number, c1: number, t2: number, c2: number): number {
  const dt = t2 - t1;
  if (c2 < c1 && c2 > 0 && c1 > 0) return ((c1 - c2) * dt) / Math.log(c1 / c2);
  return ((c1 + c2) * dt) / 2;
}

/** least-squares fit of log c = a − λ t; returns λ and the adjusted R² */
export function logLinearFit(t: number[], c: number[]): { lambda: number; adjR2: number } {
  const n = t.length;
  const y = c.map(Math.log);
  const mt = t.reduce((a, b) => a + b, 0) / n, my = y.reduce((a, b) => a + b, 0) / n;
  let sxx = 0, sxy = 0, syy = 0;
  for (let i = 0; i < n; i++) { sxx += (t[i]! - mt) ** 2; sxy += (t[i]! - mt) * (y[i]! - my); syy += (y[i]! - my) ** 2; }
  const slope = sxy / sxx;
  const r2 = syy > 0 ? (sxy * sxy) / (sxx * syy) : 1;
  const adjR2 = n > 2 ? 1 - ((1 - r2) * (n - 1)) / (n - 2) : r2;
  return { lambda: -slope, adjR2 };
}

export function nca(times: number[], conc: number[]): NcaResult {
  if (times.length !== conc.length || times.length < 2) throw new Error('NCA needs at least two points of equal-length times and concentrations');
  let iMax = 0;
  for (let i = 1; i < conc.length; i++) if (conc[i]! > conc[iMax]!) iMax = i;
  let auc = 0;
  for (let i = 1; i < times.length; i++) auc += trapezoidLinUpLogDown(times[i - 1]!, conc[i - 1]!, times[i]!, conc[i]!);
  // λz: the best adjusted R² among the last k ≥ 3 positive points after Cmax (ties: more points)
  let best = { lambda: NaN, adjR2: -Infinity, k: 0 };
  const last = times.length - 1;
  for (let k = 3; last - k + 1 > iMax; k++) {
    const ts = times.slice(last - k + 1), cs = conc.slice(last - k + 1);
    if (cs.some((c) => !(c > 0))) break;
    const fit = logLinearFit(ts, cs);
    if (fit.lambda > 0 && fit.adjR2 > best.adjR2 - 1e-4) best = { ...fit, k };
  }
  const lambdaZ = best.k > 0 ? best.lambda : NaN;
  return {
    Cmax: conc[iMax]!,
    Tmax: times[iMax]!,
    AUC_last: auc,
    lambdaZ,
    t_half: Math.LN2 / lambdaZ,
    AUC_inf: auc + conc[last]! / lambdaZ,
    lambdaZPoints: best.k,
  };
}
