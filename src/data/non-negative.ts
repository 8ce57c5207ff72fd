// Which observables cannot be negative: concentrations, counts, sizes, percentages. A measured
// value of one is never below zero (an assay reports 0 or "below the limit"), so a predicted
// cohort mean below zero is physically impossible and a simulated observation is floored at 0.
import type { Dataset } from './types.ts';

/** Names and units of quantities that may be negative (changes, logs, z-scores, differences). */
const SIGNED_RE = /change|chg|\bdelta\b|Δ|difference|\bdiff\b|\blog|z[-\s]?score|\bsds\b|relative to|from baseline|°C|temperature/i;

/** An observable is non-negative when every observed mean is ≥ 0 and its label allows no sign. */
export function nonNegativeObservables(data: Dataset): Set<string> {
  const out = new Set<string>();
  for (const o of data.observables) {
    const means = data.series.filter((s) => s.observable === o.name).flatMap((s) => s.mean);
    if (means.length > 0 && means.every((m) => m >= 0) && !SIGNED_RE.test(`${o.name} ${o.unit ?? ''}`)) out.add(o.name);
  }
  return out;
}
