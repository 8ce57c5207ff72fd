// Sanity before ranking (docs/discovery.md, "Honest ranking"): evidence ranks only candidates that
// can produce the data at all. A candidate whose predicted cohort mean is physically impossible
// (negative for a quantity that cannot be) or that misses most visits is not presented as best
// supported, and when no candidate passes, "no model fits these data" is the result.
import type { Dataset } from '../data/types.ts';
import type { FitReport } from '../infer/report.ts';
import { nonNegativeObservables } from '../data/non-negative.ts';

/** a visit is missed when its standardized residual is beyond this */
export const MISS_Z = 3;
/** a candidate that misses more than this fraction of visits is inadequate */
export const MISS_FRACTION = 0.5;
/** a multi-phase model's slowest half-life beyond this multiple of the data's time span is a phase no visit shows */
export const UNSEEN_PHASE_MULTIPLE = 10;
/** predicted means below −(this × data scale) count as negative (not Monte-Carlo wobble around 0) */
const NEGATIVE_TOLERANCE = 0.01;

export interface Adequacy {
  adequate: boolean;
  /** what is wrong, in words (empty when adequate) */
  problems: string[];
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
    // the model's own mean: the bands floor observations at 0 and would hide it (reports from
    // before it was kept fall back to the band's median)
    let worst = 0, at = NaN;
    if (p.lowestModelMean) ({ value: worst, time: at } = p.lowestModelMean);
    else p.mean.median.forEach((m, i) => { if (m < worst) { worst = m; at = p.mean.times[i]!; } });
    if (worst < -NEGATIVE_TOLERANCE * scale) {
      problems.push(`predicts a negative cohort mean of ${name} (${Number(worst.toPrecision(3))} at t = ${at}${data.groups.length > 1 ? `, group "${p.group}"` : ''}), which cannot be negative`);
    }
  }
  const rows = report.diagnostics.residuals;
  const missed = rows.filter((r) => !(Math.abs(r.meanZ) <= MISS_Z)).length;
  if (rows.length > 0 && missed > MISS_FRACTION * rows.length) {
    problems.push(`misses ${missed} of ${rows.length} visit means (standardized residual beyond ±${MISS_Z})`);
  }
  const unseen = unseenPhase(report, data);
  if (unseen) problems.push(unseen);
  if (!Number.isFinite(report.logEvidence)) problems.push('has no finite log-evidence');
  return { adequate: problems.length === 0, problems };
}

const PHASE_RE = /^t_half_(alpha|beta|gamma|delta|\d+)(\[.*\])?$/;

/**
 * A linear model with several phases (two- and three-compartment PK, biphasic decay) whose
 * slowest half-life is more than UNSEEN_PHASE_MULTIPLE times the span of the data (first dose or
 * visit to last visit): the extra compartment describes a phase the visits cannot show, and the
 * clearance and volumes that follow from it (indometacin over 8 h: a 300-h phase, 300 L) would
 * not survive review. One phase is never flagged: a slow single decline is what the data show.
 */
function unseenPhase(report: FitReport, data: Dataset): string | null {
  const phases = Object.entries(report.derived ?? {}).filter(([k, q]) => PHASE_RE.test(k) && Number.isFinite(q.median));
  if (new Set(phases.map(([k]) => k.replace(/\[.*\]$/, ''))).size < 2) return null;
  const times = data.series.flatMap((x) => x.times);
  const span = Math.max(...times) - Math.min(0, ...times);
  const [, slowest] = phases.reduce((a, b) => (b[1].median > a[1].median ? b : a));
  if (!(span > 0) || !(slowest.median > UNSEEN_PHASE_MULTIPLE * span)) return null;
  const unit = data.timeUnit ? ` ${data.timeUnit}` : '';
  const fmt = (x: number) => Number(x.toPrecision(3));
  return `its slowest phase halves every ${fmt(slowest.median)}${unit}, ${Math.round(slowest.median / span)}× the ${fmt(span)}${unit} the data span: a phase no visit shows, so the clearance and volumes that rest on it would not survive review`;
}
