// The per-model caches of the CPU engine (generated kernels) keep at most this many entries,
// dropping the oldest: a long session compiles many models.
export const MAX_CACHED = 64;

/** Stores v under k (evicting the oldest entry when full) and returns v. */
export function remember<K, V>(m: Map<K, V>, k: K, v: V): V {
  if (m.size >= MAX_CACHED) m.delete(m.keys().next().value as K);
  m.set(k, v);
  return v;
}
