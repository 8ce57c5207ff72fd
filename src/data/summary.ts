// A short text description of a Dataset for model proposers and LLM prompts: what is measured,
// groups and doses, visit times, and the shape of each mean curve. It shows per-visit means
// (rounded) and derived features only — never individual values or raw SDs.
import type { Dataset, Series } from './types.ts';

const fmt = (x: number): string => (x === 0 ? '0' : String(Number(x.toPrecision(3))));
const list = (xs: readonly number[]): string => xs.map(fmt).join(', ');

export function summarizeDataset(d: Dataset): string {
  const lines: string[] = [];
  const tu = d.timeUnit ? ` ${d.timeUnit}` : '';
  const src = d.source.format === 'individual'
    ? `individual data (${d.source.subjects ?? '?'} subjects, ${d.source.rows} rows) aggregated per visit`
    : `aggregate data (${d.source.rows} rows of mean, SD, n per visit)`;
  lines.push(`Dataset${d.name ? ` "${d.name}"` : ''}: ${src}.`);
  lines.push(`Observables: ${d.observables.map((o) => (o.unit ? `${o.name} (${o.unit})` : o.name)).join(', ')}.${d.timeUnit ? ` Time unit: ${d.timeUnit}.` : ''}`);
  lines.push(`Groups: ${d.groups.map((g) => {
    const cov = Object.entries(g.covariates).map(([k, v]) => `${k} ${fmt(v)}`).join(', ');
    return cov ? `${g.name} (${cov})` : g.name;
  }).join('; ')}.`);
  const allTimes = d.series.map((s) => list(s.times));
  if (allTimes.length > 0 && allTimes.every((t) => t === allTimes[0])) lines.push(`Visit times (all series): ${allTimes[0]}${tu}.`);
  for (const s of d.series) lines.push(describeSeries(s, tu, allTimes.every((t) => t === allTimes[0])));
  return lines.join('\n');
}

function describeSeries(s: Series, tu: string, sameTimes: boolean): string {
  const k = s.times.length;
  const nMin = Math.min(...s.n);
  const nMax = Math.max(...s.n);
  const parts = [`- ${s.observable}, group ${s.group}: ${k} visit${k === 1 ? '' : 's'}`];
  if (!sameTimes) parts.push(` at t = ${list(s.times)}${tu}`);
  parts.push(`, n ${nMin === nMax ? nMin : `${nMin}–${nMax}`}`);
  parts.push(`; means ${list(s.mean)}`);
  parts.push(`; shape: ${describeShape(s.times, s.mean, tu)}`);
  const cvs = s.sd.flatMap((sd, i) => (sd !== null && s.mean[i] !== 0 ? [(100 * sd) / Math.abs(s.mean[i])] : []));
  if (cvs.length > 0) {
    const lo = Math.round(Math.min(...cvs));
    const hi = Math.round(Math.max(...cvs));
    parts.push(`; between-subject CV ${lo === hi ? `${lo}` : `${lo}–${hi}`}%`);
  } else parts.push('; no SD (means only)');
  const missing = s.sd.filter((x) => x === null).length;
  if (missing > 0 && cvs.length > 0) parts.push(` (SD missing at ${missing} visit${missing === 1 ? '' : 's'})`);
  return parts.join('') + '.';
}

/** Qualitative shape of a mean curve: flat, rise, decay, peak, nadir or oscillation. */
export function describeShape(times: readonly number[], m: readonly number[], tu = ''): string {
  const k = m.length;
  if (k < 2) return 'a single visit';
  const max = Math.max(...m);
  const min = Math.min(...m);
  const range = max - min;
  const scale = Math.max(Math.abs(max), Math.abs(min));
  if (range <= 0.05 * scale || range === 0) return `flat at about ${fmt((max + min) / 2)}`;
  const tol = 0.05 * range; // ignore wiggles smaller than this
  const iMax = m.indexOf(max);
  const iMin = m.indexOf(min);
  const at = (i: number): string => `t = ${fmt(times[i])}${tu}`;
  const start = Math.abs(m[0]) <= 0.02 * scale ? 'starts at zero, ' : '';

  // count significant direction changes (after merging small steps)
  let changes = 0;
  let dir = 0;
  let anchor = m[0];
  for (let i = 1; i < k; i++) {
    const step = m[i] - anchor;
    if (Math.abs(step) <= tol) continue;
    const d = Math.sign(step);
    if (dir !== 0 && d !== dir) changes++;
    dir = d;
    anchor = m[i];
  }
  if (changes >= 2) return `${start}oscillates (${changes} changes of direction) between ${fmt(min)} and ${fmt(max)}`;
  const levels = (i0: number, i1: number): string => {
    // plateau: the last step is small compared with the total change
    const total = Math.abs(m[i1] - m[i0]);
    const last = Math.abs(m[i1] - m[i1 - 1]);
    return i1 - i0 >= 3 && last < 0.1 * total ? ', levelling off' : '';
  };
  if (iMax > 0 && iMax < k - 1 && max - m[0] > tol && max - m[k - 1] > tol) {
    const half = crossing(times, m, iMax, max / 2);
    const halfText = max > 0 && half !== null ? `, below half the peak from about t ≈ ${fmt(half)}${tu}` : '';
    return `${start}rises to a peak of ${fmt(max)} at ${at(iMax)}, then falls to ${fmt(m[k - 1])} (${Math.round((100 * m[k - 1]) / max)}% of peak) by ${at(k - 1)}${halfText}`;
  }
  if (iMin > 0 && iMin < k - 1 && m[0] - min > tol && m[k - 1] - min > tol) {
    return `${start}falls to a minimum of ${fmt(min)} at ${at(iMin)}, then rises to ${fmt(m[k - 1])} by ${at(k - 1)}`;
  }
  if (m[k - 1] > m[0]) return `${start}rises from ${fmt(m[0])} to ${fmt(m[k - 1])}${levels(0, k - 1)}`;
  const half = m[0] > 0 ? crossing(times, m, 0, m[0] / 2) : null;
  const halfText = half !== null ? `, halving by about t ≈ ${fmt(half)}${tu}` : '';
  return `${start}falls from ${fmt(m[0])} to ${fmt(m[k - 1])}${halfText}${levels(0, k - 1)}`;
}

/** First time after index `from` where the curve drops below `level` (linear interpolation). */
function crossing(times: readonly number[], m: readonly number[], from: number, level: number): number | null {
  for (let i = from + 1; i < m.length; i++) {
    if (m[i] < level) {
      const f = (m[i - 1] - level) / (m[i - 1] - m[i]);
      return times[i - 1] + f * (times[i] - times[i - 1]);
    }
  }
  return null;
}
