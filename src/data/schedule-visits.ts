// Visits of a protocol schedule read from the subjects' own sampling times (individual rows, no
// dose times known): visit days with windows (scheduleVisits) or a dense schedule each subject kept
// at slightly different times (jitteredVisits). Clinical visits have windows: ACTG 315's day-7
// visit was drawn on days 5 to 8, its day-10 visit on days 9 to 12, so gap-chaining (binning.ts)
// joins a subject's day-7 and day-9 samples into one visit, and taking every distinct day as its
// own visit left 55 visits of 1 to 43 patients whose noisy means read as an oscillation
// (predator–prey ranked first). A schedule's visits are the days most subjects were sampled on:
// each sample goes to the nearest of them within its window, one sample per subject and visit.
import { median } from './binning.ts';

/** a time is a visit of the schedule when at least this share of the subjects (and 3) were sampled exactly then */
const ANCHOR_SHARE = 0.15;
/** a visit's time excludes other visit times within this fraction of it (plus the times' resolution) */
const ANCHOR_SPACING = 0.15;
/** a sample joins a visit within this fraction of the visit's time (plus the resolution) */
const WINDOW = 0.3;
/** the schedule is used only when its visits take at least this share of the samples */
const MIN_COVERAGE = 0.9;

export interface ScheduledVisit {
  /** the visit's time (the day most of its subjects were sampled) */
  nominal: number;
  /** indices into the input samples */
  members: number[];
}

/** whether the samples `members` (indices) come from different subjects: a visit holds each subject once */
export const oneEachSubject = (members: readonly number[], samples: readonly { id: string }[]): boolean =>
  new Set(members.map((i) => samples[i]!.id)).size === members.length;

/** the smallest positive gap between distinct times: the table's time resolution (1 for whole days) */
function resolution(times: readonly number[]): number {
  const sorted = [...new Set(times)].sort((a, b) => a - b);
  let r = Infinity;
  for (let i = 1; i < sorted.length; i++) r = Math.min(r, sorted[i]! - sorted[i - 1]!);
  return Number.isFinite(r) ? r : 0;
}

/**
 * The schedule's visits and the samples left out, or null when the times show none (sampling
 * scattered with no shared days, visits taking too few of the samples, or fewer than two visits).
 * A sample that fits no visit, or a subject's second sample at one visit (the farther from its
 * time), is left out: an unscheduled draw kept as a visit of its own (one patient on day 196)
 * reads as a rebound of the whole cohort.
 */
export function scheduleVisits(samples: readonly { id: string; time: number }[]): { visits: ScheduledVisit[]; left: number[] } | null {
  const subjects = new Set(samples.map((s) => s.id)).size;
  const count = new Map<number, number>();
  for (const s of samples) count.set(s.time, (count.get(s.time) ?? 0) + 1);
  const r = resolution(samples.map((s) => s.time));
  const minCount = Math.max(3, ANCHOR_SHARE * subjects);
  // the most sampled times first; one is a visit unless a busier visit lies within its spacing
  const anchors: number[] = [];
  for (const [t, c] of [...count].sort((a, b) => b[1] - a[1] || a[0] - b[0])) {
    if (c < minCount) break;
    if (anchors.some((a) => Math.abs(a - t) <= ANCHOR_SPACING * Math.max(Math.abs(a), Math.abs(t)) + r)) continue;
    anchors.push(t);
  }
  if (anchors.length < 2) return null;
  anchors.sort((a, b) => a - b);
  const within = (t: number, a: number) => Math.abs(t - a) <= WINDOW * Math.abs(a) + r;
  // each sample's nearest visit whose window holds it (the earlier on a tie)
  const visitOf = samples.map((s) => {
    let best = -1;
    anchors.forEach((a, k) => {
      if (within(s.time, a) && (best < 0 || Math.abs(s.time - a) < Math.abs(s.time - anchors[best]!))) best = k;
    });
    return best;
  });
  // one sample per subject and visit: the one nearest the visit's time
  const kept = new Map<string, number>();
  visitOf.forEach((k, i) => {
    if (k < 0) return;
    const key = JSON.stringify([samples[i]!.id, k]);
    const other = kept.get(key);
    if (other === undefined || Math.abs(samples[i]!.time - anchors[k]!) < Math.abs(samples[other]!.time - anchors[k]!)) kept.set(key, i);
  });
  const placed = [...kept.values()].sort((a, b) => a - b);
  if (placed.length < MIN_COVERAGE * samples.length) return null;
  const isPlaced = new Set(placed);
  const members: number[][] = anchors.map(() => []);
  for (const i of placed) members[visitOf[i]!]!.push(i);
  const visits = anchors.map((nominal, k) => ({ nominal, members: members[k]! })).filter((v) => v.members.length > 0);
  return { visits, left: samples.map((_, i) => i).filter((i) => !isPlaced.has(i)) };
}

