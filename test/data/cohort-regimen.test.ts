// A dosing table with a subject column is read as each group's cohort-mean regimen
// (src/data/cohort-regimen.ts): every subject's doses pooled, each amount ÷ the number of
// subjects. For linear kinetics the mean concentration over subjects on their own schedules is
// then the concentration under that regimen — checked here against the analytic one-compartment
// bolus solution — and merging to the listed-dose limit keeps the total amount.
import { describe, expect, it } from 'vitest';
import { cohortMeanAdministrations, MAX_LISTED_ADMINISTRATIONS } from '../../src/data/cohort-regimen.ts';
import { applyDosingTable, parseDataset, parseDosingTable, regimenFromAdministrations } from '../../src/data/index.ts';
import { LIMITS } from '../../src/model/limits.ts';
import type { Administration } from '../../src/data/types.ts';

/** one-compartment IV bolus, V = 10, k = 0.1: the concentration at t after the given doses */
const conc = (doses: readonly Administration[], t: number) => doses.filter((d) => d.time <= t).reduce((c, d) => c + (d.amount / 10) * Math.exp(-0.1 * (t - d.time)), 0);

describe('the cohort-mean regimen', () => {
  it('is the pooled doses ÷ subjects; its concentration is the subjects\' mean concentration (linear kinetics)', () => {
    const bySubject: Record<string, Administration[]> = {
      a: [{ time: 0, amount: 20 }, { time: 12, amount: 5 }, { time: 24, amount: 5 }],
      b: [{ time: 0, amount: 30 }, { time: 11, amount: 4 }],
      c: [{ time: 0, amount: 10 }, { time: 13.5, amount: 6 }, { time: 24, amount: 6 }, { time: 36, amount: 6 }],
    };
    const given = Object.entries(bySubject).flatMap(([subject, ds]) => ds.map((d) => ({ ...d, subject })));
    const r = cohortMeanAdministrations(given);
    // doses at one time are added: 0 (all three) and 24 (a and c)
    expect(r.given.map((d) => d.time)).toEqual([0, 11, 12, 13.5, 24, 36]);
    expect(r.given[0]!.amount).toBeCloseTo(20, 12);
    expect(r.given[4]!.amount).toBeCloseTo(11 / 3, 12);
    for (const t of [1, 11.5, 20, 30, 48]) {
      const subjectsMean = Object.values(bySubject).reduce((s, ds) => s + conc(ds, t), 0) / 3;
      expect(conc(r.given, t)).toBeCloseTo(subjectsMean, 12);
    }
    expect(r.note).toMatch(/9 administrations to 3 subjects are read as the cohort's mean regimen \(every amount ÷ 3/);
  });

  it('gives subjects all dosed alike their own dose, exactly (no rounding residue from dividing each first)', () => {
    const r = cohortMeanAdministrations(Array.from({ length: 94 }, (_, i) => ({ subject: `s${i}`, time: 0, amount: 25, duration: i % 7 === 0 ? 1 / 3 : 1 / 6 })));
    expect(r.given).toEqual([{ time: 0, amount: 25, duration: expect.closeTo((14 / 3 + 80 / 6) / 94, 12) }]);
  });

  it('merges doses into at most the listed-dose limit, keeping the total amount and its mean time', () => {
    expect(MAX_LISTED_ADMINISTRATIONS).toBe(LIMITS.doses);
    // 40 subjects dosed every 12 h with a subject-specific offset of up to 2 h: 400 distinct times
    const given = Array.from({ length: 40 }, (_, s) => Array.from({ length: 10 }, (_, k) => ({ time: k * 12 + (s * 2) / 40, amount: 1 + (s % 3), subject: `s${s}` }))).flat();
    const r = cohortMeanAdministrations(given);
    expect(r.given.length).toBeLessThanOrEqual(MAX_LISTED_ADMINISTRATIONS);
    const total = (ds: readonly { amount: number }[]) => ds.reduce((s, d) => s + d.amount, 0);
    expect(total(r.given)).toBeCloseTo(total(given) / 40, 10);
    const meanTime = (ds: readonly { time: number; amount: number }[]) => ds.reduce((s, d) => s + d.time * d.amount, 0) / total(ds);
    expect(meanTime(r.given)).toBeCloseTo(meanTime(given), 10);
    // a 2-h spread against a 7-h half-life: the mean concentration is still close at every visit
    for (const t of [6, 30, 100, 140]) {
      const exact = conc(given.map((d) => ({ ...d, amount: d.amount / 40 })), t);
      expect(Math.abs(conc(r.given, t) / exact - 1)).toBeLessThan(0.1);
    }
    expect(r.note).toMatch(/merged into one at their amount-weighted mean time/);
  });

  it('keeps infusions that overlap once pooled (weekly infusions given hours apart) as a list of their own entries', () => {
    const r = cohortMeanAdministrations([{ time: 0, amount: 10, duration: 4, subject: 'a' }, { time: 1, amount: 10, duration: 4, subject: 'b' }]);
    expect(r.given).toEqual([{ time: 0, amount: 5, duration: 4 }, { time: 1, amount: 5, duration: 4 }]);
    // evenly spaced from 0 and equal, but one repeated entry may not overlap itself: not interval × count
    expect(regimenFromAdministrations('infusion', r.given)).toEqual({ route: 'infusion', duration: 4, administrations: [{ time: 0, amount: 5 }, { time: 1, amount: 5 }] });
    expect(regimenFromAdministrations('infusion', [{ time: 0, amount: 5, duration: 1 }, { time: 4, amount: 5, duration: 1 }])).toEqual({ route: 'infusion', duration: 1, interval: 4, count: 2 });
  });
});

describe('dosing tables with a subject column', () => {
  it('two subjects may be dosed at one time; one subject twice at one time is an error naming the subject', () => {
    const r = parseDosingTable('id,group,time,amount,route\n1,all,0,25,iv\n2,all,0,15,iv\n1,all,12,3,iv\n');
    expect(r.ok ? [] : r.issues).toEqual([]);
    if (!r.ok) return;
    expect(r.table.byGroup.get('all')!.regimen).toEqual({ route: 'iv', administrations: [{ time: 0, amount: 20 }, { time: 12, amount: 1.5 }] });
    expect(r.table.byGroup.get('all')!.amount).toBe(20);
    expect(r.warnings.map((w) => w.code)).toContain('cohort-mean-regimen');
    const bad = parseDosingTable('subject,group,time,amount\n1,all,0,25\n1,all,0,15\n');
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.issues[0]).toMatchObject({ code: 'duplicate-dose', row: 3, column: 'time' });
    expect(bad.issues[0]!.message).toMatch(/group "all", subject "1" has a second administration at time 0 \(row 2\)/);
  });

  it('a group schedule of more listed doses than a model takes is an error; a regular one of any length is not', () => {
    const rows = (f: (k: number) => string) => Array.from({ length: 70 }, (_, k) => f(k)).join('\n');
    const irregular = parseDosingTable(`time,amount\n${rows((k) => `${k * 12 + (k % 2)},10`)}\n`);
    expect(irregular.ok).toBe(false);
    if (!irregular.ok) expect(irregular.issues[0]!.message).toMatch(/the study has 70 administrations that are not one evenly spaced schedule of equal doses; a model takes at most 64 listed doses/);
    const regular = parseDosingTable(`time,amount\n${rows((k) => `${k * 12},10`)}\n`);
    expect(regular.ok && regular.table.byGroup.get('\u0000all')!.regimen).toEqual({ interval: 12, count: 70 });
  });
});

