// Between-subject SD from the other ways papers report spread.
//
// SEM:    SD = SEM · √n.
// 95% CI of the mean (t interval, as papers compute it): half-width = t_{0.975, n−1} · SD/√n, so
//         SD = √n · (high − low) / (2 · t_{0.975, n−1}).
// The t quantile (not the normal 1.96) matters at the small n of rare-disease cohorts:
// at n = 5, t = 2.776, so using 1.96 would overstate the SD by 42%.
import { studentTQuantile } from './student-t.ts';

export function sdFromSem(sem: number, n: number): number {
  return sem * Math.sqrt(n);
}

/** n ≥ 2 (a CI needs n − 1 ≥ 1 degrees of freedom). */
export function sdFromCi95(low: number, high: number, n: number): number {
  return (Math.sqrt(n) * (high - low)) / (2 * studentTQuantile(0.975, n - 1));
}

/** Relative disagreement above which two reported spreads are called inconsistent. */
export const SD_CONSISTENCY_TOLERANCE = 0.1;

/** |a − b| / max(a, b), 0 when both are 0. */
export function relativeDifference(a: number, b: number): number {
  const m = Math.max(Math.abs(a), Math.abs(b));
  return m === 0 ? 0 : Math.abs(a - b) / m;
}
