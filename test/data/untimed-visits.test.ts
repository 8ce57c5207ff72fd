// Visits a schedule names without a time: "Screening", "Follow-up", "End of study".
import { describe, expect, it } from 'vitest';
import { tryParseDataset } from '../../src/data/index.ts';

const ok = (text: string) => {
  const r = tryParseDataset(text);
  if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('; '));
  return r;
};

describe('visits with no time', () => {
  it('a Visit column with Screening and Follow-up is the time; Screening beside Baseline and Follow-up are left out, each named with its rows', () => {
    const r = ok('Visit,Mean,SD,N\nScreening,95.2,10.1,20\nBaseline,96.0,9.5,20\nWeek 1,70.3,12.0,19\nWeek 4,48.0,10.4,18\nWeek 12,80.2,10.8,17\nFollow-up,92.0,9.9,15\n');
    const s = r.dataset.series[0]!;
    expect(s.times).toEqual([0, 1, 4, 12]);
    expect(s.mean).toEqual([96, 70.3, 48, 80.2]);
    const untimed = r.warnings.filter((w) => w.code === 'untimed-visit');
    expect(untimed.map((w) => w.row)).toEqual([2, 7]);
    expect(untimed[0]!.message).toMatch(/screening visit \(row 2\).*pre-dose visit: left out/);
    expect(untimed[1]!.message).toMatch(/"Follow-up" \(row 7\) names no time: left out/);
  });

  it('a screening visit is the pre-dose visit where the table has none, in every series', () => {
    const r = ok('group,time (weeks),mean,sd,n\nA,Screening,50,5,10\nA,2,40,5,10\nA,6,30,5,9\nB,Screening,51,5,12\nB,2,45,5,12\nB,6,41,5,12\n');
    expect(r.dataset.series.map((s) => s.times)).toEqual([[0, 2, 6], [0, 2, 6]]);
    expect(r.dataset.series.map((s) => s.mean[0])).toEqual([50, 51]);
    expect(r.warnings.find((w) => w.code === 'untimed-visit')!.message).toMatch(/rows 2 and 5\) is read as the pre-dose visit at time 0/);
  });

  it('end-of-study, unscheduled and early-termination rows are left out of subject-level data too; a table of nothing else has no data', () => {
    const r = ok('id,time (h),value\n1,0,0.1\n1,2,5\n1,EOS,1\n2,0,0.2\n2,2,6\n2,Unscheduled,3\n2,Early termination,2\n');
    expect(r.dataset.series[0]!.times).toEqual([0, 2]);
    expect(r.warnings.find((w) => w.code === 'untimed-visit')!.message).toMatch(/"EOS", "Unscheduled", "Early termination" \(rows 4, 7 and 8\)/);
    const none = tryParseDataset('time (h),mean,sd,n\nFollow-up,1,0.1,5\n');
    expect(none.ok).toBe(false);
    if (!none.ok) expect(none.issues[0]!.code).toBe('no-data');
  });

  it('other words in the time column are still errors that name the cell', () => {
    const r = tryParseDataset('time (h),mean,sd,n\nVisit 2,1,0.1,10\n2,1,0.1,10\n');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues.map((i) => `${i.code}@${i.row}`)).toEqual(['not-a-number@2']);
  });
});