describe('dosing-table time units', () => {
  const data = (timeHeader: string) => parseDataset(`group,dose,${timeHeader},mean,sd,n\nall,100,1,5,1,10\nall,100,24,2,1,10\n`);

  it('times in another unit than the data\'s are converted, with a warning; the same or an unstated unit is left alone', () => {
    const t = parseDosingTable('group,time (min),amount,route,duration\nall,0,100,infusion,30\nall,720,100,infusion,30\n');
    expect(t.ok && t.table.timeUnit).toBe('min');
    if (!t.ok) return;
    const r = applyDosingTable(data('time (h)'), t.table);
    expect(r.ok ? r.dataset.groups[0]!.regimen : r.issues).toEqual({ route: 'infusion', duration: 0.5, interval: 12, count: 2 });
    expect(r.warnings.map((w) => w.message)).toContain("the dosing table's times are in min and the data's in h: dose times and durations are converted (× 0.0166667)");
    const same = applyDosingTable(data('time (min)'), t.table);
    expect(same.ok && same.dataset.groups[0]!.regimen).toEqual({ route: 'infusion', duration: 30, interval: 720, count: 2 });
    const unstated = applyDosingTable(data('time'), t.table);
    expect(unstated.ok && unstated.dataset.groups[0]!.regimen).toEqual({ route: 'infusion', duration: 30, interval: 720, count: 2 });
  });

  it('a time_unit column works as the header unit; mixed or unconvertible units are errors naming them', () => {
    const t = parseDosingTable('id,group,time,amount,route,duration,amount_unit,time_unit\n1,all,0,100,iv,0,mg,d\n1,all,1,5,iv,0,mg,d\n');
    expect(t.ok && t.table.timeUnit).toBe('d');
    if (!t.ok) return;
    const r = applyDosingTable(data('time (h)'), t.table);
    expect(r.ok && r.dataset.groups[0]!.regimen).toEqual({ route: 'iv', administrations: [{ time: 0, amount: 100 }, { time: 24, amount: 5 }] });
    const mixed = parseDosingTable('time (h),amount,time_unit\n0,25,h\n12,5,min\n');
    expect(mixed.ok ? [] : mixed.issues[0]).toMatchObject({ code: 'mixed-time-units', row: 3, column: 'time_unit', message: 'time unit "min" differs from "h" at row 1: give all dose times in one unit' });
    const odd = parseDosingTable('time (fortnights),amount\n0,25\n');
    expect(odd.ok).toBe(true);
    if (!odd.ok) return;
    const refused = applyDosingTable(data('time (h)'), odd.table);
    expect(refused.ok ? [] : refused.issues[0]!.message).toMatch(/the dosing table's time unit "fortnights" is not the data's "h", and one of them is not a unit that can be converted/);
  });
});

