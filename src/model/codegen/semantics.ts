// The meaning of the expression language, shared by the interpreter and both code generators.
// JS and WGSL output must compute exactly these functions (JS bit for bit, WGSL within f32).
import type { Expr } from '../ast.ts';

/** Constant integer exponents up to this size are expanded to repeated multiplication. */
export const MAX_EXPANDED_EXPONENT = 16;

/**
 * The integer n when `exponent` is a constant integer with |n| ≤ MAX_EXPANDED_EXPONENT
 * (a number or a negated number), else undefined. Such powers are multiplications.
 */
export function integerExponent(exponent: Expr): number | undefined {
  let value: number | undefined;
  if (exponent.kind === 'num') value = exponent.value;
  else if (exponent.kind === 'neg' && exponent.arg.kind === 'num') value = -exponent.arg.value;
  if (value === undefined || !Number.isInteger(value)) return undefined;
  if (Math.abs(value) > MAX_EXPANDED_EXPONENT) return undefined;
  return value === 0 ? 0 : value; // no -0
}

/** x^n for a small integer n: left-to-right products ((x·x)·x)…, reciprocal for n < 0. */
export function ipow(x: number, n: number): number {
  if (n < 0) return 1 / ipow(x, -n);
  if (n === 0) return 1;
  let r = x;
  for (let i = 1; i < n; i++) r *= x;
  return r;
}

/**
 * hill(x, K, n) = xⁿ/(Kⁿ + xⁿ), written as 1/(1 + (K/x)ⁿ) for x > 0 (no overflow of xⁿ, no
 * 0/0 at x = 0) and defined as 0 for x ≤ 0 (concentrations that dip below 0 in a solver step).
 */
export function hill(x: number, k: number, n: number): number {
  return x > 0 ? 1 / (1 + Math.pow(k / x, n)) : 0;
}

/** Heaviside step with step(0) = 1. */
export function step(x: number): number {
  return x >= 0 ? 1 : 0;
}

/** The power used when the exponent is not a small constant integer (JS semantics). */
export function power(x: number, y: number): number {
  return Math.pow(x, y);
}

/** log10 e, used by WGSL (log10 = log · LOG10_E) and by derivatives of log10. */
export const LOG10_E = 0.4342944819032518;

/** Guard used in derivatives that divide by a quantity which is only ever ≥ 0 in use. */
export const DERIVATIVE_FLOOR = 1e-30;
