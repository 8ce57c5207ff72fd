import { describe, expect, it } from 'vitest';
import { parseDataset, tryParseDataset, type Dataset } from '../../src/data/index.ts';
import { fixture } from './fixtures.ts';

const series = (d: Dataset, group: string, observable = 'y') => {
  const s = d.series.find((x) => x.group === group && x.observable === observable);
  if (!s) throw new Error(`no series ${group}/${observable}`);
  return s;
};

describe('aggregate CSV files', () => {
  it('reads groups, doses, units, the time unit from the header, and a mean-only row', () => {
    const d = parseDataset(fixture('aggregate-groups.csv'), { name: 'pk' });
    expect(d.name).toBe('pk');
    expect(d.timeUnit).toBe('h');
    expect(d.observables).toEqual([{ name: 'conc', unit: 'mg/L' }]);
    expect(d.groups).toEqual([{ name: 'low', covariates: { dose: 100 } }, { name: 'high', covariates: { dose: 300 } }]);
    const low = series(d, 'low', 'conc');
    expect(low.times).toEqual([0.5, 1, 2, 4, 8, 24]);
    expect(low.mean[2]).toBe(3.1);
    expect(low.sd).toEqual([0.61, 0.83, 0.95, 0.88, 0.6, null]);
    expect(low.n).toEqual([12, 12, 12, 11, 11, 10]);
    expect(low.unit).toBe('mg/L');
    expect(d.source).toEqual({ format: 'aggregate', rows: 12 });
    expect(d.individuals).toBeUndefined();
  });

  it('derives SD from SEM·√n, with capitalized header aliases and the default group/observable', () => {
    const d = parseDataset(fixture('aggregate-sem.csv'));
    expect(d.groups).toEqual([{ name: 'all', covariates: {} }]);
    expect(d.observables).toEqual([{ name: 'y' }]);
    const s = series(d, 'all');
    expect(s.sd[0]).toBeCloseTo(0.5 * 4, 12);
    expect(s.sd[2]).toBeCloseTo(1.0 * Math.sqrt(15), 12);
  });

  it('derives SD from a 95% CI with the t quantile, and reads "arm" as the group', () => {
    const d = parseDataset(fixture('aggregate-ci.csv'));
    expect(d.groups.map((g) => g.name)).toEqual(['placebo', 'treated']);
    // n = 6 → t(0.975, 5) = 2.570582; n = 9 → t(0.975, 8) = 2.306004
    expect(series(d, 'placebo').sd[0]).toBeCloseTo((Math.sqrt(6) * 10) / (2 * 2.570581836), 6);
    expect(series(d, 'treated').sd[1]).toBeCloseTo((Math.sqrt(9) * 7) / (2 * 2.306004135), 6);
  });

  it.each(['semicolon-decimal-comma.csv', 'bom-crlf.csv', 'pasted-tab.tsv'])('%s: ";"/tab delimiters, decimal commas, BOM and CRLF', (name) => {
    const d = parseDataset(fixture(name));
    const s = series(d, 'all');
    expect(s.times).toEqual([0, 1, 2]);
    expect(s.mean).toEqual([1.5, 2.75, 3]);
    expect(s.sd).toEqual([0.25, 0.5, 0.75]);
    expect(s.n).toEqual([10, 10, 9]);
  });

  it('accepts mixed line endings, blank lines, surrounding spaces and trailing empty cells', () => {
    const d = parseDataset(' Time , Mean , SD , N \r\n\n0, 1 ,0.1, 5,,\r1,2,0.2,5\n\n');
    expect(series(d, 'all').mean).toEqual([1, 2]);
  });

  it("skips a visit nobody measured (R's NA, Excel's #N/A, an empty mean) and reads NA elsewhere as empty", () => {
    const r = tryParseDataset('time,mean,sd,n\n0,1,0.1,5\n1,NA,NA,NA\n2,#N/A,,5\n3,,0.2,5\n4,2,NA,1\n');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(series(r.dataset, 'all').times).toEqual([0, 4]);
    expect(series(r.dataset, 'all').sd).toEqual([0.1, null]);
    expect(r.warnings.filter((w) => w.code === 'missing-value').map((w) => [w.row, w.column])).toEqual([[3, 'mean'], [4, 'mean'], [5, 'mean']]);
    expect(r.warnings.find((w) => w.row === 3)?.message).toMatch(/missing \("NA"\): row skipped/);
    // a required cell written NA is still an error that says so
    const bad = tryParseDataset('time,mean,sd,n\nNA,1,0.1,5\n');
    expect(bad).toMatchObject({ ok: false, issues: [{ code: 'missing-value', row: 2, column: 'time', message: expect.stringMatching(/missing \("NA"\)/) }] });
  });

  it('reads a series whose rows are out of time order in time order, with a warning', () => {
    const r = tryParseDataset('time,mean,sd,n,lloq\n0,1,0.1,5,0.05\n2,2,0.2,6,\n1,3,0.3,7,0.02\n24,4,0.4,8,\n12,5,0.5,9,\n');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const s = series(r.dataset, 'all');
    expect(s.times).toEqual([0, 1, 2, 12, 24]);
    expect(s.mean).toEqual([1, 3, 2, 5, 4]);
    expect(s.sd).toEqual([0.1, 0.3, 0.2, 0.5, 0.4]);
    expect(s.n).toEqual([5, 7, 6, 9, 8]);
    expect(s.lloq).toEqual([0.05, 0.02, null, null, null]);
    expect(r.warnings.filter((w) => w.code === 'unsorted-time')).toEqual([expect.objectContaining({ row: 4, column: 'time' })]);
    // a time twice is still an error, wherever its rows are
    expect(tryParseDataset('time,mean,n\n0,1,5\n2,2,5\n0,3,5\n')).toMatchObject({ ok: false, issues: [{ code: 'duplicate-time', row: 4 }] });
  });

  it('reads single values at one time as one visit: one unit measured again (MASS wtloss weighs its patient twice on day 7), or subjects without an id', () => {
    const r = tryParseDataset('time,mean,n\n0,184.35,1\n7,180.45,1\n4,182.51,1\n7,179.91,1\n7,180.9,1\n14,178.3,1\n');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const s = r.dataset.series[0]!;
    expect(s.times).toEqual([0, 4, 7, 14]);
    // most times have one value: the series is one unit's trajectory, and stays one (n = 1)
    expect(s.n).toEqual([1, 1, 1, 1]);
    expect(s.mean[2]).toBeCloseTo((180.45 + 179.91 + 180.9) / 3, 10);
    expect(s.sd).toEqual([null, null, null, null]);
    expect(r.warnings.filter((w) => w.code === 'replicate-values')).toEqual([expect.objectContaining({ code: 'replicate-values', row: 3, column: 'time', message: expect.stringMatching(/rows 3, 5, 6 .* time 7 .* one unit measured again/) })]);
    // most times have several values: different subjects, pooled as individual rows are
    const p = tryParseDataset('time,mean,n\n0,1,1\n0,2,1\n0,6,1\n1,4,1\n1,8,1\n2,5,1\n');
    expect(p.ok).toBe(true);
    if (!p.ok) return;
    const q = p.dataset.series[0]!;
    expect(q.n).toEqual([3, 2, 1]);
    expect(q.mean).toEqual([3, 6, 5]);
    expect(q.sd[0]).toBeCloseTo(Math.sqrt(7), 12);
    expect(q.sd[1]).toBeCloseTo(Math.sqrt(8), 12);
    expect(q.sd[2]).toBeNull();
    expect(p.warnings.filter((w) => w.code === 'replicate-values').map((w) => w.message)).toEqual([expect.stringMatching(/n 3\)$/), expect.stringMatching(/n 2\)$/)]);
    // summaries of several subjects at one time, or censored rows, are not pooled
    expect(tryParseDataset('time,mean,sd,n\n0,1,0.1,5\n0,2,,1\n')).toMatchObject({ ok: false, issues: [{ code: 'duplicate-time', row: 3 }] });
    expect(tryParseDataset('time,mean,n,lloq\n0,0.1,1,0.1\n0,2,1,\n')).toMatchObject({ ok: false, issues: [{ code: 'duplicate-time' }] });
  });

  it('reads time and value with no subject column as single measurements: one series, replicates pooled (mkin FOCUS D)', () => {
    const r = tryParseDataset('observable,time,value\nparent,0,99.46\nparent,0,102.04\nparent,1,93.5\nparent,1,92.5\nparent,3,63.23\nparent,3,68.99\nparent,100,NA\nm1,0,0\nm1,1,4.84\n');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const parent = r.dataset.series.find((s) => s.observable === 'parent')!;
    expect(parent.times).toEqual([0, 1, 3]);
    // two values at each time: two units, pooled to mean, SD and n 2
    expect(parent.n).toEqual([2, 2, 2]);
    expect(parent.mean[0]).toBeCloseTo((99.46 + 102.04) / 2, 10);
    expect(parent.sd[1]).toBeCloseTo(Math.SQRT1_2, 10);
    expect(r.dataset.series.find((s) => s.observable === 'm1')!.n).toEqual([1, 1]);
    expect(r.warnings.find((w) => w.code === 'single-values')).toMatchObject({ row: 1, column: 'value', message: expect.stringMatching(/no subject \(id\) column: each row of "value" is read as one measurement \(n = 1\)/) });
    expect(r.warnings.some((w) => w.code === 'unknown-column' || w.code === 'no-spread')).toBe(false);
    // with a subject column the same rows are individual data; with a summary column they are visits
    expect(tryParseDataset('id,time,value\n1,0,1\n1,0,2\n2,0,4\n')).toMatchObject({ ok: true, dataset: { series: [{ mean: [2.75], n: [2] }] }, warnings: [expect.objectContaining({ code: 'repeated-sample' })] });
    expect(tryParseDataset('time,value,sd\n0,1,0.1\n')).toMatchObject({ ok: false, issues: [expect.objectContaining({ code: 'missing-column' })] });
  });

  it('keeps interleaved series apart: sorting is only required within a group and observable', () => {
    const d = parseDataset('group,time,mean,sd,n\nA,0,1,0.1,5\nB,0,2,0.1,5\nA,1,3,0.1,5\nB,1,4,0.1,5\n');
    expect(series(d, 'A').mean).toEqual([1, 3]);
    expect(series(d, 'B').mean).toEqual([2, 4]);
  });
});

