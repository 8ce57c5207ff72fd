// Layouts clinicians copy from papers and study reports, read from files (test/data/fixtures/paper/).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { tryParseDataset } from '../../src/data/index.ts';

const read = (name: string) => tryParseDataset(readFileSync(new URL(`fixtures/paper/${name}`, import.meta.url), 'utf8'), { name });

describe('tables from papers and reports', () => {
  it('a report\'s summary statistics with BLQ in the range: the mean and SD per visit, the all-BLQ pre-dose visit censored', () => {
    const r = read('pk-summary-statistics.csv');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const s = r.dataset.series[0]!;
    expect([s.times, s.n]).toEqual([[0, 0.5, 1, 2, 4, 8, 24], [24, 24, 24, 24, 23, 24, 22]]);
    expect(s.meanBelowLloq![0]).toBe(true);
    expect(s.sd.slice(1)).toEqual([45.6, 60.2, 66, 50.5, 30.1, 6.2]);
  });

  it('a captioned, transposed table in blocks per dose: two dose groups, their doses, the caption kept', () => {
    const r = read('transposed-by-dose.csv');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.dataset.caption).toMatch(/^Table 3\. Mean plasma concentrations/);
    expect(r.dataset.groups.map((g) => [g.name, g.covariates.dose])).toEqual([['100 mg', 100], ['200 mg', 200]]);
    expect(r.dataset.series.map((s) => s.times)).toEqual([[0, 0.5, 1, 2, 4, 8, 24], [0, 0.5, 1, 2, 4, 8, 24]]);
    expect(r.dataset.timeUnit).toBe('h');
  });

  it('a listing of subjects: summarised here from the four subjects, the printed summary rows left out', () => {
    const r = read('subject-listing.csv');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.dataset.source).toMatchObject({ format: 'individual', subjects: 4 });
    expect(r.dataset.series[0]!.n).toEqual([4, 4, 4, 4, 4, 4, 3]);
  });
});
