// The regimen the words state (an infusion's length, a repetition), when the table carries none.
import { describe, expect, it } from 'vitest';
import { regimenFromWords, regimenFromWords as infusionFromWords } from '../../src/discover/regimen-from-words.ts';
import type { Dataset } from '../../src/data/types.ts';

/** each group's series peaks at `peak` (default 1) on the times 0.2–60 */
const data = (groups: { name: string; dose?: number; peak?: number }[], timeUnit?: string): Dataset => ({
  ...(timeUnit ? { timeUnit } : {}),
  observables: [{ name: 'conc', unit: 'ng/mL' }],
  groups: groups.map((g) => ({ name: g.name, covariates: (g.dose === undefined ? {} : { dose: g.dose }) as Record<string, number> })),
  series: groups.map((g) => {
    const times = [...new Set([0.2, 1, 4, 10, 20, 30, 60, g.peak ?? 1])].sort((a, b) => a - b);
    return { observable: 'conc', group: g.name, times, mean: times.map((t) => (t === (g.peak ?? 1) ? 10 : 5 / (1 + Math.abs(Math.log(t / (g.peak ?? 1)))))), sd: times.map(() => 1), n: times.map(() => 8) };
  }),
  source: { format: 'aggregate', rows: 3 * groups.length },
});
const durations = (d: Dataset) => d.groups.map((g) => [g.regimen?.route, g.regimen?.duration]);

