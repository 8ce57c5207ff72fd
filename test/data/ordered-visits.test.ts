// A schedule every subject kept in one order, each at times of its own (src/data/schedule-visits.ts
// orderedVisits, orderedOverFragments): R's Theoph, whose 0.25-h sample was drawn at 0.25–0.37 h
// and its 0.5-h one at 0.5–0.77 h, is eleven visits of twelve subjects, not fragments of one or two.
import { describe, expect, it } from 'vitest';
import { individualsToDataset, type IndividualRow } from '../../src/data/index.ts';
import { orderedOverFragments, orderedVisits } from '../../src/data/schedule-visits.ts';
import { binTimes } from '../../src/data/binning.ts';

/** R's Theoph: each subject's actual sampling times (h), from datasets::Theoph */
const THEOPH = [
  [0, 0.25, 0.57, 1.12, 2.02, 3.82, 5.1, 7.03, 9.05, 12.12, 24.37],
  [0, 0.27, 0.52, 1, 1.92, 3.5, 5.02, 7.03, 9, 12, 24.3],
  [0, 0.27, 0.58, 1.02, 2.02, 3.62, 5.08, 7.07, 9, 12.15, 24.17],
  [0, 0.35, 0.6, 1.07, 2.13, 3.5, 5.02, 7.02, 9.02, 11.98, 24.65],
  [0, 0.3, 0.52, 1, 2.02, 3.5, 5.02, 7.02, 9.1, 12, 24.35],
  [0, 0.27, 0.58, 1.15, 2.03, 3.57, 5, 7, 9.22, 12.1, 23.85],
  [0, 0.25, 0.5, 1.02, 2.02, 3.48, 5, 6.98, 9, 12.05, 24.22],
  [0, 0.25, 0.52, 0.98, 2.02, 3.53, 5.05, 7.15, 9.07, 12.1, 24.12],
  [0, 0.3, 0.63, 1.05, 2.02, 3.53, 5.02, 7.17, 8.8, 11.6, 24.43],
  [0, 0.37, 0.77, 1.02, 2.05, 3.55, 5.05, 7.08, 9.38, 12.1, 23.7],
  [0, 0.25, 0.5, 0.98, 1.98, 3.6, 5.02, 7.03, 9.03, 12.12, 24.08],
  [0, 0.25, 0.5, 1, 2, 3.52, 5.07, 7.07, 9.03, 12.05, 24.15],
];
const samplesOf = (schedules: number[][]) => schedules.flatMap((ts, s) => ts.map((time) => ({ id: `s${s + 1}`, time })));
const median = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2; };

describe('visits read from the order of each subject\'s samples', () => {
  it('reads R\'s Theoph as its eleven visits of twelve subjects, each at its samples\' median', () => {
    const samples = samplesOf(THEOPH);
    const visits = orderedVisits(samples, false)!;
    expect(visits.map((v) => v.members.length)).toEqual(Array(11).fill(12));
    expect(visits.map((v) => v.nominal)).toEqual(THEOPH[0]!.map((_, k) => median(THEOPH.map((ts) => ts[k]!))));
    // every subject once per visit, its k-th sample at visit k
    visits.forEach((v, k) => expect(v.members.map((i) => samples[i]!.time).sort()).toEqual(THEOPH.map((ts) => ts[k]!).sort()));
    // aligned (other series beside it): the roundest time between the visit's hinges, not widened
    expect(orderedVisits(samples, true)!.map((v) => v.nominal)).toEqual([0, 0.3, 0.55, 1, 2.01, 3.5, 5.05, 7.05, 9, 12, 24.1]);
  });

  it('takes those visits in place of bins that cut them into fragments of one or two subjects', () => {
    const samples = samplesOf(THEOPH);
    const bins = binTimes(samples.map((s) => s.time), []);
    // the 10% gap keeps each subject once per bin, but 0.35–0.37 h and 0.77 h are bins of their own
    expect(bins.some((b) => b.members.length <= 2)).toBe(true);
    expect(orderedOverFragments(samples, bins, false)!.length).toBe(11);
    // as individual rows: eleven visits of twelve, with the binned-times warning
    const rows: IndividualRow[] = samples.map((s, i) => ({ id: s.id, time: s.time, value: 1 + (i % 7), group: 'all', observable: 'conc' }));
    const r = individualsToDataset(rows);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.dataset.series[0]!.n).toEqual(Array(11).fill(12));
    expect(r.warnings.map((w) => w.code)).toContain('binned-times');
    // bins of whole visits stand (no fragment)
    const shared = samplesOf([[1, 2, 4], [1.1, 2.1, 4.1], [0.95, 1.9, 3.9], [1, 2, 4]]);
    expect(orderedOverFragments(shared, binTimes(shared.map((s) => s.time), []), false)).toBeNull();
  });

  it('puts a subject\'s samples in the visits whose span holds them when it missed one', () => {
    // s4 missed the 2-h sample: its 4-h sample still goes to the 4-h visit
    const samples = samplesOf([[0.5, 1, 2, 4], [0.55, 1.1, 2.1, 4.2], [0.6, 0.95, 1.9, 3.9], [0.5, 1.05, 4.1]]);
    const visits = orderedVisits(samples, false)!;
    expect(visits.map((v) => v.members.length)).toEqual([4, 4, 3, 4]);
    expect(visits[3]!.members.map((i) => samples[i]!.time)).toContain(4.1);
  });

  it('gives no visits where the order does not make them', () => {
    // two sub-schedules (half the subjects at 1, 2, 4 h, half at 1.5, 3, 6 h) are visits of their own
    expect(orderedVisits(samplesOf([[1, 2, 4], [1, 2, 4], [1.5, 3, 6], [1.5, 3, 6]]))).toBeNull();
    // the k-th samples overlap the (k+1)-th
    expect(orderedVisits(samplesOf([[1, 2], [2, 3], [3, 4]]))).toBeNull();
    // a subject with more samples than the schedule
    expect(orderedVisits(samplesOf([[1, 2], [1.1, 2.1], [0.9, 1.9], [1, 1.5, 2]]))).toBeNull();
    // no samples at all
    expect(orderedVisits([])).toBeNull();
    // fewer than three subjects keep the schedule's number of samples
    expect(orderedVisits(samplesOf([[1, 2], [1.1, 2.1]]))).toBeNull();
    // a subject that missed 22 min and was drawn twice near 22.5 (22.46, 22.58): its 22.46 lies nearer the next visit
    expect(orderedVisits(samplesOf([[21, 22, 22.5], [21.02, 22.02, 22.52], [21.01, 22.01, 22.55], [21, 22.46, 22.58]]))).toBeNull();
  });

  it('judges a visit\'s spread against the time since the dose before it, where the doses are known', () => {
    // samples near 24 h, drawn 0.1–0.6 h after a dose at 24 h: scatter of 1% since time 0, of up to 50% since the dose
    const samples = samplesOf([[1, 24.1, 30], [1.1, 24.6, 30.2], [0.9, 24.3, 29.8], [1, 24.2, 30.1]]);
    expect(orderedVisits(samples, false)!.map((v) => v.members.length)).toEqual([4, 4, 4]);
    expect(orderedVisits(samples, false, (t) => (t > 24 ? t - 24 : t))).toBeNull();
  });
});
