// Digamma ψ and trigamma ψ' for x > 0: the exact mean and variance of log s² for Gaussian data
// (log of a χ²_ν/ν variable: E = ψ(ν/2) − log(ν/2), Var = ψ'(ν/2)), which the likelihood's
// log-variance terms are scaled to (likelihood.ts). Recurrence up to x ≥ 10, then the asymptotic
// series (Abramowitz & Stegun 6.3.18, 6.4.12); absolute error below 1e-12.

const SHIFT_TO = 10;

/** ψ(x) = d/dx log Γ(x), x > 0 */
export function digamma(x: number): number {
  if (!(x > 0)) return NaN;
  let acc = 0;
  while (x < SHIFT_TO) {
    acc -= 1 / x;
    x += 1;
  }
  const r = 1 / (x * x);
  return acc + Math.log(x) - 0.5 / x - r * (1 / 12 - r * (1 / 120 - r * (1 / 252 - r * (1 / 240 - r / 132))));
}

/** ψ'(x) = d²/dx² log Γ(x), x > 0 */
export function trigamma(x: number): number {
  if (!(x > 0)) return NaN;
  let acc = 0;
  while (x < SHIFT_TO) {
    acc += 1 / (x * x);
    x += 1;
  }
  const r = 1 / (x * x);
  return acc + 1 / x + r / 2 + (r / x) * (1 / 6 - r * (1 / 30 - r * (1 / 42 - r / 30)));
}
