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
  return timed(visits, samples, r, align, true);
}

/** the share of the subjects (and at least 3) that must have the schedule's number of samples for their order to give the visits */
const ORDER_SHARE = 0.75;
/**
 * within a visit read from the order, no two consecutive sample times lie further apart than this
 * fraction of the later: one visit's scatter (Theoph's 0.63 and 0.77 h), not two sub-schedules
 * (half the subjects at 1 h, half at 1.5 h), which stay visits of their own
 */
const ORDER_GAP = 0.25;

/**
 * The visits of a schedule every subject followed in one order, each at times of its own (Theoph:
 * eleven samples each, the 0.25-h sample drawn at 0.25–0.37 h and the 0.5-h one at 0.48–0.77 h,
 * which a relative gap joins and a 2% jitter cuts into visits of one or two subjects): the k-th
 * sample of each subject is visit k, when most subjects (ORDER_SHARE) have the same number of
 * samples and, among them, every k-th sample comes before every (k+1)-th. A subject with fewer
 * samples puts each in the visit whose span holds it, or the nearest. Null when the order does not
 * hold, a subject has more samples than the schedule, two of a subject's samples would share a
 * visit, a visit's times fall apart (ORDER_GAP of the time `since` the last dose, or since 0), or a
 * sample lies nearer the median of a neighbouring visit than its own. Every sample is kept; times as jitteredVisits
 * gives them.
 */
export function orderedVisits(samples: readonly { id: string; time: number }[], align = true, since: (t: number) => number = Math.abs): ScheduledVisit[] | null {
  const bySubject = new Map<string, number[]>();
  samples.forEach((s, i) => {
    const own = bySubject.get(s.id);
    if (own) own.push(i); else bySubject.set(s.id, [i]);
  });
  const lists = [...bySubject.values()].map((own) => own.sort((a, b) => samples[a]!.time - samples[b]!.time || a - b));
  if (lists.length === 0) return null;
  const counts = new Map<number, number>();
  for (const own of lists) counts.set(own.length, (counts.get(own.length) ?? 0) + 1);
  const [size, complete] = [...counts].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0]!;
  if (size < 2 || complete < Math.max(3, ORDER_SHARE * lists.length) || lists.some((own) => own.length > size)) return null;
  const full = lists.filter((own) => own.length === size);
  const spans = Array.from({ length: size }, (_, k) => {
    const times = full.map((own) => samples[own[k]!]!.time);
    return { lo: Math.min(...times), hi: Math.max(...times) };
  });
  for (let k = 1; k < size; k++) if (!(spans[k - 1]!.hi < spans[k]!.lo)) return null;
  const visits: number[][] = spans.map(() => []);
  for (const own of lists) {
    let previous = -1;
    for (const i of own) {
      const t = samples[i]!.time;
      const distance = (k: number) => Math.max(spans[k]!.lo - t, t - spans[k]!.hi, 0);
      let k = 0;
      for (let j = 1; j < size; j++) if (distance(j) < distance(k)) k = j;
      if (k <= previous) return null;
      visits[k]!.push(i);
      previous = k;
    }
  }
  const byTime = visits.map((members) => members.sort((a, b) => samples[a]!.time - samples[b]!.time || a - b));
  const r = resolution(samples.map((s) => s.time));
  // (two samples a dose lies between are no scatter: the visit is split at the dose later)
  const apart = (members: number[]) => members.some((i, j) => {
    if (j === 0) return false;
    const t = samples[i]!.time, gap = t - samples[members[j - 1]!]!.time;
    return gap <= since(t) && gap > ORDER_GAP * since(t) + r / 2;
  });
  if (byTime.some(apart)) return null;
  // and no sample lies nearer another visit's median than its own (a subject that missed one visit
  // and was drawn twice near the next is no k-th sample of the schedule)
  const medians = byTime.map((members) => median(members.map((i) => samples[i]!.time)));
  const nearer = (k: number) => byTime[k]!.some((i) => [k - 1, k + 1].some((j) => j >= 0 && j < size && Math.abs(samples[i]!.time - medians[j]!) < Math.abs(samples[i]!.time - medians[k]!)));
  if (byTime.some((_, k) => nearer(k))) return null;
  // not widened: a visit read from the order spans more than 2% (Theoph's 24-h sample at 23.7–24.65 h after
  // a dose at 0, 167.7–168.65 h in theo_md's last day, which the widening rounded to 170)
  return timed(byTime, samples, r, align, false);
}

/** a visit of fewer than this share of the subjects is a fragment of one, where the order gives whole visits */
const FRAGMENT_SHARE = 0.25;

/**
 * The visits the order gives (orderedVisits) in place of `bins` that hold each subject once but cut
 * a visit into fragments (Theoph's 0.25-h visit binned as 0.25–0.30 h, ten subjects, and 0.35–0.37 h,
 * two): when some bin holds fewer than FRAGMENT_SHARE of the subjects and the order gives fewer
 * visits. Null otherwise (the bins stand).
 */
export function orderedOverFragments(samples: readonly { id: string; time: number }[], bins: readonly { members: readonly number[] }[], align = true, since: (t: number) => number = Math.abs): ScheduledVisit[] | null {
  const subjects = new Set(samples.map((s) => s.id)).size;
  if (!bins.some((b) => b.members.length < FRAGMENT_SHARE * subjects)) return null;
  const ordered = orderedVisits(samples, align, since);
  return ordered && ordered.length < bins.length ? ordered : null;
}

/**
 * Visits (members in time order of their visit) with their times: each visit's median, or with
 * `align` the roundest time near its samples' hinges (roundestBetween), so that series sampled a
 * little differently share times; with `widen`, near the hinges widened by half the jitter.
 */
function timed(visits: readonly number[][], samples: readonly { time: number }[], r: number, align: boolean, widen: boolean): ScheduledVisit[] {
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
  const tight = spans.map(([lo, hi]) => roundestBetween(lo, hi));
  if (!widen) return visits.map((members, k) => ({ nominal: tight[k]!, members }));
  const wide = spans.map(([lo, hi]) => roundestBetween(lo - slack(lo), hi + slack(hi)));
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
