// NONMEM-style tables whose subjects were dosed on schedules of their own
// (src/data/nonmem-own-schedules.ts): grouped by dose level or route, each group's cohort-mean
// regimen, the samples binned at each subject's own doses — not a group of one per subject.
import { describe, expect, it } from 'vitest';
import { tryParseDataset } from '../../src/data/index.ts';
import { ownSchedules } from '../../src/data/nonmem-own-schedules.ts';

const H = 'ID,TIME,DV,AMT,EVID,CMT\n';
/** a subject given `amt` at 0 and again at `second`, sampled at 1 h and at `late` (before or after `second`) */
const subject = (id: number, amt: number, second: number, dv: [number, number], late = second - 0.2) =>
  `${id},0,.,${amt},1,2\n${id},1,${dv[0]},.,0,2\n${id},${second},.,${amt},1,2\n${id},${late},${dv[1]},.,0,2\n`;

describe('subjects dosed on schedules of their own', () => {
  it('are read so only when most regimens are one subject\'s, in a cohort of 6 or more (arms hold several subjects)', () => {
    expect(ownSchedules([1, 1, 1, 1, 1, 1])).toBe(true);
    expect(ownSchedules([1, 1, 1, 1, 2, 2])).toBe(true);
    expect(ownSchedules([1, 1, 2])).toBe(false);
    expect(ownSchedules([6])).toBe(false);
    expect(ownSchedules([5, 5, 1])).toBe(false);
  });

  it('by dose level: each level\'s cohort-mean regimen, its samples binned at each subject\'s doses', () => {
    // subject 1's late sample is 0.5 h after its second dose, subject 2's a trough before its own
    const r = tryParseDataset(H + subject(1, 100, 11, [10, 9], 11.5) + subject(2, 100, 12, [12, 3], 11.8) + subject(3, 200, 13, [20, 4]) + subject(4, 200, 14, [22, 5]) + subject(5, 200, 15, [21, 5]) + subject(6, 100, 16, [11, 4]));
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    expect(r.dataset.groups.map((g) => g.name)).toEqual(['100 IV bolus, own doses', '200 IV bolus, own doses']);
    // every amount ÷ the group's 2 subjects, doses at one time added
    expect(r.dataset.groups[0]!.regimen).toEqual({ route: 'iv', administrations: [{ time: 0, amount: 100 }, { time: 11, amount: 100 / 3 }, { time: 12, amount: 100 / 3 }, { time: 16, amount: 100 / 3 }] });
    expect(r.dataset.groups[0]!.covariates.dose).toBe(100);
    const s = r.dataset.series.find((x) => x.group === '100 IV bolus, own doses')!;
    expect(s.times).toEqual([1, 11.5, 11.8, 15.8]);
    expect(s.mean).toEqual([11, 9, 3, 4]);
    expect(r.warnings.some((w) => w.code === 'split-at-doses')).toBe(true);
    expect(r.warnings.find((w) => w.code === 'own-schedules')?.message).toMatch(/dosed on schedules or amounts of their own \(6 regimens for 6 subjects\): they are grouped by dose level/);
    expect(r.dataset.source).toEqual({ format: 'individual', rows: 24, subjects: 6 });
  });

  it('single doses: amounts that leave two subjects alone at their level are pooled; one odd amount in a trial\'s arms is not', () => {
    const single = (amounts: number[]) => H + amounts.map((a, i) => `${i + 1},0,.,${a},1,2\n${i + 1},1,${a / 10},.,0,2\n`).join('');
    const perKg = tryParseDataset(single([60, 75, 89, 90, 101, 101, 115, 153]));
    expect(perKg.ok && perKg.dataset.groups.map((g) => g.name)).toEqual(['IV bolus, own doses']);
    const arms = tryParseDataset(single([100, 100, 100, 100, 200, 200, 200, 80]));
    expect(arms.ok && arms.dataset.groups.map((g) => g.covariates.dose)).toEqual([100, 200, 80]);
  });

  it('amounts that form no shared levels (per-kilogram doses): one group per route', () => {
    const r = tryParseDataset(H + [25, 15, 30, 19, 27, 22].map((amt, i) => subject(i + 1, amt, 11 + 0.3 * i, [10 + i, 2 + i])).join(''));
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    expect(r.dataset.groups.map((g) => g.name)).toEqual(['IV bolus, own doses']);
    expect(r.dataset.groups[0]!.covariates.dose).toBeCloseTo(138 / 6, 12);
    // six troughs before each subject's second dose: one visit
    expect(r.dataset.series[0]!.n).toEqual([6, 6]);
  });
});
