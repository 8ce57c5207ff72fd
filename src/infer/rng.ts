// Seeded pseudo-random numbers, identical on every platform: xoshiro128** on 32-bit integer
// arithmetic (Math.imul, >>>), seeded through splitmix32. Normals by the polar method, which
// needs only sqrt (correctly rounded) and log.

export interface Rng {
  /** uniform in [0, 1) with 32 random bits */
  uniform(): number;
  /** standard normal */
  normal(): number;
  /** integer in [0, n) */
  int(n: number): number;
  /** an independent stream derived from this one (for sub-tasks that must not shift the main stream) */
  fork(): Rng;
}

function splitmix32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

const rotl = (x: number, k: number) => ((x << k) | (x >>> (32 - k))) >>> 0;

export function createRng(seed: number): Rng {
  // Seeds may be any finite number; fold the high part in so 2^32 + 1 differs from 1.
  const lo = Math.floor(Math.abs(seed)) >>> 0;
  const hi = Math.floor(Math.abs(seed) / 4294967296) >>> 0;
  const init = splitmix32(lo ^ Math.imul(hi, 0x27d4eb2f) ^ (seed < 0 ? 0x5bd1e995 : 0));
  let a = init(), b = init(), c = init(), d = init();
  if ((a | b | c | d) === 0) a = 1;
  let spare: number | null = null;

  const next32 = (): number => {
    const result = Math.imul(rotl(Math.imul(b, 5) >>> 0, 7), 9) >>> 0;
    const t = (b << 9) >>> 0;
    c ^= a; d ^= b; b ^= c; a ^= d;
    c ^= t;
    d = rotl(d >>> 0, 11);
    a >>>= 0; b >>>= 0; c >>>= 0;
    return result;
  };

  const rng: Rng = {
    uniform: () => next32() / 4294967296,
    normal: () => {
      if (spare !== null) { const s = spare; spare = null; return s; }
      for (;;) {
        const u = 2 * rng.uniform() - 1;
        const v = 2 * rng.uniform() - 1;
        const s = u * u + v * v;
        if (s > 0 && s < 1) {
          const f = Math.sqrt((-2 * Math.log(s)) / s);
          spare = v * f;
          return u * f;
        }
      }
    },
    int: (n: number) => Math.min(n - 1, Math.floor(rng.uniform() * n)),
    fork: () => createRng(next32() * 4294967296 + next32()),
  };
  return rng;
}
