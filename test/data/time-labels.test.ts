// Time cells as clinical tables write them: "Pre-dose" for the sample before the dose, and times
// with their unit ("30 min" in an hours column).
import { describe, expect, it } from 'vitest';
import { parseDataset, tryParseDataset } from '../../src/data/index.ts';

describe('time cells with words', () => {
  it('"Pre-dose" and "baseline" are time 0, with one warning that says so', () => {
    const r = tryParseDataset('time (h),mean,sd,n\nPre-dose,0.1,0.05,12\n1,5.2,1.1,12\n2,4.1,0.9,12\n');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.dataset.series[0]!.times).toEqual([0, 1, 2]);
    expect(r.warnings.filter((w) => w.code === 'time-label').map((w) => w.row)).toEqual([2]);
    for (const cell of ['0 (pre-dose)', 'pre-dose (0 h)', 't0 (predose)']) expect(parseDataset(`time (h),mean,sd,n\n${cell},0.1,0.1,6\n1,2,1,6\n`).series[0]!.times, cell).toEqual([0, 1]);
    const individual = parseDataset('id,time (h),value\n1,baseline,0.1\n2,baseline,0.2\n1,1,5\n2,1,6\n');
    expect(individual.series[0]!.times).toEqual([0, 1]);
  });

  it('a number with a time unit is converted to the unit the header states; without one, to the unit its cells give, unless a bare number leaves it open', () => {
    expect(parseDataset('time (h),mean,sd,n\n30 min,1,0.1,10\n1 h,2,0.2,10\n2,3,0.3,10\n1 day,0.5,0.1,10\n').series[0]!.times).toEqual([0.5, 1, 2, 24]);
    // "Time" over "Pre-dose, 0.5 h, 1 h, 2 h post-dose, 24h": hours, with a warning that says so
    const cells = tryParseDataset('Time,mean,sd,n\nPre-dose,0,0,10\n30 min,1,0.1,10\n1 h,2,0.2,10\n2 h post-dose,3,0.3,10\n24h,0.5,0.1,10\n');
    expect(cells.ok).toBe(true);
    if (cells.ok) {
      expect(cells.dataset.series[0]!.times).toEqual([0, 0.5, 1, 2, 24]);
      expect(cells.dataset.timeUnit).toBe('h');
      expect(cells.warnings.find((w) => w.code === 'time-unit-from-cells')!.message).toMatch(/read in h \(cells in min converted\)/);
    }
    // a bare 12 beside "30 min": minutes or hours? an error naming the cell
    const r = tryParseDataset('time,mean,sd,n\n30 min,1,0.1,10\n12,2,0.1,10\n');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues.map((i) => `${i.code}@${i.row}:${i.column}`)).toEqual(['time-unit@2:time']);
    // other words are still not numbers
    const bad = tryParseDataset('time (h),mean,sd,n\nVisit 2,1,0.1,10\n');
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.issues[0]!.column).toBe('time (h)');
  });

  it('hours and minutes ("1:30", "24:00", "0:05:30") are elapsed hours, under a "(h:min)" header or none', () => {
    const r = tryParseDataset('Time post-dose (h:min),Mean,SD,N\n0:00,0,0,12\n0:30,12.3,4.5,12\n1:30,30.2,9.1,12\n24:00,1.1,0.9,10\n');
    expect(r.ok && [r.dataset.series[0]!.times, r.dataset.timeUnit]).toEqual([[0, 0.5, 1.5, 24], 'h']);
    expect(parseDataset('time (min),mean,sd,n\n0:05:30,1,0.1,5\n1:00,2,0.1,5\n').series[0]!.times).toEqual([5.5, 60]);
    const bare = tryParseDataset('Time,mean,sd,n\n0:15,1,0.1,5\n2:00,2,0.1,5\n');
    expect(bare.ok && [bare.dataset.series[0]!.times, bare.dataset.timeUnit]).toEqual([[0.25, 2], 'h']);
    // not minutes past 60
    expect(tryParseDataset('time (h),mean,sd,n\n1:75,1,0.1,5\n').ok).toBe(false);
  });

  it('"Week 4", "Hour 2", "Month 3" are times; "Day 8" is a study day, an error that gives both readings', () => {
    expect(parseDataset('time (weeks),mean,sd,n\nBaseline,1,0.1,10\nWeek 4,2,0.2,10\nWeek 12,3,0.3,10\nMonth 6,2.5,0.3,10\n').series[0]!.times.map((t) => Number(t.toFixed(3)))).toEqual([0, 4, 12, 26.089]);
    expect(parseDataset('time (h),mean,sd,n\nHour 2,1,0.1,10\n30 min,2,0.2,10\n').series[0]!.times).toEqual([0.5, 2]);
    const day = tryParseDataset('time (d),mean,sd,n\nDay 1,1,0.1,10\nDay 8,2,0.2,10\n');
    expect(day.ok).toBe(false);
    if (!day.ok) {
      expect(day.issues.map((i) => `${i.code}@${i.row}`)).toEqual(['visit-day@2', 'visit-day@3']);
      expect(day.issues[1]!.message).toMatch(/"Day 8" is a study day.*7 days after that dose, others 8/);
    }
  });
});

