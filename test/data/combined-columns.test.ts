// A centre and its spread in one column, as published tables print them ("mean (SD)" with cells
// "5.2 (1.1)"): split into the columns the readers know, with errors that name the cell.
import { describe, expect, it } from 'vitest';
import { parseDataset, tryParseDataset } from '../../src/data/index.ts';
import { splitCentreAndSpread } from '../../src/data/combined-columns.ts';

const series = (csv: string) => parseDataset(csv).series[0]!;

describe('combined centre-and-spread columns', () => {
  it('"mean (SD)" with a unit, "mean ± SD" and "mean +/- SEM" read as mean and SD', () => {
    const a = parseDataset('time (h),Mean (SD) [ng/mL],n\n0,0 (0),12\n1,5.2 (1.1),12\n2,4.1,12\n');
    expect(a.series[0]!.mean).toEqual([0, 5.2, 4.1]);
    expect(a.series[0]!.sd).toEqual([0, 1.1, null]);
    expect(a.observables[0]!.unit).toBe('ng/mL');
    expect(series('time,mean ± SD,n\n1,5.2 ± 1.1,12\n2,4.1 ± 0.9,12\n').sd).toEqual([1.1, 0.9]);
    // SD = SEM · √n
    expect(series('time,mean +/- SEM (mg/L),n\n1,5.2 +/- 0.5,16\n').sd[0]).toBeCloseTo(2, 12);
  });

  it('a geometric mean with its CV% and a median with its quartiles are converted as their own columns are', () => {
    const geo = series('time,geometric mean (CV%),n\n1,5.2 (20%),12\n');
    const own = series('time,geo_mean,geo_cv,n\n1,5.2,20,12\n');
    expect(geo.mean).toEqual(own.mean);
    expect(geo.sd).toEqual(own.sd);
    const med = series('time;median (IQR);n\n1;5,2 (4,1–6,0);12\n2;4,1 [3,5 - 4,8];12\n');
    const medOwn = series('time,median,q1,q3,n\n1,5.2,4.1,6.0,12\n2,4.1,3.5,4.8,12\n');
    expect(med.mean).toEqual(medOwn.mean);
    expect(med.sd).toEqual(medOwn.sd);
  });

  it('a mean with its 95% CI reads as mean, ci_low and ci_high', () => {
    expect(series('time,mean (95% CI),n\n1,5.2 (4.1–6.3),12\n')).toEqual(series('time,mean,ci_low,ci_high,n\n1,5.2,4.1,6.3,12\n'));
  });

  it('a cell not of the announced form is an error naming its row and column; a header with a unit in brackets is no combined column', () => {
    const r = tryParseDataset('time,mean (SD),n\n0,1 (0.1),12\n1,5.2 / 1.1,12\n2,high,12\n');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues.filter((i) => i.code === 'bad-combined-cell').map((i) => `${i.row}:${i.column}`)).toEqual(['3:mean (SD)', '4:mean (SD)']);
    const plain = parseDataset('time,mean (mg/L),sd,n\n1,2,0.5,10\n');
    expect(plain.observables[0]!.unit).toBe('mg/L');
    expect(plain.series[0]!.sd).toEqual([0.5]);
  });

  it('a header that names its quantity first gives the observable its name and unit; two such columns side by side are an error naming them', () => {
    const a = parseDataset('time (h),Concentration (ng/mL) mean (SD),n\n0.5,5.2 (1.1),12\n1,8.1 (2.0),11\n');
    expect(a.observables.map((o) => [o.name, o.unit])).toEqual([['Concentration', 'ng/mL']]);
    expect(a.series[0]!.mean).toEqual([5.2, 8.1]);
    expect(a.series[0]!.sd).toEqual([1.1, 2]);
    const b = parseDataset('time (h),"PCA, geometric mean (CV%) (% of normal)",n\n0,96 (10%),20\n24,40 (30%),20\n');
    expect(b.observables.map((o) => [o.name, o.unit])).toEqual([['PCA', '% of normal']]);
    expect(b.series[0]!.mean).toEqual(series('time,geo_mean,geo_cv,n\n0,96,10,20\n24,40,30,20\n').mean);
    // with an observable column the rows name their quantity; the header's name is not a second one
    const c = parseDataset('time,observable,Concentration mean ± SD (mg/L),n\n1,parent,5 ± 1,10\n1,metabolite,2 ± 0.5,10\n');
    expect(c.observables.map((o) => [o.name, o.unit])).toEqual([['parent', 'mg/L'], ['metabolite', 'mg/L']]);
    const side = tryParseDataset('time (h),Parent mean (SD),Metabolite mean (SD),n\n1,5 (1),2 (0.5),10\n');
    expect(side.ok).toBe(false);
    if (!side.ok) expect(side.issues.map((i) => i.code)).toEqual(['several-combined-columns']);
    if (!side.ok) expect(side.issues[0]!.message).toContain('"Parent mean (SD)", "Metabolite mean (SD)"');
  });
});