/** samples of different subjects this fraction of their time apart (or half the resolution) are one visit of a dense schedule */
const JITTER = 0.02;

/**
 * The visits of a dense schedule that each subject kept at slightly different times (remifentanil:
 * 2.52, 2.53 and 2.55 min for the 2.5-min sample, a sample every half minute after the infusion,
 * so neither a 10% gap nor windows around shared days apply): the pooled times chained where each
 * lies within JITTER of the one before, and a visit split at its widest gap until no subject has two
 * samples in it and it spans at most twice JITTER of its time (2% either side of its middle). Each
 * visit's time is its samples' median; with `align` (the table has other series, whose visits the
 * model is solved at too) the roundest time near its samples' hinges (roundestBetween), so series
 * sampled a little differently share times. Every sample is kept.
 */
export function jitteredVisits(samples: readonly { id: string; time: number }[], align = true): ScheduledVisit[] {
  const order = samples.map((_, i) => i).sort((a, b) => samples[a]!.time - samples[b]!.time || a - b);
  const r = resolution(samples.map((s) => s.time));
  const chains: number[][] = [];
  for (const i of order) {
    const last = chains[chains.length - 1];
    const t = samples[i]!.time;
    // half the resolution, not all of it: whole days one day apart stay two visits
    if (last && t - samples[last[last.length - 1]!]!.time <= Math.max(JITTER * Math.abs(t), r / 2)) last.push(i);
    else chains.push([i]);
  }
  const visits: number[][] = [];
  const split = (members: number[]): void => {
    const first = samples[members[0]!]!.time, last = samples[members[members.length - 1]!]!.time;
    // a chain of small steps can reach the next nominal time (24.99 min of one subject, 26.08 of another)
    const narrow = last - first <= 2 * JITTER * Math.abs(last) + r / 2;
    if (narrow && oneEachSubject(members, samples)) { visits.push(members); return; }
    const gap = (j: number) => samples[members[j]!]!.time - samples[members[j - 1]!]!.time;
    let at = 1;
    for (let k = 2; k < members.length; k++) if (gap(k) > gap(at)) at = k;
    split(members.slice(0, at));
    split(members.slice(at));
  };
  chains.forEach(split);
  const sortedTimes = visits.map((members) => members.map((i) => samples[i]!.time).sort((a, b) => a - b));
  if (!align) return visits.map((members, k) => ({ nominal: median(sortedTimes[k]!), members }));
  // each visit's hinges (medians of the lower and upper halves): one early or late sample does not move it
  const spans = sortedTimes.map((times) => {
    const half = Math.ceil(times.length / 2);
    return [median(times.slice(0, half)), median(times.slice(times.length - half))] as const;
  });
  // widened by half the jitter, so one subject's 3.02 min is the schedule's 3 min; two visits that
  // this makes one time keep the roundest time within their own samples' span (and all do, if
  // that still leaves two at one time)
  const slack = (t: number) => (JITTER / 2) * Math.abs(t) + r / 2;
  const wide = spans.map(([lo, hi]) => roundestBetween(lo - slack(lo), hi + slack(hi)));
  const tight = spans.map(([lo, hi]) => roundestBetween(lo, hi));
  const mixed = wide.map((t, k) => (t <= (wide[k - 1] ?? -Infinity) || t >= (wide[k + 1] ?? Infinity) ? tight[k]! : t));
  const nominal = mixed.every((t, k) => k === 0 || t > mixed[k - 1]!) ? mixed : tight;
  return visits.map((members, k) => ({ nominal: nominal[k]!, members }));
}

/**
 * The roundest number in [lo, hi]: the first point of the coarsest grid of steps 10^k, 5·10^(k−1)
 * that falls there (20.05 for [20.03, 20.07] and for [20.04, 20.08], 0 for a span holding it).
 * Visits of two arms sampled a little differently so get one time where their medians (20.05,
 * 20.06) made two the model is solved at: remifentanil's rows had 344 distinct times against its
 * aggregate's 166.
 */
export function roundestBetween(lo: number, hi: number): number {
  if (!(hi > lo)) return lo;
  if (lo <= 0 && hi >= 0) return 0;
  const top = Math.ceil(Math.log10(Math.max(Math.abs(lo), Math.abs(hi))));
  for (let k = top; k > top - 16; k--) {
    for (const step of [10 ** k, 5 * 10 ** (k - 1)]) {
      const c = Number((Math.ceil(lo / step) * step).toPrecision(15));
      if (c >= lo && c <= hi) return c;
    }
  }
  return lo;
}
