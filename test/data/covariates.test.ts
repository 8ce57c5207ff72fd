// Per-group covariate columns (docs/data-format.md, "Covariate columns"): numeric columns holding
// one value per group become group covariates in CSV import, the table editor and export; a
// recognised covariate that changes within a group is an error naming row and column.
import { describe, expect, it } from 'vitest';
import { datasetToCsv, parseCells, parseDataset, tableOf, tryParseDataset } from '../../src/data/index.ts';
import { covariateName, describeCovariates, isBodyWeight } from '../../src/data/covariates.ts';

const ARMS = [
  'group,dose,weight (kg),age,site,time (h),mean,sd,n',
  'children,100,25.5,8,A,1,6.5,1.7,12',
  'children,100,25.5,8,A,2,6.6,1.2,12',
  'adults,100,85,41,B,1,2.5,0.6,12',
  'adults,100,85,41,B,2,2.9,0.5,12',
].join('\n');

describe('covariate columns in the aggregate format', () => {
  const r = tryParseDataset(ARMS);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));

  it('reads numeric columns constant within each group as group covariates, dose first', () => {
    expect(r.dataset.groups).toEqual([
      { name: 'children', covariates: { dose: 100, weight: 25.5, age: 8 } },
      { name: 'adults', covariates: { dose: 100, weight: 85, age: 41 } },
    ]);
    expect(r.dataset.covariates).toEqual([{ name: 'weight', unit: 'kg' }, { name: 'age' }]);
  });

  it('says which columns it reads as covariates, and still warns about a text column', () => {
    expect(r.warnings.filter((w) => w.code === 'covariate-column').map((w) => [w.row, w.column])).toEqual([[1, 'weight (kg)'], [1, 'age']]);
    expect(r.warnings.find((w) => w.code === 'unknown-column')).toMatchObject({ column: 'site', row: 1 });
  });

  it('writes the covariates back out (with their units) and reads the export back unchanged', () => {
    expect(tableOf(r.dataset).header).toEqual(['observable', 'group', 'dose', 'time (h)', 'mean', 'sd', 'n', 'weight (kg)', 'age']);
    const again = parseDataset(datasetToCsv(r.dataset));
    expect(again.groups).toEqual(r.dataset.groups);
    expect(again.covariates).toEqual(r.dataset.covariates);
  });

  it('works from the table editor (cells, decimal commas) and a group may state its value on one row only', () => {
    const t = parseCells({ header: ['group', 'WT', 'time', 'mean', 'n'], rows: [['a', '52,5', '1', '2', '10'], ['a', '', '2', '1', '10'], ['b', '80', '1', '1', '10']] });
    if (!t.ok) throw new Error(JSON.stringify(t.issues));
    expect(t.dataset.groups.map((g) => g.covariates)).toEqual([{ WT: 52.5 }, { WT: 80 }]);
  });

  it('refuses a recognised covariate that changes within a group, naming the row and column', () => {
    const bad = ARMS.replace('children,100,25.5,8,A,2', 'children,100,26,8,A,2');
    const e = tryParseDataset(bad);
    expect(e.ok).toBe(false);
    if (e.ok) return;
    expect(e.issues).toEqual([expect.objectContaining({ code: 'inconsistent-covariate', row: 3, column: 'weight (kg)' })]);
    expect(e.issues[0]!.message).toMatch(/group "children" has weight \(kg\) 25.5 at row 2 but 26 here/);
  });

  it('leaves out an unrecognised numeric column that changes within a group (a visit number), with a warning', () => {
    const csv = 'group,visit,time,mean,n\na,1,1,2,10\na,2,2,1,10\n';
    const v = tryParseDataset(csv);
    if (!v.ok) throw new Error(JSON.stringify(v.issues));
    expect(v.dataset.groups[0]!.covariates).toEqual({});
    expect(v.dataset.covariates).toBeUndefined();
    expect(v.warnings).toContainEqual(expect.objectContaining({ code: 'unused-column', row: 3, column: 'visit' }));
    expect(v.warnings.some((w) => w.code === 'covariate-column')).toBe(false);
  });

  it('refuses two columns naming one covariate, and a covariate beyond the magnitude limit', () => {
    const twin = tryParseDataset('time,mean,n,WT,wt\n1,2,10,70,70\n');
    expect(twin.ok ? [] : twin.issues).toEqual([expect.objectContaining({ code: 'duplicate-column', row: 1, column: 'wt' })]);
    const big = tryParseDataset('time,mean,n,age\n1,2,10,1e60\n');
    expect(big.ok ? [] : big.issues).toEqual([expect.objectContaining({ code: 'out-of-range', row: 2, column: 'age' })]);
  });
});

