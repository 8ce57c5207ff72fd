import { describe, expect, it } from 'vitest';
import { aggregateIndividuals, DataError, meanAndSd, tryParseDataset, type IndividualRow } from '../../src/data/index.ts';

const row = (id: string, time: number, value: number, extra: Partial<IndividualRow> = {}): IndividualRow => ({ id, time, value, group: 'all', observable: 'y', ...extra });

describe('aggregation of individual rows', () => {
  it('equals hand-computed mean, sample SD (n − 1) and n', () => {
    // t = 0: 3, 5, 10 → mean 6, deviations −3, −1, 4 → SS 26, SD √13
    // t = 4: 1, 1 → mean 1, SD 0
    const d = aggregateIndividuals([row('a', 0, 3), row('b', 0, 5), row('c', 0, 10), row('a', 4, 1), row('c', 4, 1)], { name: 'hand' });
    expect(d.series).toEqual([{ observable: 'y', group: 'all', times: [0, 4], mean: [6, 1], sd: [Math.sqrt(13), 0], n: [3, 2] }]);
    expect(d.source).toEqual({ format: 'individual', rows: 5, subjects: 3 });
    expect(d.name).toBe('hand');
  });

  it('separates groups and observables and keeps units and doses', () => {
    const d = aggregateIndividuals([
      row('a', 1, 2, { group: 'lo', dose: 1, observable: 'conc', unit: 'mg/L' }),
      row('b', 1, 4, { group: 'hi', dose: 3, observable: 'conc', unit: 'mg/L' }),
      row('a', 1, 7, { group: 'lo', dose: 1, observable: 'effect' }),
    ]);
    expect(d.groups).toEqual([{ name: 'lo', covariates: { dose: 1 } }, { name: 'hi', covariates: { dose: 3 } }]);
    expect(d.observables).toEqual([{ name: 'conc', unit: 'mg/L' }, { name: 'effect' }]);
    expect(d.series.map((s) => [s.group, s.observable, s.mean[0], s.sd[0], s.n[0]])).toEqual([
      ['lo', 'conc', 2, null, 1], ['lo', 'effect', 7, null, 1], ['hi', 'conc', 4, null, 1],
    ]);
  });

  it('bins scattered actual sampling times into visits (R Theoph-like), and keeps exact times when a visit would hold one subject twice', async () => {
    const { individualsToDataset } = await import('../../src/data/index.ts');
    // four subjects sampled near 0.25, 1, 2 and 24 h, each at its own actual time
    const actual = [[0.25, 0.27, 0.3, 0.26], [0.98, 1.02, 1.07, 1.0], [2.02, 1.98, 2.05, 2.0], [23.9, 24.3, 24.15, 24.0]];
    const rows = actual.flatMap((ts, v) => ts.map((t, s) => row(`s${s}`, t, 10 - v + s)));
    const r = individualsToDataset(rows);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const s = r.dataset.series[0]!;
    expect(s.n).toEqual([4, 4, 4, 4]);
    expect(s.times).toEqual([0.265, 1.01, 2.01, 24.075]); // the medians of the visits
    expect(s.mean[0]).toBeCloseTo(10 + 1.5, 12);
    expect(r.warnings).toEqual([expect.objectContaining({ code: 'binned-times', message: expect.stringMatching(/^subjects were sampled at scattered times: 16 of 16 observation times/) })]);
    // the rows stay, at their visit's time
    expect(r.dataset.individuals!.filter((i) => i.id === 's1').map((i) => i.time)).toEqual([0.265, 1.01, 2.01, 24.075]);
    // a shared schedule keeps its times; so does one subject's profile whose samples are close (2.0 and 2.1 h)
    expect(aggregateIndividuals([row('a', 1, 1), row('b', 1, 2), row('a', 2, 3), row('b', 2, 4)]).series[0]!.times).toEqual([1, 2]);
    const one = individualsToDataset([row('a', 2, 1), row('a', 2.1, 2), row('b', 2.05, 3)]);
    expect(one.ok && one.dataset.series[0]!.times).toEqual([2, 2.05, 2.1]);
    expect(one.warnings.some((w) => w.code === 'binned-times')).toBe(false);
  });

  it('reads visit days with windows as the protocol\'s schedule (ACTG 315-like): each sample at its visit, one per subject, unscheduled draws left out with a warning', async () => {
    const { individualsToDataset } = await import('../../src/data/index.ts');
    // twenty patients seen on days 0, 7, 10, 14, 28: day 7 drawn on days 5–8, day 10 on 9–12, day 28 on 25–31
    const drawn = [[0], [5, 6, 7, 7, 7, 8], [9, 9, 10, 10, 11, 12], [13, 14, 14, 15], [25, 27, 28, 28, 29, 31]];
    const rows: IndividualRow[] = [];
    for (let p = 0; p < 20; p++) drawn.forEach((days, v) => rows.push(row(`p${p}`, days[p % days.length]!, 100 - 10 * v + (p % 3))));
    // patient p0 also came back on day 60, and p1 had a second draw on day 8 beside its day-6 one
    rows.push(row('p0', 60, 40), row('p1', 8, 95));
    const r = individualsToDataset(rows);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const s = r.dataset.series[0]!;
    expect(s.times).toEqual([0, 7, 10, 14, 28]);
    expect(s.n).toEqual([20, 20, 20, 20, 20]);
    // every visit holds each patient once; day 7's mean is the mean of its own draws (v = 1)
    expect(s.mean[1]).toBeCloseTo(90 + (7 * 0 + 7 * 1 + 6 * 2) / 20, 12);
    expect(r.warnings).toContainEqual(expect.objectContaining({ code: 'unscheduled-samples', message: expect.stringMatching(/2 of 102 samples fit no visit, or are a subject's second sample within one visit's window, and are left out/) }));
    // gap-chaining alone joins one patient's draws into one visit (p1's days 6 and 8), so these
    // times had all stayed exact: 16 visits of 1 to 20 patients
    const { binTimes } = await import('../../src/data/index.ts');
    const joined = binTimes(rows.map((x) => x.time), []).some((b) => new Set(b.members.map((i) => rows[i]!.id)).size < b.members.length);
    expect(joined).toBe(true);
  });

  it('reads a dense schedule each subject kept at slightly different times (remifentanil-like) as one visit per nominal time, never two samples of a subject in one', async () => {
    const { individualsToDataset } = await import('../../src/data/index.ts');
    // six subjects sampled every half minute from 20 to 25 min after the start of an infusion, and
    // at 1.5, 2 and 2.5 min, each a few hundredths of a minute late (as in Minto's records); no time
    // is shared by three subjects, so there are no visit days, and a 10% gap joins a subject's samples
    const nominal = [1.5, 2, 2.5, 20, 20.5, 21, 21.5, 22, 22.5, 23, 23.5, 24, 24.5, 25];
    const rows: IndividualRow[] = [];
    for (let p = 0; p < 6; p++) for (const t of nominal) rows.push(row(`p${p}`, Math.round((t + 0.01 * p + 0.02 * (t % 1)) * 100) / 100, 50 - t + p));
    // p5 missed 22 min and was drawn twice near 22.5 (22.46 and 22.58)
    rows.splice(rows.findIndex((x) => x.id === 'p5' && Math.abs(x.time - 22.05) < 0.06), 1, row('p5', 22.46, 30));
    const r = individualsToDataset(rows);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const s = r.dataset.series[0]!;
    // the old reading kept every distinct time: 84 visits of one subject each
    expect(s.times.length).toBe(nominal.length + 1);
    expect(s.times.map((t) => Math.round(t * 2) / 2)).toEqual([...nominal.slice(0, 8), 22.5, ...nominal.slice(8)]);
    // every visit holds each subject at most once: 22.5 min is split where p5's two samples lie
    expect(s.n).toEqual([...Array(7).fill(6), 5, 1, ...Array(6).fill(6)]);
    expect(r.warnings).toContainEqual(expect.objectContaining({ code: 'binned-times', message: expect.stringMatching(/samples within 2% of one another are one visit/) }));
    // a chain of small steps between subjects reaching the next nominal time is split where it is widest
    const { jitteredVisits, roundestBetween } = await import('../../src/data/schedule-visits.ts');
    expect([[20.03, 20.07], [20.04, 20.08], [99.2, 101], [-1, 2], [0.1234, 0.1236], [3.3, 3.3], [1e-3, 1.04e-3]].map(([lo, hi]) => roundestBetween(lo!, hi!))).toEqual([20.05, 20.05, 100, 0, 0.1235, 3.3, 1e-3]);
    const chain = jitteredVisits([{ id: 'e', time: 10 }, { id: 'f', time: 10.02 }, { id: 'a', time: 24.99 }, { id: 'b', time: 25.45 }, { id: 'c', time: 25.9 }, { id: 'd', time: 26.08 }]);
    // each visit at the roundest time near its samples' hinges, not their median (10.01, 24.99, 25.9)
    expect(chain.map((v) => [v.nominal, v.members.length])).toEqual([[10, 2], [25, 1], [26, 3]]);
    // so one visit sampled a little differently in two groups is one time the model is solved at
    const times = (offset: number, ids = ['a', 'b', 'c']) => jitteredVisits(ids.map((id, k) => ({ id, time: 20.03 + offset + 0.02 * k }))).map((v) => v.nominal);
    expect([times(0), times(0.01), times(0.02, ['a'])]).toEqual([[20], [20], [20]]);
    // two visits the rounding would make one time keep their own samples' times; the others are rounded
    const near = jitteredVisits([{ id: 'a', time: 100.28 }, { id: 'a', time: 110.38 }, { id: 'a', time: 111.1 }, { id: 'a', time: 120.52 }]);
    expect(near.map((v) => v.nominal)).toEqual([100, 110.38, 111.1, 120]);
    // a table of one series has no other series' times to share: each visit at its samples' median
    expect(jitteredVisits([{ id: 'a', time: 20.03 }, { id: 'b', time: 20.06 }, { id: 'c', time: 20.07 }], false).map((v) => v.nominal)).toEqual([20.06]);
    const single = individualsToDataset([row('a', 132.1, 1), row('b', 133, 2), row('a', 200, 1), row('b', 201.3, 1), row('c', 200.2, 1), row('c', 199.1, 2)]);
    const both = individualsToDataset([row('a', 132.1, 1), row('b', 133, 2), row('a', 200, 1), row('b', 201.3, 1), row('c', 200.2, 1), row('c', 199.1, 2), row('a', 0, 1, { observable: 'z' })]);
    expect(single.ok && single.dataset.series[0]!.times).toEqual(expect.arrayContaining([200.1]));
    expect(both.ok && both.dataset.series[0]!.times).toEqual(expect.arrayContaining([200]));
    // whole days one day apart stay two visits (half the resolution, not all of it)
    const days = individualsToDataset([row('a', 1, 1), row('a', 2, 2), row('b', 2, 3), row('b', 3, 4), row('c', 3, 5), row('c', 4, 6)]);
    expect(days.ok && days.dataset.series[0]!.times).toEqual([1, 2, 3, 4]);
  });

  it('reads one subject\'s several values at one time as one sample, their mean, with a warning naming the rows', async () => {
    const { individualsToDataset } = await import('../../src/data/index.ts');
    // mavoglurant's source: 84.6 and 80.3 ng/mL for subject 830 at 1.817 h
    const r = individualsToDataset([row('a', 0, 10), row('a', 1, 84.6), row('a', 1, 80.3), row('b', 0, 12), row('b', 1, 90)]);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const s = r.dataset.series[0]!;
    expect(s.n).toEqual([2, 2]);
    expect(s.mean[1]).toBeCloseTo((82.45 + 90) / 2, 10);
    expect(r.warnings).toContainEqual(expect.objectContaining({ code: 'repeated-sample', row: 4, column: 'time', message: expect.stringMatching(/subject "a" has 2 values .* \(rows 3, 4\): read as one sample, their mean 82\.45/) }));
    // below the LLOQ only when every value is; a quantified one is the sample
    const blq = individualsToDataset([row('a', 0, 10), row('a', 1, 0, { blq: true, lloq: 0.5 }), row('a', 1, 0.8), row('b', 0, 12), row('b', 1, 0.9)]);
    expect(blq.ok && blq.dataset.series[0]!.mean[1]).toBeCloseTo(0.85, 10);
  });

  it('is accurate for values with a large common offset (two-pass variance)', () => {
    const r = meanAndSd([1e9 + 1, 1e9 + 2, 1e9 + 3]);
    expect(r.mean).toBe(1e9 + 2);
    expect(r.sd).toBe(1);
  });

  it('gives equal values an SD of exactly 0, not the rounding residue of their mean; an aggregate table\'s residue is read as 0 with a warning', () => {
    expect(meanAndSd([0.1, 0.1, 0.1])).toEqual({ mean: 0.1, sd: 0, n: 3 });
    expect(meanAndSd([1.699, 1.699, 1.699, 1.699, 1.699]).sd).toBe(0);
    // what a two-pass SD in floating point (R's sd(), Python's fsum) prints for three 0.1s
    const r = tryParseDataset('time,mean,sd,n\n0,50,5,3\n56,0.10000000000000002,1.6996749443881478e-17,3\n70,0.1,1e-6,3\n');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.dataset.series[0]!.sd).toEqual([5, 0, 1e-6]);
    expect(r.warnings.filter((w) => w.code === 'sd-rounding').map((w) => w.row)).toEqual([3]);
  });

  it('throws a DataError naming rows for bad rows', () => {
    try {
      // subject b's dose changes between its rows: no one dose of the group (subjects at doses of their own are test/data/subject-dose-levels.test.ts)
      aggregateIndividuals([row('a', 0, 1), row('', Number.POSITIVE_INFINITY, 2), row('b', 0, 1, { dose: 2 }), row('b', 1, 1, { dose: 3 })]);
      expect.unreachable('should have thrown');
    } catch (e) {
      expect(e).toBeInstanceOf(DataError);
      const issues = (e as DataError).issues;
      expect(issues).toContainEqual(expect.objectContaining({ row: 3, column: 'id' }));
      expect(issues).toContainEqual(expect.objectContaining({ row: 3, column: 'time' }));
      expect(issues).toContainEqual(expect.objectContaining({ code: 'inconsistent-dose', row: 5 }));
    }
    expect(() => aggregateIndividuals([])).toThrow(/no data rows/);
  });
});