// A report's "mean (SD)" column with visits below the LLOQ and spreads it did not compute.
describe('a combined column with censored means and spreads not calculated', () => {
  it('reads "BLQ (NC)", "<LLOQ (0.5)" and "<0.5 (-)" as censored means and "22.0 (NC)" as a mean-only visit', () => {
    const csv = 'Time (h),Concentration (ng/mL) mean (SD),N\nPredose,BLQ (NC),12\n1,25.4 (8.2),12\n4,22.0 (NC),11\n24,<LLOQ (0.5),12\n30,"<0.5 (-)",12\n';
    const s = parseDataset(csv).series[0]!;
    expect(s.meanBelowLloq).toEqual([true, false, false, true, true]);
    expect(s.lloq).toEqual([null, null, null, 0.5, 0.5]);
    expect(s.mean).toEqual([0, 25.4, 22, 0.25, 0.25]);
    expect(s.sd).toEqual([null, 8.2, null, null, null]);
    // other text is still an error naming its row and column
    const bad = tryParseDataset(csv.replace('22.0 (NC)', '22.0 (high)'));
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.issues[0]).toMatchObject({ row: 4, code: 'bad-combined-cell' });
  });
});

describe('a quantity\'s column of "mean ± spread" cells under a header that names no statistic', () => {
  it('is read as mean ± SD with a warning that says so; censored means and lone means among them too', () => {
    const r = tryParseDataset('Time (h),Concentration (ng/mL),N\nPredose,BLQ,12\n0.5,12.3 ± 4.1,12\n1,20.1 ± 5.0,12\n24,<0.5,11\n');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const s = r.dataset.series[0]!;
    expect([s.observable, s.unit, s.mean, s.sd, s.n]).toEqual(['Concentration', 'ng/mL', [0, 12.3, 20.1, 0.25], [null, 4.1, 5, null], [12, 12, 12, 11]]);
    expect(r.warnings.find((w) => w.code === 'plus-minus-sd')!.message).toMatch(/read as mean ± SD/);
    // numbers alone are no such column (the quantity column is then the mean, quantity-column.ts),
    // and a table with a mean column is left as it is
    const plain = tryParseDataset('Time (h),Concentration (ng/mL),N\n0.5,12.3,12\n');
    expect(plain.ok && plain.warnings.map((w) => w.code)).not.toContain('plus-minus-sd');
    expect(parseDataset('time,mean,sd,n,note\n1,2,1,5,x ± y\n').series[0]!.mean).toEqual([2]);
  });
});


describe('splitCentreAndSpread, shared by combined columns and arm columns', () => {
  it('splits a centre from its spread and leaves a lone, censored or not-calculated centre without one', () => {
    expect(splitCentreAndSpread(' 5.2 ± 1.1 ')).toEqual({ centre: '5.2', spread: '1.1' });
    expect(splitCentreAndSpread('5.2 (21%)')).toEqual({ centre: '5.2', spread: '21' });
    expect(splitCentreAndSpread('5.2 [1.1]')).toEqual({ centre: '5.2', spread: '1.1' });
    expect(splitCentreAndSpread('5.2 +/- 1.1')).toEqual({ centre: '5.2', spread: '1.1' });
    expect(splitCentreAndSpread('5.2')).toEqual({ centre: '5.2', spread: '' });
    expect(splitCentreAndSpread('')).toEqual({ centre: '', spread: '' });
    expect(splitCentreAndSpread('BLQ')).toEqual({ centre: 'BLQ', spread: '' });
    expect(splitCentreAndSpread('BLQ (NC)')).toEqual({ centre: 'BLQ', spread: '' });
    expect(splitCentreAndSpread('22.0 (NC)')).toEqual({ centre: '22.0', spread: '' });
    expect(splitCentreAndSpread('5.2 ± -')).toEqual({ centre: '5.2', spread: '' });
    // not a centre and its spread: the callers report the cell
    expect(splitCentreAndSpread('high (1.1)')).toBeNull();
    expect(splitCentreAndSpread('5.2 (abc)')).toBeNull();
    expect(splitCentreAndSpread('5.2 ± 1.1 ± 3')).toBeNull();
    expect(splitCentreAndSpread('1'.repeat(300) + ' ± 1')).toBeNull();
  });
});