describe('covariate names', () => {
  it('are the header without its unit, as identifiers', () => {
    expect(covariateName('body weight')).toBe('body_weight');
    expect(covariateName('WT')).toBe('WT');
    expect(covariateName('2nd dose day')).toBe('cov_2nd_dose_day');
  });

  it('are shown with 4 significant digits and their units', () => {
    expect(describeCovariates({ dose: 100, WT: 72.333333 }, [{ name: 'WT', unit: 'kg' }])).toBe('dose 100, WT 72.33 kg');
  });

  it('recognise body weight by its usual spellings', () => {
    expect(['WT', 'weight', 'BW', 'body weight', 'Body-Weight'].every(isBodyWeight)).toBe(true);
    expect(['age', 'height', 'wtf'].some(isBodyWeight)).toBe(false);
  });
});

describe('per-subject covariates in the individual format', () => {
  const csv = ['id,group,wt (kg),time,value', 's1,A,60,1,2.0', 's1,A,60,2,1.0', 's2,A,80,1,3.0', 's2,A,80,2,1.5', 's3,B,90,1,1.0'].join('\n');

  it('become the mean over each group\'s subjects', () => {
    const r = tryParseDataset(csv);
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    expect(r.dataset.groups.map((g) => [g.name, g.covariates])).toEqual([['A', { wt: 70 }], ['B', { wt: 90 }]]);
    expect(r.dataset.covariates).toEqual([{ name: 'wt', unit: 'kg' }]);
    expect(r.warnings).toContainEqual(expect.objectContaining({ code: 'covariate-column', column: 'wt (kg)' }));
  });

  it('leave out a weight that changes within a subject (time-varying, as in NONMEM tables), naming the row, column and subject', () => {
    const r = tryParseDataset(csv.replace('s1,A,60,2', 's1,A,61,2'));
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    expect(r.dataset.groups.every((g) => !('wt' in g.covariates))).toBe(true);
    const w = r.warnings.find((x) => x.code === 'unused-column');
    expect(w).toMatchObject({ row: 3, column: 'wt (kg)' });
    expect(w!.message).toMatch(/subject "s1" has wt \(kg\) 60 at row 2 but 61 here/);
  });
});

describe('per-subject covariates in NONMEM tables', () => {
  it('become the mean over each group\'s subjects, with the unit of the header', () => {
    const csv = [
      'ID,TIME,DV,AMT,EVID,CMT,WT (kg),AGE',
      '1,0,.,100,1,1,60,30', '1,1,2.0,.,0,2,60,30',
      '2,0,.,100,1,1,80,50', '2,1,1.5,.,0,2,80,50',
      '3,0,.,200,1,1,90,40', '3,1,3.0,.,0,2,90,40',
    ].join('\n');
    const d = parseDataset(csv);
    expect(d.groups.map((g) => [g.covariates.dose, g.covariates.WT, g.covariates.AGE])).toEqual([[100, 70, 40], [200, 90, 40]]);
    expect(d.covariates).toEqual([{ name: 'WT', unit: 'kg' }, { name: 'AGE' }]);
    // exported as the aggregate table with the covariate columns, and read back
    expect(parseDataset(datasetToCsv(d)).groups.map((g) => g.covariates)).toEqual(d.groups.map((g) => g.covariates));
  });

  it('leave out a weight that changes within a subject (time-varying), with a warning naming row and column', () => {
    const r = tryParseDataset('ID,TIME,DV,AMT,EVID,CMT,WT\n1,0,.,100,1,1,60\n1,1,2.0,.,0,2,61\n');
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    expect(r.dataset.groups[0]!.covariates.WT).toBeUndefined();
    expect(r.warnings).toContainEqual(expect.objectContaining({ code: 'unused-column', row: 3, column: 'WT' }));
  });
});
