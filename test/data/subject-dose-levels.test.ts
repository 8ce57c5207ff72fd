// Individual rows whose subjects were each given a dose of their own (src/data/subject-dose-levels.ts):
// dose levels shared by several subjects become a group each; doses that scatter (by body weight)
// keep the group at its subjects' mean dose. Before, both stopped with `inconsistent-dose`.
import { describe, expect, it } from 'vitest';
import { individualsToDataset, tryParseDataset, type IndividualRow } from '../../src/data/index.ts';
import { IssueCollector } from '../../src/data/issues.ts';
import { oneDosePerGroup } from '../../src/data/subject-dose-levels.ts';

const row = (id: string, time: number, value: number, dose: number, group = 'all'): IndividualRow => ({ id, time, value, dose, group, observable: 'conc' });
const profile = (id: string, dose: number, group = 'all') => [1, 2, 4].map((t) => row(id, t, dose / t, dose, group));

describe('subjects at doses of their own in individual rows', () => {
  it('makes a group of each dose level shared by several subjects, at the level\'s mean dose', () => {
    // three subjects at 100 mg (one weighed at 102), three at 200 mg, no group column
    const rows = [...profile('a', 100), ...profile('b', 102), ...profile('c', 100), ...profile('d', 200), ...profile('e', 200), ...profile('f', 200)];
    const r = individualsToDataset(rows, {}, new IssueCollector(), { doseUnit: 'mg' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.dataset.groups.map((g) => [g.name, g.covariates.dose])).toEqual([['100.7 mg', (100 + 102 + 100) / 3], ['200 mg', 200]]);
    expect(r.dataset.series.map((s) => s.n)).toEqual([[3, 3, 3], [3, 3, 3]]);
    expect(r.warnings).toContainEqual(expect.objectContaining({ code: 'dose-per-subject', message: expect.stringMatching(/2 dose levels.*100\.7 mg \(3 subjects\), 200 mg \(3 subjects\)/) }));
    // a group the table names keeps its name before the level's
    const named = oneDosePerGroup(rows.map((x) => ({ ...x, group: 'arm A' })), new IssueCollector(), 'dose', undefined, false);
    expect([...new Set(named.map((x) => x.group))]).toEqual(['arm A, dose 100.7', 'arm A, dose 200']);
  });

  it('keeps the group at its subjects\' mean dose where the doses scatter (a dose by body weight)', () => {
    const doses = [3.1, 4.0, 4.4, 4.53, 4.92, 5.3, 5.86];
    const rows = doses.flatMap((d, k) => profile(`s${k}`, d));
    const issues = new IssueCollector();
    const r = individualsToDataset(rows, {}, issues, { doseUnit: 'mg/kg' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const mean = doses.reduce((a, d) => a + d, 0) / doses.length;
    expect(r.dataset.groups).toEqual([{ name: 'all', covariates: { dose: mean } }]);
    expect(r.dataset.series[0]!.n).toEqual([7, 7, 7]);
    expect(r.warnings).toContainEqual(expect.objectContaining({ code: 'dose-per-subject', message: expect.stringMatching(/3\.1 to 5\.86 mg\/kg, 7 subjects.*the group's dose is its subjects' mean, 4\.587 mg\/kg/) }));
    // never split where a dosing table names the groups: the mean dose there too
    const kept = oneDosePerGroup([...profile('a', 100), ...profile('b', 100), ...profile('c', 200), ...profile('d', 200)], new IssueCollector(), 'dose', 'mg', true);
    expect(new Set(kept.map((x) => `${x.group} ${x.dose}`))).toEqual(new Set(['all 150']));
  });

  it('still stops where one subject\'s rows give two doses, naming the row', () => {
    const r = individualsToDataset([row('a', 1, 5, 100), row('a', 2, 3, 200), row('b', 1, 5, 100)]);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.issues).toContainEqual(expect.objectContaining({ code: 'inconsistent-dose' }));
  });

  it('reads R\'s Theoph as it ships (Subject, Wt, Dose in mg/kg, Time, conc): one group at the mean dose, the weight a covariate, eleven visits of twelve', () => {
    // the first three of Theoph's twelve subjects in full, the others' rows as they ship (datasets::Theoph)
    const theoph = [
      [1, 79.6, 4.02, [[0, 0.74], [0.25, 2.84], [0.57, 6.57], [1.12, 10.5], [2.02, 9.66], [3.82, 8.58], [5.1, 8.36], [7.03, 7.47], [9.05, 6.89], [12.12, 5.94], [24.37, 3.28]]],
      [2, 72.4, 4.4, [[0, 0], [0.27, 1.72], [0.52, 7.91], [1, 8.31], [1.92, 8.33], [3.5, 6.85], [5.02, 6.08], [7.03, 5.4], [9, 4.55], [12, 3.01], [24.3, 0.9]]],
      [3, 70.5, 4.53, [[0, 0], [0.27, 4.4], [0.58, 6.9], [1.02, 8.2], [2.02, 7.8], [3.62, 7.5], [5.08, 6.2], [7.07, 5.3], [9, 4.9], [12.15, 3.7], [24.17, 1.05]]],
      [4, 72.7, 4.4, [[0, 0], [0.35, 1.89], [0.6, 4.6], [1.07, 8.6], [2.13, 8.38], [3.5, 7.54], [5.02, 6.88], [7.02, 5.78], [9.02, 5.33], [11.98, 4.19], [24.65, 1.15]]],
      [5, 54.6, 5.86, [[0, 0], [0.3, 2.02], [0.52, 5.63], [1, 11.4], [2.02, 9.33], [3.5, 8.74], [5.02, 7.56], [7.02, 7.09], [9.1, 5.9], [12, 4.37], [24.35, 1.57]]],
    ] as const;
    const csv = ['Subject,Wt,Dose,Time,conc', ...theoph.flatMap(([id, wt, dose, obs]) => obs.map(([t, c]) => `${id},${wt},${dose},${t},${c}`))].join('\n');
    const r = tryParseDataset(csv);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.dataset.groups.map((g) => g.name)).toEqual(['all']);
    expect(r.dataset.groups[0]!.covariates.dose).toBeCloseTo((4.02 + 4.4 + 4.53 + 4.4 + 5.86) / 5, 12);
    expect(r.dataset.groups[0]!.covariates.Wt).toBeCloseTo((79.6 + 72.4 + 70.5 + 72.7 + 54.6) / 5, 12);
    expect(r.dataset.series[0]!.n).toEqual(Array(11).fill(5));
    expect(r.warnings.map((w) => w.code)).toEqual(expect.arrayContaining(['dose-per-subject', 'covariate-column', 'binned-times']));
    expect(r.warnings.map((w) => w.code)).not.toContain('unused-column');
  });
});
