// Visits below the limit of quantification (docs/likelihood.md, "Censored visits"). A table
// either counts the subjects below the LLOQ at a visit (n_blq of n), or reports a visit where
// everyone was below it as mean 0, SD 0. Both are counts, not measurements: given the model's
// predicted distribution of one subject's observation at that visit (moment-matched log-normal
// for a positive mean, else normal), the count below the LLOQ is binomial(n, P(y < LLOQ)).
import { logGamma } from '../data/student-t.ts';

/** A visit with subjects below the LLOQ; `k` indexes the series' visits. */
export interface CensoredVisit {
  k: number;
  lloq: number;
  /** subjects below the LLOQ */
  below: number;
  /** subjects measured */
  n: number;
  /** true when every subject was below (the visit's mean and SD carry no information and are left out) */
  all: boolean;
  /**
   * the table reports only that the visit's mean was below the LLOQ (a censored mean): the term is
   * P(cohort mean < LLOQ), not a count; `below` is 0 and `all` true (no mean or SD to keep)
   */
  meanBelow?: boolean;
}

// Numerical Recipes' erfc (Chebyshev fit, relative error < 1.2e-7), in logs so the far tail does
// not underflow: log erfc(z) = log t − z² + poly(t), t = 1/(1 + z/2), z ≥ 0.
function logErfc(z: number): number {
  const t = 1 / (1 + 0.5 * z);
  const poly = -1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
  return Math.log(t) - z * z + poly;
}

/** log Φ(x) for the standard normal CDF, finite for every finite x. */
export function logNormalCdf(x: number): number {
  if (x === Infinity) return 0;
  if (x === -Infinity) return -Infinity;
  const z = -x / Math.SQRT2;
  if (z >= 0) return logErfc(z) - Math.LN2;
  return Math.log1p(-0.5 * Math.exp(logErfc(-z)));
}

/**
 * log P(y < lloq) and log P(y ≥ lloq) for one subject's observation with the given mean and
 * variance (between-subject spread plus residual error).
 */
export function logFractionBelow(lloq: number, mean: number, variance: number): { below: number; above: number } {
  if (!(variance > 0) || !Number.isFinite(variance)) {
    return mean < lloq ? { below: 0, above: -Infinity } : { below: -Infinity, above: 0 };
  }
  let x: number;
  if (mean > 0 && lloq > 0) {
    const s2 = Math.log1p(variance / (mean * mean));
    x = (Math.log(lloq) - (Math.log(mean) - 0.5 * s2)) / Math.sqrt(s2);
  } else x = (lloq - mean) / Math.sqrt(variance);
  return { below: logNormalCdf(x), above: logNormalCdf(-x) };
}

function logChoose(n: number, k: number): number {
  return logGamma(n + 1) - logGamma(k + 1) - logGamma(n - k + 1);
}

/**
 * log P(the mean of n subjects < lloq): the cohort mean has the one-subject mean and variance/n,
 * and keeps some of one subject's skew — moment-matched as one subject's value is (logFractionBelow).
 */
export function logMeanBelow(lloq: number, mean: number, variance: number, n: number): number {
  return logFractionBelow(lloq, mean, variance / n).below;
}

/** Binomial log-probability of the visit's count below the LLOQ (a censored mean: logMeanBelow). */
export function censoredLogLik(c: CensoredVisit, mean: number, variance: number): number {
  if (c.meanBelow) {
    const ll = logMeanBelow(c.lloq, mean, variance, c.n);
    return Number.isNaN(ll) ? -Infinity : ll;
  }
  const f = logFractionBelow(c.lloq, mean, variance);
  const above = c.n - c.below;
  const ll = (c.below > 0 ? c.below * f.below : 0) + (above > 0 ? above * f.above : 0);
  return Number.isNaN(ll) ? -Infinity : ll + logChoose(c.n, c.below);
}
