// Quasi-Monte Carlo standard normals for the virtual cohort: a randomly shifted Halton sequence
// (Cranley–Patterson rotation) pushed through the inverse normal CDF. Fills the η space far more
// evenly than independent draws, so cohort moments — and the log-likelihood — are less noisy.
import type { Rng } from './rng.ts';
import { normalQuantile } from '../data/normal-quantile.ts';

export { normalQuantile };

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
