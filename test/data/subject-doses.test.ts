// Individual rows with each subject's doses in a dosing table (src/data/subject-doses.ts): the rows
// are binned again once the doses are known, and a visit never averages one subject's trough drawn
// before a dose with another's sample drawn after theirs.
import { describe, expect, it } from 'vitest';
import { parseDosingTable, tryParseDataset } from '../../src/data/index.ts';
import { lastDoseBefore, partsByDose, rebinAtSubjectDoses, splitVisitsAtDoses, subjectDosesOf } from '../../src/data/subject-doses.ts';
import { parseTable } from '../../src/ui/state/dataset.ts';

// four subjects sampled 1 h after a first dose and once around 167 h; 1 and 2 are dosed again at
// 168 h (their 167-h samples are troughs), 3 and 4 at 166 h (theirs are 1 h after a new dose)
const ROWS = 'id,group,time,value\n1,all,1,10\n2,all,1.1,11\n3,all,0.9,10.5\n4,all,1.05,9.5\n1,all,167.5,2.0\n2,all,167.8,2.2\n3,all,167.0,9.0\n4,all,167.2,9.4\n';
const DOSES = 'id,group,time,amount,route\n1,all,0,100,iv\n2,all,0,100,iv\n3,all,0,100,iv\n4,all,0,100,iv\n1,all,168,100,iv\n2,all,168,100,iv\n3,all,166,100,iv\n4,all,166,100,iv\n';

const visits = (r: ReturnType<typeof tryParseDataset>) => {
  if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('; '));
  const s = r.dataset.series[0]!;
  return s.times.map((t, k) => ({ t, mean: Number(s.mean[k]!.toFixed(3)), n: s.n[k] }));
};

describe('a visit split at the doses its samples followed', () => {
  it('parts: a trough before a dose and a sample after another subject\'s dose are two; peaks after doses given apart are one', () => {
    const last = (m: { time: number; doses: number[] }) => lastDoseBefore(m.time, m.doses);
    const trough = { time: 503.5, doses: [0, 168, 336, 504] }, peak = { time: 503.2, doses: [0, 168, 336, 503] };
    expect(partsByDose([trough, peak], last)).toEqual([[trough], [peak]]);
    // 2.0 and 1.7 h after doses 0.5 h apart: one visit
    const a = { time: 505, doses: [0, 503] }, b = { time: 505.2, doses: [0, 503.5] };
    expect(partsByDose([a, b], last)).toEqual([[a, b]]);
    // a sample drawn at its dose time is drawn before it; samples before any dose are one part
    expect(lastDoseBefore(168, [0, 168])).toBe(0);
    const pre1 = { time: 0, doses: [0] }, pre2 = { time: 0, doses: [0.5] }, post = { time: 0.1, doses: [0] };
    expect(partsByDose([post, pre1, pre2], last)).toEqual([[pre1, pre2], [post]]);
  });

  it('a split whose parts would fall on another visit\'s time is not made', () => {
    const m = (time: number, last: number) => ({ time, last });
    const split: number[][] = [];
    const out = splitVisitsAtDoses([{ time: 10, members: [m(9.5, 0), m(10.5, 10)] }, { time: 11, members: [m(11, 10)] }], (x) => x.last, (_, to) => split.push(to));
    expect(out.map((v) => v.time)).toEqual([9.5, 10.5, 11]);
    const kept = splitVisitsAtDoses([{ time: 10, members: [m(9.5, 0), m(10.5, 10)] }, { time: 10.5, members: [m(10.5, 10)] }], (x) => x.last, () => {});
    expect(kept.map((v) => v.time)).toEqual([10, 10.5]);
    expect(split).toEqual([[9.5, 10.5]]);
  });

  it('individual rows read with the subjects\' doses: the 167-h visit becomes the peaks after a dose and the troughs before one, with a warning', () => {
    const alone = tryParseDataset(ROWS);
    // read alone, the four samples are one visit of trough and peak values together
    expect(visits(alone)).toEqual([{ t: 1.025, mean: 10.25, n: 4 }, { t: 167.35, mean: 5.65, n: 4 }]);
    const table = parseDosingTable(DOSES);
    if (!table.ok || !alone.ok) throw new Error('unreadable');
    expect(table.table.subjects?.get(JSON.stringify(['all', '3']))).toEqual([0, 166]);
    const again = rebinAtSubjectDoses(alone, table.table, (o) => tryParseDataset(ROWS, o));
    expect(visits(again)).toEqual([{ t: 1.025, mean: 10.25, n: 4 }, { t: 167.1, mean: 9.2, n: 2 }, { t: 167.65, mean: 2.1, n: 2 }]);
    const w = again.warnings.find((x) => x.code === 'split-at-doses');
    expect(w?.message).toMatch(/1 visit held samples drawn after different doses .* the visit at 167\.3 → 167\.1 and 167\.7/);
    // the same through the app's Data step
    const app = parseTable(ROWS, 'rows.csv', DOSES);
    expect(app.ok && app.dataset.series[0]!.times).toEqual([1.025, 167.1, 167.65]);
    expect(app.ok && app.warnings.some((x) => /split by the dose its samples followed/.test(x))).toBe(true);
  });

  it('reads dose times in the data\'s time unit; aggregate tables and dosing tables without subjects are left as they were', () => {
    const inMinutes = parseDosingTable('id,time (min),amount\n1,0,5\n1,90,5\n');
    expect(inMinutes.ok && subjectDosesOf(inMinutes.table, 'h')?.get(JSON.stringify(['', '1']))).toEqual([0, 1.5]);
    const perGroup = parseDosingTable('group,time,amount\nall,0,100\nall,168,100\n');
    expect(perGroup.ok && perGroup.table.subjects).toBeUndefined();
    const rows = tryParseDataset(ROWS);
    if (!perGroup.ok || !rows.ok) throw new Error('unreadable');
    expect(rebinAtSubjectDoses(rows, perGroup.table, () => { throw new Error('not read again'); })).toBe(rows);
    const aggregate = tryParseDataset('time,mean,sd,n\n1,10,1,4\n167,5,3,4\n');
    const table = parseDosingTable(DOSES);
    if (!aggregate.ok || !table.ok) throw new Error('unreadable');
    expect(rebinAtSubjectDoses(aggregate, table.table, () => { throw new Error('not read again'); })).toBe(aggregate);
  });
});
