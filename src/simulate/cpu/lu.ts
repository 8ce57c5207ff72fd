// Dense LU with partial pivoting for the small per-trajectory Rosenbrock systems (n = states).
// In place, allocation-free: the caller owns the matrix (row-major n×n) and the pivot array.

/** Factors A = P·L·U in place. Returns false when a pivot is zero or not finite (singular). */
export function luFactor(A: Float64Array, n: number, piv: Int32Array): boolean {
  for (let k = 0; k < n; k++) {
    let p = k;
    let best = Math.abs(A[k * n + k]!);
    for (let i = k + 1; i < n; i++) {
      const v = Math.abs(A[i * n + k]!);
      if (v > best) { best = v; p = i; }
    }
    if (!(best > 0) || best === Infinity) return false;
    piv[k] = p;
    if (p !== k) {
      for (let j = 0; j < n; j++) {
        const tmp = A[k * n + j]!;
        A[k * n + j] = A[p * n + j]!;
        A[p * n + j] = tmp;
      }
    }
    const inv = 1 / A[k * n + k]!;
    for (let i = k + 1; i < n; i++) {
      const l = A[i * n + k]! * inv;
      A[i * n + k] = l;
      if (l !== 0) for (let j = k + 1; j < n; j++) A[i * n + j] -= l * A[k * n + j]!;
    }
  }
  return true;
}

/** Solves A·x = b in place (b becomes x) with the factors from luFactor. */
export function luSolve(LU: Float64Array, n: number, piv: Int32Array, b: Float64Array): void {
  for (let k = 0; k < n; k++) {
    const p = piv[k]!;
    if (p !== k) { const tmp = b[k]!; b[k] = b[p]!; b[p] = tmp; }
  }
  for (let i = 1; i < n; i++) {
    let s = b[i]!;
    for (let j = 0; j < i; j++) s -= LU[i * n + j]! * b[j]!;
    b[i] = s;
  }
  for (let i = n - 1; i >= 0; i--) {
    let s = b[i]!;
    for (let j = i + 1; j < n; j++) s -= LU[i * n + j]! * b[j]!;
    b[i] = s / LU[i * n + i]!;
  }
}
