// Quasi-Monte Carlo standard normals for the virtual cohort: a randomly shifted Halton sequence
// (Cranley–Patterson rotation) pushed through the inverse normal CDF. Fills the η space far more
// evenly than independent draws, so cohort moments — and the log-likelihood — are less noisy.
import type { Rng } from './rng.ts';

const PRIMES = [2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71, 73, 79, 83, 89, 97, 101, 103, 107, 109, 113, 127, 131];

/** radical inverse of i in base b */
export function radicalInverse(i: number, b: number): number {
  let f = 1, r = 0;
  while (i > 0) {
    f /= b;
    r += f * (i % b);
    i = Math.floor(i / b);
  }
  return r;
}

/** Inverse standard normal CDF (Acklam's rational approximation, |rel. error| < 1.2e-9). */
export function normalQuantile(p: number): number {
  const a = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
  const b = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
  const c = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
  const pl = 0.02425;
  if (p <= 0) return -Infinity;
  if (p >= 1) return Infinity;
  if (p < pl) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  if (p > 1 - pl) {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    return -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  const q = p - 0.5, r = q * q;
  return ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
}

/** M × dims standard normals, row-major, from a randomly shifted Halton sequence. */
export function haltonNormals(rng: Rng, M: number, dims: number): Float64Array {
  if (dims > PRIMES.length) throw new Error(`quasi-random draws support at most ${PRIMES.length} varying parameters`);
  const out = new Float64Array(M * dims);
  for (let v = 0; v < dims; v++) {
    const shift = rng.uniform();
    for (let j = 0; j < M; j++) {
      let u = radicalInverse(j + 1, PRIMES[v]) + shift;
      if (u >= 1) u -= 1;
      out[j * dims + v] = normalQuantile(Math.min(Math.max(u, 1e-12), 1 - 1e-12));
    }
  }
  return out;
}