describe('extravascular routes', () => {
  it('subcutaneous and intramuscular doses read as route oral (first-order absorption from a depot)', () => {
    const t = parseDosingTable('time,amount,route\n0,150,SC\n336,150,subcutaneous\n');
    expect(t.ok && t.table.byGroup.get('\u0000all')!.regimen).toEqual({ route: 'oral', interval: 336, count: 2 });
    const im = parseDataset('group,dose,route,time,mean,sd,n\nall,5,i.m.,1,2,1,10\nall,5,i.m.,4,1,1,10\n');
    expect(im.groups[0]!.regimen).toEqual({ route: 'oral' });
  });

  it('PKNCA\'s "extravascular" and "EV", and an oral gavage, read as route oral; "IV push" as a bolus', () => {
    for (const cell of ['extravascular', 'EV', 'oral gavage']) {
      const t = parseDosingTable(`time,amount,route\n0,150,${cell}\n`);
      expect(t.ok && t.table.byGroup.get('\u0000all')!.regimen, cell).toEqual({ route: 'oral' });
    }
    const push = parseDosingTable('time,amount,route\n0,150,IV push\n');
    expect(push.ok && push.table.byGroup.get('\u0000all')!.regimen).toEqual({ route: 'iv' });
    const unknown = parseDosingTable('time,amount,route\n0,150,telepathic\n');
    expect(unknown.ok ? [] : unknown.issues.map((i) => i.code)).toContain('bad-route');
  });
});