describe('an infusion the words state', () => {
  it('reads the length from the context, in the data\'s time unit', () => {
    const d = data([{ name: '25mg', dose: 25 }, { name: '50mg', dose: 50 }], 'h');
    const r = infusionFromWords(d, 'Mavoglurant plasma concentration (ng/mL) after a 10-minute IV infusion of 25 or 50 mg')!;
    expect(durations(r.data)).toEqual([['infusion', 10 / 60], ['infusion', 10 / 60]]);
    expect(r.note).toMatch(/10 minute infusion: each group's dose is infused over 0\.1667 h/);
    for (const context of ['drug infused over 2 h', 'a 2 h intravenous infusion', 'an infusion lasting 120 minutes']) {
      expect(durations(infusionFromWords(d, context)!.data)[0], context).toEqual(['infusion', 2]);
    }
  });

  it('reads each group\'s length from its label when the context says infusion without one', () => {
    const d = data([{ name: '1.5ugkgmin_20min', dose: 30, peak: 20 }, { name: '3ugkgmin_4min', dose: 12, peak: 4 }, { name: '8ugkgmin_20min', dose: 160, peak: 20 }]);
    const r = infusionFromWords(d, 'Remifentanil arterial blood concentration (ng/mL) during and after an IV infusion')!;
    expect(durations(r.data)).toEqual([['infusion', 20], ['infusion', 4], ['infusion', 20]]);
    expect(r.note).toMatch(/"3ugkgmin_4min": 4 min/);
    expect(r.note).toMatch(/the data state no time unit; in min the group means peak nearest the infusions' ends/);
  });

  it('reads an infusion from labels that state a dose rate and a length, when the context names no route', () => {
    const d = data([{ name: '1.5ugkgmin_20min', dose: 30, peak: 20 }, { name: '3ugkgmin_4min', dose: 12, peak: 4 }], 'min');
    for (const context of ['Remifentanil concentrations', '']) {
      const r = infusionFromWords(d, context)!;
      expect(durations(r.data), context).toEqual([['infusion', 20], ['infusion', 4]]);
      expect(r.note).toMatch(/label states a dose rate, which only an infusion has/);
    }
    expect(durations(infusionFromWords(data([{ name: '2 mg/kg/h for 30 min', dose: 1 }, { name: '4 mg per hour 2 h', dose: 8 }], 'h'), '')!.data)).toEqual([['infusion', 0.5], ['infusion', 2]]);
    // a rate without a length, a length without a rate, or an oral context: no infusion
    expect(infusionFromWords(data([{ name: '1.5ugkgmin', dose: 30 }], 'min'), '')).toBeNull();
    expect(infusionFromWords(data([{ name: 'a_20min', dose: 30 }], 'min'), '')).toBeNull();
    expect(infusionFromWords(data([{ name: '100mg_2h', dose: 100 }], 'h'), '')).toBeNull();
    expect(infusionFromWords(d, 'after oral doses')).toBeNull();
  });

  it('takes the time unit that puts the infusion\'s end nearest the peaks when the data state none', () => {
    // a 10-minute infusion sampled in hours: the means peak at the first sample, 0.2
    const d = data([{ name: '25mg', dose: 25, peak: 0.2 }, { name: '50mg', dose: 50, peak: 0.2 }]);
    const r = infusionFromWords(d, 'after a 10-minute IV infusion of 25 or 50 mg')!;
    expect(durations(r.data)).toEqual([['infusion', 10 / 60], ['infusion', 10 / 60]]);
    expect(r.note).toMatch(/taken to be in h\b/);
  });

  it('does nothing without the word infusion, without doses, with a regimen in the data, or when a label states no length', () => {
    const d = data([{ name: 'a_20min', dose: 30 }, { name: 'b_4min', dose: 12 }], 'min');
    expect(infusionFromWords(d, 'after a single IV bolus')).toBeNull();
    expect(infusionFromWords(data([{ name: 'a_20min' }]), 'a 20 min infusion')).toBeNull();
    const withRegimen = { ...d, groups: d.groups.map((g) => ({ ...g, regimen: { route: 'iv' as const } })) };
    expect(infusionFromWords(withRegimen, 'a 20 min infusion')).toBeNull();
    expect(infusionFromWords(data([{ name: 'low', dose: 30 }, { name: 'b_4min', dose: 12 }]), 'during an infusion')).toBeNull();
    // a dose unit is not a length
    expect(infusionFromWords(data([{ name: '25mg', dose: 25 }]), 'during an infusion')).toBeNull();
  });
});

describe('a repetition the words state', () => {
  const regimens = (d: Dataset) => d.groups.map((g) => g.regimen);
  it('repeats each group\'s dose at the stated interval up to the last visit, by the stated route', () => {
    const d = data([{ name: 'low', dose: 100 }, { name: 'high', dose: 300 }], 'h');
    const r = regimenFromWords(d, 'Drug X plasma concentration after 100 or 300 mg orally every 12 h')!;
    // visits up to 60 h: doses at 0, 12, …, 60
    expect(regimens(r.data)).toEqual([{ route: 'oral', interval: 12, count: 6 }, { route: 'oral', interval: 12, count: 6 }]);
    expect(r.note).toMatch(/"every 12 h": each group's dose is repeated every 12 h, 6 doses up to the last visit \(60 h\)/);
    expect(regimens(regimenFromWords(d, 'q8h IV bolus')!.data)[0]).toEqual({ route: 'iv', interval: 8, count: 8 });
  });

  it('reads once/twice daily, a number of days or doses, and converts to the data\'s time unit', () => {
    const d = data([{ name: 'all', dose: 50 }], 'day');
    expect(regimens(regimenFromWords(d, 'tablets twice daily for 5 days')!.data)[0]).toEqual({ route: 'oral', interval: 0.5, count: 10 });
    expect(regimens(regimenFromWords(d, 'once daily, × 7 doses')!.data)[0]).toEqual({ interval: 1, count: 7 });
    // an infusion repeated: both
    const h = data([{ name: 'all', dose: 50 }], 'h');
    expect(regimens(regimenFromWords(h, 'a 1-h infusion every 24 h, 3 doses')!.data)[0]).toEqual({ route: 'infusion', duration: 1, interval: 24, count: 3 });
    expect(regimens(regimenFromWords(h, 'given as 1-hour intravenous infusions every 12 hours, three infusions')!.data)[0]).toEqual({ route: 'infusion', duration: 1, interval: 12, count: 3 });
    expect(regimens(regimenFromWords(h, 'an oral drug, 100 mg every 12 hours for six doses')!.data)[0]).toEqual({ route: 'oral', interval: 12, count: 6 });
  });

  it('reads weekly and daily regimens in the words of oncology and biologics protocols', () => {
    const days = data([{ name: '50mg', dose: 50 }, { name: '100mg', dose: 100 }], 'day');
    const first = (context: string) => regimens(regimenFromWords(days, context)!.data)[0];
    // visits up to day 60
    expect(first('Antibody serum concentration after weekly 1-h IV infusions of 50 or 100 mg')).toEqual({ route: 'infusion', duration: 1 / 24, interval: 7, count: 9 });
    expect(first('drug X 50 or 100 mg IV every 3 weeks')).toEqual({ route: 'iv', interval: 21, count: 3 });
    expect(first('50 or 100 mg IV Q3W')).toEqual({ route: 'iv', interval: 21, count: 3 });
    // subcutaneous: absorbed first-order from a depot, as an oral dose (domain.ts routeFromContext)
    expect(first('50 or 100 mg subcutaneous injection every week, 4 doses')).toEqual({ route: 'oral', interval: 7, count: 4 });
    expect(first('daily oral doses of 50 or 100 mg')).toEqual({ route: 'oral', interval: 1, count: 61 });
    expect(first('oral drug given every other day')).toEqual({ route: 'oral', interval: 2, count: 31 });
    expect(first('drug X IV every 7 days x4')).toEqual({ route: 'iv', interval: 7, count: 4 });
    // "weekly" or "daily" of something other than a dose is not a regimen
    expect(regimenFromWords(days, 'Drug X concentration after one 50 or 100 mg dose; weekly visits')).toBeNull();
    expect(regimenFromWords(days, 'drug X, 50 or 100 mg IV; daily measurements')).toBeNull();
  });

  it('builds nothing for a loading dose, a single dose, or an interval beyond the last visit', () => {
    const d = data([{ name: 'all', dose: 50 }], 'h');
    expect(regimenFromWords(d, 'a loading dose, then 5 mg every 12 h')).toBeNull();
    expect(regimenFromWords(d, 'after a single oral dose')).toBeNull();
    expect(regimenFromWords(d, 'every 4 weeks')).toBeNull();
  });

  it('reads a sampling schedule, a single dose, or words of no drug as no dosing regimen', () => {
    const d = data([{ name: 'all', dose: 320 }], 'h');
    expect(regimenFromWords(d, 'Theophylline plasma concentration measured every 2 h after a single oral dose')).toBeNull();
    expect(regimenFromWords(d, 'concentrations, samples taken every 12 h')).toBeNull();
    const noDose = data([{ name: 'a' }, { name: 'b' }], 'day');
    expect(regimenFromWords(noDose, 'Tumour volume (mm3) every 7 days in two cell lines')).toBeNull();
    expect(regimenFromWords(noDose, 'disease activity score assessed every 2 weeks')).toBeNull();
    // a dose word in the same clause: dosing
    expect(regimens(regimenFromWords(noDose, 'tumour volume; drug X dosed every 7 days')!.data)[0]).toEqual({ interval: 7, count: 9 });
  });

  it('doses every group when the table states no dose (the models\' default dose then applies)', () => {
    const d = data([{ name: 'all' }]);
    const r = regimenFromWords(d, 'Phenobarbital in neonates, IV doses every 12 h')!;
    expect(regimens(r.data)[0]).toEqual({ route: 'iv', interval: 12, count: 6 });
    expect(r.note).toMatch(/the data state no time unit: their times are taken to be in h/);
  });
});
