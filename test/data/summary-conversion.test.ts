// Geometric means with geometric CV or SD, medians with quartiles, and CV% beside a mean
// (docs/data-format.md, "Geometric means, medians and CV%"): converted to the arithmetic mean and
// SD the likelihood uses. Checked against closed forms, against a large log-normal sample's own
// arithmetic mean and SD, and through the CSV reader (columns, warnings, errors by row and column).
import { describe, expect, it } from 'vitest';
import { tryParseDataset } from '../../src/data/index.ts';
import { expectedNormalRange, fromMedianQuartiles, fromMedianRange, logNormalMoments, logSdFromGeoCv, logSdFromGeoSd, QUARTILE_Z, sdFromCv, sdFromRange } from '../../src/data/summary-conversion.ts';
import { createRng } from '../../src/infer/rng.ts';

function ok(csv: string) {
  const r = tryParseDataset(csv);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r;
}

/** a sample's quantile (type 7, as R and spreadsheets compute it) */
function quantile(sorted: number[], p: number): number {
  const h = (sorted.length - 1) * p, lo = Math.floor(h);
  return sorted[lo]! + (h - lo) * ((sorted[lo + 1] ?? sorted[lo]!) - sorted[lo]!);
}

describe('summary conversion', () => {
  it('follows the log-normal closed forms', () => {
    const { mean, sd } = logNormalMoments(10, 0.5);
    expect(mean).toBeCloseTo(10 * Math.exp(0.125), 12);
    expect(sd).toBeCloseTo(mean * Math.sqrt(Math.exp(0.25) - 1), 12);
    // the geometric CV is the arithmetic CV of a log-normal
    const s = logSdFromGeoCv(40);
    expect(logNormalMoments(5, s).sd / logNormalMoments(5, s).mean).toBeCloseTo(0.4, 12);
    expect(logSdFromGeoSd(Math.exp(0.3))).toBeCloseTo(0.3, 12);
    // quartiles of a log-normal give back its moments; quartiles through zero fall back to the normal
    const q = fromMedianQuartiles(10, 10 * Math.exp(-QUARTILE_Z * 0.5), 10 * Math.exp(QUARTILE_Z * 0.5));
    expect(q.assumed).toBe('log-normal');
    expect(q.mean).toBeCloseTo(mean, 10);
    expect(q.sd).toBeCloseTo(sd, 10);
    expect(fromMedianQuartiles(1, -2, 4)).toEqual({ mean: 1, sd: 6 / (2 * QUARTILE_Z), assumed: 'normal' });
    expect(sdFromCv(25, -8)).toBe(2);
  });

  it('recover a large log-normal sample\'s arithmetic mean and SD from its geometric and median summaries', () => {
    const rng = createRng(7);
    const x = Array.from({ length: 200_000 }, () => 3 * Math.exp(0.6 * rng.normal())).sort((a, b) => a - b);
    const mean = x.reduce((a, b) => a + b, 0) / x.length;
    const sd = Math.sqrt(x.reduce((a, b) => a + (b - mean) ** 2, 0) / (x.length - 1));
    const logs = x.map(Math.log);
    const mu = logs.reduce((a, b) => a + b, 0) / x.length;
    const s = Math.sqrt(logs.reduce((a, b) => a + (b - mu) ** 2, 0) / (x.length - 1));
    const gcv = 100 * Math.sqrt(Math.expm1(s * s));
    const fromGeo = logNormalMoments(Math.exp(mu), logSdFromGeoCv(gcv));
    const fromQuartiles = fromMedianQuartiles(quantile(x, 0.5), quantile(x, 0.25), quantile(x, 0.75));
    for (const got of [fromGeo, fromQuartiles]) {
      expect(Math.abs(got.mean / mean - 1)).toBeLessThan(0.01);
      expect(Math.abs(got.sd / sd - 1)).toBeLessThan(0.03);
    }
  });

  it('read a geometric mean with its geometric CV (%) or SD, and say they were converted', () => {
    const r = ok('time (h),Geo. mean (ng/mL),Geo CV (%),n\n1,10,40,12\n2,8,,12\n');
    const s = r.dataset.series[0]!;
    const m = logNormalMoments(10, logSdFromGeoCv(40));
    expect(s.mean[0]).toBeCloseTo(m.mean, 12);
    expect(s.sd[0]).toBeCloseTo(m.sd, 12);
    // without a spread, the geometric mean stands for the mean of a mean-only visit
    expect([s.mean[1], s.sd[1]]).toEqual([8, null]);
    expect(r.dataset.observables[0]!.unit).toBe('ng/mL');
    expect(r.warnings.find((w) => w.code === 'converted-summary')?.message).toMatch(/geometric means .* log-normal/);
    const g = ok('time,gmean,gsd,n\n1,10,1.5,12\n').dataset.series[0]!;
    expect(g.mean[0]).toBeCloseTo(logNormalMoments(10, Math.log(1.5)).mean, 12);
  });

  it('read a median with its quartiles, and a CV% beside an arithmetic mean', () => {
    const r = ok('time,median,Q1,Q3,n\n1,10,7,14,20\n2,0.5,-1,2,20\n');
    const s = r.dataset.series[0]!;
    const lq = fromMedianQuartiles(10, 7, 14);
    expect([s.mean[0], s.sd[0]]).toEqual([lq.mean, lq.sd]);
    expect(s.mean[1]).toBe(0.5);
    expect(s.sd[1]).toBeCloseTo(3 / (2 * QUARTILE_Z), 12);
    expect(r.warnings.find((w) => w.code === 'converted-summary')?.message).toMatch(/medians and quartiles/);
    const c = ok('time,mean,CV%,n\n1,20,25,10\n').dataset.series[0]!;
    expect(c.sd[0]).toBe(5);
    // two spreads that disagree: the SD column wins, with a warning on the CV
    const both = ok('time,mean,sd,cv (%),n\n1,20,5,50,10\n');
    expect(both.dataset.series[0]!.sd[0]).toBe(5);
    expect(both.warnings.find((w) => w.code === 'inconsistent-sd')).toMatchObject({ column: 'cv (%)', row: 2 });
  });

  it('warn about a centre or spread it does not use, and refuse broken summaries by row and column', () => {
    const two = ok('time,mean,sd,median,q1,q3,n\n1,20,5,18,15,22,10\n');
    expect(two.dataset.series[0]!.mean[0]).toBe(20);
    expect(two.warnings.filter((w) => w.code === 'unused-column').map((w) => w.column)).toEqual(['median', 'q1', 'q3']);
    const geoSd = ok('time,geo_mean,sd,n\n1,20,5,10\n');
    expect(geoSd.warnings.find((w) => w.code === 'unused-column')?.column).toBe('sd');
    expect(geoSd.warnings.find((w) => w.code === 'no-spread')).toBeDefined();
    const cases: [string, string, string][] = [
      ['time,median,q1,q3,n\n1,10,7,,12\n', 'iqr-incomplete', 'q3'],
      ['time,median,q1,q3,n\n1,10,14,7,12\n', 'iqr-reversed', 'q3'],
      ['time,geo_mean,geo_sd,n\n1,10,0.5,12\n', 'bad-geo-sd', 'geo_sd'],
      ['time,geo_mean,gcv,n\n1,10,-5,12\n', 'negative-cv', 'gcv'],
      ['time,geo_mean,gcv,n\n1,-10,5,12\n', 'negative-geo-mean', 'geo_mean'],
      ['time,mean,cv,n\n1,10,-5,12\n', 'negative-cv', 'cv'],
    ];
    for (const [csv, code, column] of cases) {
      const r = tryParseDataset(csv);
      expect(r.ok, csv).toBe(false);
      if (r.ok) continue;
      expect(r.issues[0], csv).toMatchObject({ code, column, row: 2 });
    }
    // individual rows stay individual beside a column named like a summary
    const rows = ok('id,time,value,median\n1,0,2,\n2,0,4,\n');
    expect(rows.dataset.source.format).toBe('individual');
    const withMed = ok('id,time,value,med\n1,0,2,aspirin\n2,0,4,aspirin\n');
    expect(withMed.dataset.source.format).toBe('individual');
    // neither a mean, a geometric mean nor a median: the error lists all three
    const none = tryParseDataset('time,sd,n\n1,2,3\n');
    expect(none.ok).toBe(false);
    if (!none.ok) expect(none.issues[0]!.message).toMatch(/geo_mean .* median/);
  });

  it('convert a range with its n: ξ(n) is the mean range of n normals, and small log-normal cohorts recover their moments on average', () => {
    // the expected range of n standard normals (tables of Tippett 1925: 1.128, 2.326, 3.078, 3.735)
    // (Wan's approximation is within 5%, closest for the larger n)
    for (const [n, exact] of [[2, 1.128], [5, 2.326], [10, 3.078], [25, 3.931]] as const) expect(Math.abs(expectedNormalRange(n) / exact - 1), `n = ${n}`).toBeLessThan(0.05);
    // cohorts of 12 log-normal subjects (median 3, log-SD 0.5): the converted mean and SD average
    // to the population's within a few percent
    const rng = createRng(11);
    const truth = logNormalMoments(3, 0.5);
    let meanSum = 0, sdSum = 0;
    const cohorts = 4000;
    for (let c = 0; c < cohorts; c++) {
      const x = Array.from({ length: 12 }, () => 3 * Math.exp(0.5 * rng.normal())).sort((a, b) => a - b);
      const got = fromMedianRange(quantile(x, 0.5), x[0]!, x[11]!, 12);
      expect(got.assumed).toBe('log-normal');
      meanSum += got.mean; sdSum += got.sd;
    }
    expect(Math.abs(meanSum / cohorts / truth.mean - 1)).toBeLessThan(0.03);
    expect(Math.abs(sdSum / cohorts / truth.sd - 1)).toBeLessThan(0.08);
    // a range that reaches zero is taken as normal (Hozo's mean), and a mean's range gives its SD
    expect(fromMedianRange(2, 0, 6, 10)).toEqual({ mean: 2.5, sd: 6 / expectedNormalRange(10), assumed: 'normal' });
    expect(sdFromRange(1, 5.5, 12)).toBeCloseTo(4.5 / expectedNormalRange(12), 12);
  });

  it('read "median (range)", median with min and max columns, and a mean with its range only where nothing else gives the SD', () => {
    const combined = ok('Time (h),n,Median (range) (ng/mL)\n0.5,12,2.9 (1.0–5.5)\n2,12,7.9 (4.0 – 12.5)\n8,12,BLQ\n');
    const expected = fromMedianRange(2.9, 1, 5.5, 12);
    expect(combined.dataset.series[0]!.mean[0]).toBeCloseTo(expected.mean, 12);
    expect(combined.dataset.series[0]!.sd[0]).toBeCloseTo(expected.sd, 12);
    expect(combined.dataset.series[0]!.meanBelowLloq?.[2]).toBe(true);
    expect(combined.dataset.observables[0]!.unit).toBe('ng/mL');
    expect(combined.warnings.find((w) => w.code === 'converted-summary')!.message).toMatch(/medians and ranges .*Wan et al\. 2014/);
    const columns = ok('time,n,median,min,max\n1,12,2.9,1.0,5.5\n2,1,4,4,4\n');
    expect(columns.dataset.series[0]!.sd[0]).toBeCloseTo(expected.sd, 12);
    // one subject: the median is the value, without a spread
    expect(columns.dataset.series[0]!.sd[1]).toBeNull();
    const meanRange = ok('time,n,Mean (min–max)\n1,12,2.9 (1.0–5.5)\n');
    expect(meanRange.dataset.series[0]!.mean[0]).toBe(2.9);
    expect(meanRange.dataset.series[0]!.sd[0]).toBeCloseTo(sdFromRange(1, 5.5, 12), 12);
    // descriptive statistics with an SD: the range is not used
    const described = ok('time,N,Mean,SD,Min,Median,Max\n1,12,3.1,1.2,1.0,2.9,5.5\n');
    expect(described.dataset.series[0]!.sd[0]).toBe(1.2);
    expect(described.warnings.map((w) => w.code)).not.toContain('inconsistent-sd');
    // broken ranges are errors naming the cell
    const reversed = tryParseDataset('time,n,median,min,max\n1,12,2.9,5.5,1.0\n');
    expect(!reversed.ok && reversed.issues[0]).toMatchObject({ code: 'range-reversed', row: 2, column: 'max' });
    const half = tryParseDataset('time,n,median,min,max\n1,12,2.9,1.0,\n');
    expect(!half.ok && half.issues[0]).toMatchObject({ code: 'range-incomplete', row: 2, column: 'max' });
    const outside = ok('time,n,median,min,max\n1,12,7,1.0,5.5\n');
    expect(outside.warnings.map((w) => w.code)).toContain('centre-outside-range');
  });
});
