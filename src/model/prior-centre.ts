// The one typical value of a prior: where a pilot, a slider, an export or a synthetic truth starts.
import type { Prior } from './spec.ts';

/** the median of a log-normal prior, the geometric mean of a log-uniform one, the midpoint of a uniform one */
export function priorCentre(p: Prior): number {
  if (p.type === 'lognormal') return p.median;
  if (p.type === 'loguniform') return Math.sqrt(p.lower * p.upper);
  return (p.lower + p.upper) / 2;
}
