// Dose levels of a NONMEM-style table (src/data/dose-levels.ts): amounts chained within 5%, a
// level spanning at most 10%, each level at its subjects' mean amount.
import { describe, expect, it } from 'vitest';
import { doseLevels } from '../../src/data/dose-levels.ts';

const of = (amounts: number[], schedule = 'daily') => amounts.map((amount, i) => ({ id: `s${i}`, schedule, amount }));

describe('dose levels', () => {
  it('chains amounts within 5% of the previous one while the level spans at most 10%', () => {
    const levels = doseLevels(of([104, 100, 108, 112, 112]));
    expect(levels.map((l) => [l.lowest, l.highest, l.subjects.length])).toEqual([[100, 108, 3], [112, 112, 2]]);
    expect(levels[0]!.amount).toBeCloseTo(104, 12);
    // a level of one distinct amount keeps it exactly
    expect(levels[1]!.amount).toBe(112);
  });

  it('keeps a trial\'s dose levels (25, 37.5, 50) and a subject given none apart, and never joins schedules', () => {
    expect(doseLevels(of([25, 37.5, 50, 0, 25])).map((l) => l.amount).sort((a, b) => a - b)).toEqual([0, 25, 37.5, 50]);
    expect(doseLevels([...of([100], 'a'), ...of([101], 'b')]).map((l) => l.amount)).toEqual([100, 101]);
  });
});
