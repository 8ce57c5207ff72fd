// The stop list both backends integrate over: outputs, boluses and infusion boundaries merged.
import { describe, expect, it } from 'vitest';
import { buildSchedule, ScheduleError } from '../../src/simulate/schedule.ts';

describe('buildSchedule', () => {
  it('merges output times, bolus times and infusion boundaries into sorted distinct points', () => {
    const s = buildSchedule([0, 2, 2, 6, 10], [
      { kind: 'bolus', state: 0, times: [0, 4, 8, 12], amountIndex: 0 },
      { kind: 'infusion', state: 1, intervals: [[1, 3], [5, 20]], rateIndex: 1 },
    ]);
    expect([...s.points]).toEqual([0, 1, 2, 3, 4, 5, 6, 8, 10]);
    // outputs per point: t=0 → 0, t=2 → 1,2 (duplicate time), t=6 → 3, t=10 → 4
    const outsAt = (k: number): number[] => Array.from({ length: s.outStart[k + 1]! - s.outStart[k]! }, (_, i) => s.outStart[k]! + i);
    expect(outsAt(0)).toEqual([0]);
    expect(outsAt(2)).toEqual([1, 2]);
    expect(outsAt(6)).toEqual([3]);
    expect(outsAt(8)).toEqual([4]);
    expect(outsAt(1)).toEqual([]);
    // boluses at 0, 4, 8 (12 is after the last output: dropped)
    const bolusPoints = [...s.points].filter((_, k) => s.bolusStart[k + 1]! > s.bolusStart[k]!);
    expect(bolusPoints).toEqual([0, 4, 8]);
    expect([...s.bolusState]).toEqual([0, 0, 0]);
    // infusion active on segments [1,2), [2,3) and from 5 on (to the end, 10)
    const active = [...s.points].slice(0, -1).map((_, k) => s.infStart[k + 1]! - s.infStart[k]!);
    expect(active).toEqual([0, 1, 1, 0, 0, 1, 1, 1]);
    expect([...s.infDose]).toEqual([1, 1, 1, 1, 1]);
  });

  it('drops doses before t0, starts an infusion running at t0 from t0', () => {
    const s = buildSchedule([5, 6], [
      { kind: 'bolus', state: 0, times: [1, 5], amountIndex: 0 },
      { kind: 'infusion', state: 0, intervals: [[2, 5.5]], rateIndex: 0 },
    ], 5);
    expect([...s.points]).toEqual([5, 5.5, 6]);
    expect(s.bolusStart[1]! - s.bolusStart[0]!).toBe(1); // the bolus at t0 itself is given (after the t0 output)
    expect(s.infStart[1]! - s.infStart[0]!).toBe(1);
    expect(s.infStart[2]! - s.infStart[1]!).toBe(0);
  });

  it('refuses unsorted, non-finite or early output times with the index named', () => {
    expect(() => buildSchedule([0, 2, 1], [])).toThrow(/times\[2\] = 1 < times\[1\] = 2/);
    expect(() => buildSchedule([0, NaN], [])).toThrow(/times\[1\] is not a finite number/);
    expect(() => buildSchedule([1, 2], [], 1.5)).toThrow(/times\[0\] = 1 is before t0 = 1.5/);
    expect(() => buildSchedule([], [])).toThrow(ScheduleError);
  });
});