describe('individual CSV files', () => {
  it('aggregates per group and time with the sample SD and keeps the rows', () => {
    const r = tryParseDataset(fixture('individual.csv'));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const d = r.dataset;
    // the empty value (row 7) is skipped with a warning naming the cell
    expect(r.warnings).toContainEqual(expect.objectContaining({ code: 'missing-value', row: 7, column: 'value' }));
    expect(d.source).toEqual({ format: 'individual', rows: 9, subjects: 5 });
    expect(d.groups).toEqual([{ name: 'A', covariates: { dose: 10 } }, { name: 'B', covariates: { dose: 20 } }]);
    const a = series(d, 'A');
    expect(a.times).toEqual([1, 2]);
    expect(a.mean).toEqual([4, 1.5]);
    expect(a.sd[0]).toBeCloseTo(2, 14); // values 2, 4, 6
    expect(a.sd[1]).toBeCloseTo(Math.SQRT1_2, 14); // values 1, 2
    expect(a.n).toEqual([2 + 1, 2]);
    const b = series(d, 'B');
    expect(b.mean).toEqual([8, 5]);
    expect(b.sd).toEqual([expect.closeTo(Math.SQRT1_2, 14), null]); // one subject: no SD
    expect(d.individuals).toHaveLength(8);
    expect(d.individuals?.[0]).toEqual({ id: 's1', group: 'A', observable: 'y', time: 1, value: 2 });
  });

  it('sorts individual times itself', () => {
    const d = parseDataset('id,time,value\na,2,5\na,1,1\nb,1,3\nb,2,7\n');
    expect(series(d, 'all').times).toEqual([1, 2]);
    expect(series(d, 'all').mean).toEqual([2, 6]);
  });

  it('can be forced to one format', () => {
    const r = tryParseDataset(fixture('aggregate-sem.csv'), { format: 'individual' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues.map((i) => i.column)).toEqual(expect.arrayContaining(['id', 'value']));
  });
});
