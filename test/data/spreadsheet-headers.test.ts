// Headers as spreadsheets write them: "S.D.", "No. of patients", "95% CI lower", "Treatment"
// (src/data/columns.ts), and a time column under another name — "Day", "Hours", "Study day",
// "Time_h", "TAD", "age" — read as the time, with the unit its name implies (src/data/time-column.ts).
import { describe, expect, it } from 'vitest';
import { parseDataset, tryParseDataset } from '../../src/data/index.ts';
import { readHeaderCell } from '../../src/data/columns.ts';
import { timeWordUnit } from '../../src/data/time-column.ts';

const summary = (timeHeader: string) => `${timeHeader},Mean,SD,N\n0,1,0.1,5\n7,2,0.2,5\n14,3,0.3,4\n`;
const result = (text: string) => tryParseDataset(text, { name: 't.csv' });

describe('time column under another name', () => {
  it('reads the unit from the name, or from the header where it states one', () => {
    expect(timeWordUnit('Day')).toBe('day');
    expect(timeWordUnit('Hours')).toBe('hours');
    expect(timeWordUnit('Study Day')).toBe('day');
    expect(timeWordUnit('time_h')).toBe('h');
    expect(timeWordUnit('hours post-dose')).toBe('hours');
    expect(timeWordUnit('Age_days')).toBe('days');
    expect(timeWordUnit('Nominal time')).toBe('');
    expect(timeWordUnit('TAD')).toBe('');
    expect(timeWordUnit('age')).toBe('');
    // not time words: a one-letter name, a minimum, a dose's time, a gestational age
    for (const n of ['h', 'd', 'min', 'dose_time', 'gestational_age', 'weight', 'visit']) expect(timeWordUnit(n)).toBeNull();

    const d = parseDataset(summary('Day'), { name: 'd.csv' });
    expect(d.timeUnit).toBe('day');
    expect(d.series[0]!.times).toEqual([0, 7, 14]);
    expect(d.series[0]!.n).toEqual([5, 5, 4]);
    expect(parseDataset(summary('Study day'), { name: 'd.csv' }).timeUnit).toBe('day');
    expect(parseDataset(summary('Age (weeks)'), { name: 'd.csv' }).timeUnit).toBe('weeks');
    expect(parseDataset(summary('Time_h'), { name: 'd.csv' }).timeUnit).toBe('h');
  });

  it('says which column it read as the time', () => {
    const r = result(summary('Hours'));
    expect(r.ok).toBe(true);
    const w = r.ok ? r.warnings.find((x) => x.code === 'time-column') : undefined;
    expect(w?.column).toBe('Hours');
    expect(w?.message).toMatch(/"Hours" is read as the time \(in hours\)/);
    const study = result(summary('Study day'));
    expect(study.ok && study.warnings.find((x) => x.code === 'time-column')?.message).toMatch(/counts the first dose's day as Day 1/);
  });

  it('reads R\'s growth tables (Orange: Tree, age, circumference) as one series by age', () => {
    const d = parseDataset('Tree,age,circumference\n1,118,30\n1,484,58\n2,118,33\n2,484,69\n', { name: 'orange.csv' });
    expect(d.observables[0]!.name).toBe('circumference');
    expect(d.series[0]!.times).toEqual([118, 484]);
    expect(d.series[0]!.mean).toEqual([31.5, 63.5]);
  });

  it('leaves a named time column alone: "age" beside "time" stays a covariate', () => {
    const r = result('id,time,value,age\n1,0,1,30\n1,1,2,30\n2,0,1.5,40\n2,1,2.5,40\n');
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.dataset.series[0]!.times).toEqual([0, 1]);
      expect(r.warnings.map((w) => w.code)).not.toContain('time-column');
    }
  });

  it('does not guess between two time words, and a minimum is no time', () => {
    const two = result('Day,Week,Mean,SD,N\n0,0,1,0.1,5\n7,1,2,0.2,5\n');
    expect(two.ok).toBe(false);
    expect(two.warnings.find((w) => w.code === 'time-column')?.message).toMatch(/"Day" and "Week" could each be the time/);
    expect(two.ok ? [] : two.issues.map((i) => i.code)).toContain('missing-column');
    const d = parseDataset('Day,Mean,SD,N,Min,Max\n0,1,0.1,5,0.8,1.2\n7,2,0.2,5,1.7,2.4\n', { name: 'd.csv' });
    expect(d.series[0]!.times).toEqual([0, 7]);
  });
});

describe('header spellings', () => {
  it('reads the spellings of clinical tables and without their dots or spaces', () => {
    const keys: Record<string, string> = {
      'S.D.': 'sd', 'Std. Dev.': 'sd', StdDev: 'sd', 'S.E.M.': 'sem', 'Std. Error': 'sem', 'Arithmetic mean': 'mean',
      'Mean conc. (ng/mL)': 'mean', 'No. of patients': 'n', 'Number of subjects': 'n', 'Sample size': 'n',
      '95% CI lower': 'ci_low', 'Upper 95% CI': 'ci_high', LCI: 'ci_low', UCI: 'ci_high', Treatment: 'group',
      'Dose group': 'group', USUBJID: 'id', AVAL: 'value', Result: 'value', PCTEST: 'observable', Parameter: 'observable',
      'LOD (ng/mL)': 'lloq', 'Lower limit of quantitation': 'lloq', 'N below LOQ': 'n_blq', 'n<LLOQ': 'n_blq', 'No. BLQ': 'n_blq',
    };
    for (const [header, key] of Object.entries(keys)) expect(readHeaderCell(header).key, header).toBe(key);
    expect(readHeaderCell('Mean conc. (ng/mL)').unit).toBe('ng/mL');
    // not columns the data stage knows
    for (const header of ['Visit', 'Conc']) expect(readHeaderCell(header).key, header).toBeNull();
    // a visit's range (a median's or a mean's spread where nothing else gives one)
    for (const [header, key] of [['Min', 'min'], ['Maximum', 'max'], ['Range low', 'min'], ['range_max', 'max']]) expect(readHeaderCell(header!).key, header).toBe(key);

    const d = parseDataset('Treatment,Day,Mean,S.D.,No. of patients\nA,0,1,0.1,12\nA,7,2,0.3,11\nB,0,1.1,0.2,10\nB,7,1.5,0.2,10\n', { name: 'clinic.csv' });
    expect(d.groups.map((g) => g.name)).toEqual(['A', 'B']);
    expect(d.series.find((s) => s.group === 'A')!.n).toEqual([12, 11]);
    expect(d.series.find((s) => s.group === 'B')!.sd).toEqual([0.2, 0.2]);
  });
});
