// Slider ranges from a parameter's prior (log scale, wide enough to teach, never ≤ 0).
import type { Prior } from '../../model/spec.ts';
import { priorCentre } from '../../model/prior-centre.ts';

export function sliderRange(p: Prior, current?: number): { lo: number; hi: number; mid: number } {
  const mid = priorCentre(p);
  let lo: number;
  let hi: number;
  if (p.type === 'lognormal') {
    const f = Math.max(p.gsd, 1.5) ** 2.5;
    lo = p.median / f;
    hi = p.median * f;
  } else {
    lo = p.lower > 0 ? p.lower : mid / 100;
    hi = p.upper;
  }
  if (current !== undefined && current > 0) {
    lo = Math.min(lo, current / 2);
    hi = Math.max(hi, current * 2);
  }
  return { lo: Math.max(lo, 1e-12), hi: Math.max(hi, lo * 10), mid };
}