// Multiple-dose tables name their visits by study day and hour: "Day 1 predose", "Day 7, 2 h".
describe('day-and-time cells', () => {
  it('count hours from the first dose on the table\'s own day count (Day 1, or Day 0 where the table has one)', () => {
    const r = tryParseDataset('Time,mean,sd,n\nDay 1 predose,0,0,6\nDay 1 2 h,5,1,6\nDay 1 8h,3,1,6\nDay 7 predose,1.5,0.5,6\n"Day 7, 2 h",6,1,6\nD7 8 h post-dose,3,1,6\n');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.dataset.series[0]!.times).toEqual([0, 2, 8, 144, 146, 152]);
    expect(r.dataset.timeUnit).toBe('h');
    expect(r.warnings.find((w) => w.code === 'day-and-time')!.message).toMatch(/Day 1 as the day of the first dose/);
    // a Day 0 says the count starts at 0; a column in days converts
    expect(parseDataset('time (h),mean,sd,n\nDay 0 predose,0,0,6\n"Day 0, 2 h",5,1,6\nDay 6 predose,1.5,0.5,6\n').series[0]!.times).toEqual([0, 2, 144]);
    expect(parseDataset('time (days),mean,sd,n\nDay 1 predose,0,0,6\nDay 3 12 h,5,1,6\n').series[0]!.times).toEqual([0, 2.5]);
  });
  it('without a Day 0 or Day 1 which day the first dose was on is not guessed: an error naming the cell', () => {
    const r = tryParseDataset('Time,mean,sd,n\nDay 7 predose,1.5,0.5,6\nDay 7 2 h,6,1,6\n');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues.map((i) => `${i.code}@${i.row}`)).toEqual(['visit-day@2', 'visit-day@3']);
  });
});


describe('a "Visit" column of times', () => {
  it('is the time where every cell is a time with its unit ("Baseline, Week 4, Week 12"), with a warning naming it', () => {
    const r = tryParseDataset('Visit,Mean,SD,N\nBaseline,50,10,20\nWeek 4,45,10,19\nWeek 12,40,9,18\nWeek 24,38,9,17\n');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.dataset.series[0]!.times).toEqual([0, 4, 12, 24]);
    expect(r.dataset.timeUnit).toBe('week');
    expect(r.warnings.find((w) => w.code === 'time-column')).toMatchObject({ column: 'Visit' });
    // one cell in min and one in h: the finer unit (the rule of a plain "Time" header)
    const assessed = parseDataset('Assessment,Mean,SD,N\nPre-dose,1,0.2,8\n30 min,5,1,8\n2 h,3,1,8\n');
    expect([assessed.series[0]!.times, assessed.timeUnit]).toEqual([[0, 30, 120], 'min']);
  });

  it('is not the time where a cell is no time and no visit a schedule leaves untimed (visit numbers, "V2"), nor beside a time column', () => {
    for (const csv of ['Visit,Mean,SD,N\n1,50,10,20\n2,45,10,19\n', 'Visit,Mean,SD,N\nV2,50,10,20\nWeek 4,45,10,19\n']) {
      const r = tryParseDataset(csv);
      expect(!r.ok && r.issues[0]!.code).toBe('missing-column');
    }
    const withTime = parseDataset('Visit,Time (h),Mean,SD,N\nWeek 1,168,5,1,8\nWeek 2,336,3,1,8\n');
    expect(withTime.series[0]!.times).toEqual([168, 336]);
  });
});
