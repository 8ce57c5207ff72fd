// Sanity before ranking (docs/discovery.md, "Honest ranking"): evidence ranks only candidates that
// can produce the data at all. A candidate whose predicted cohort mean is physically impossible
// (negative for a quantity that cannot be) or that misses most visits is not presented as best
// supported, and when no candidate passes, "no model fits these data" is the result.
import type { Dataset } from '../data/types.ts';
import type { FitReport } from '../infer/report.ts';

/** a visit is missed when its standardized residual is beyond this */
export const MISS_Z = 3;
/** a candidate that misses more than this fraction of visits is inadequate */
export const MISS_FRACTION = 0.5;
/** predicted means below −(this × data scale) count as negative (not Monte-Carlo wobble around 0) */
const NEGATIVE_TOLERANCE = 0.01;

export interface Adequacy {
  adequate: boolean;
  /** what is wrong, in words (empty when adequate) */
  problems: string[];
}

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

export function assessFit(report: FitReport, data: Dataset): Adequacy {
  const problems: string[] = [];
  const nonNegative = nonNegativeObservables(data);
  // the model's observable names equal the data's (or the single one is matched), as in the fit
  const single = data.observables.length === 1 ? data.observables[0]!.name : null;
  for (const p of report.predictive) {
    const name = nonNegative.has(p.observable) ? p.observable : single && nonNegative.has(single) && report.predictive.every((q) => q.observable === p.observable) ? single : null;
    if (!name) continue;
    const scale = Math.max(1e-300, ...data.series.filter((s) => s.observable === name).flatMap((s) => s.mean.map(Math.abs)));
    let worst = 0, at = NaN;
    p.mean.median.forEach((m, i) => { if (m < worst) { worst = m; at = p.mean.times[i]!; } });
    if (worst < -NEGATIVE_TOLERANCE * scale) {
      problems.push(`predicts a negative cohort mean of ${name} (${Number(worst.toPrecision(3))} at t = ${at}${data.groups.length > 1 ? `, group "${p.group}"` : ''}), which cannot be negative`);
    }
  }
  const rows = report.diagnostics.residuals;
  const missed = rows.filter((r) => !(Math.abs(r.meanZ) <= MISS_Z)).length;
  if (rows.length > 0 && missed > MISS_FRACTION * rows.length) {
    problems.push(`misses ${missed} of ${rows.length} visit means (standardized residual beyond ±${MISS_Z})`);
  }
  if (!Number.isFinite(report.logEvidence)) problems.push('has no finite log-evidence');
  return { adequate: problems.length === 0, problems };
}
