// Summary tables printed transposed: the times across the header, one row per statistic.
import { describe, expect, it } from 'vitest';
import { tryParseDataset } from '../../src/data/index.ts';

describe('a transposed summary table', () => {
  it('reads times across the header and a row per statistic as one visit per time, with a warning', () => {
    const r = tryParseDataset('Time (h),0,0.5,1,2,4,8,24\nMean,0,12.3,25.1,30.2,22.0,10.1,1.1\nSD,0,4.5,8.0,9.1,7.7,4.2,0.9\nN,12,12,12,12,11,12,10\n');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.dataset.timeUnit).toBe('h');
    const s = r.dataset.series[0]!;
    expect([s.times, s.mean, s.sd, s.n]).toEqual([[0, 0.5, 1, 2, 4, 8, 24], [0, 12.3, 25.1, 30.2, 22, 10.1, 1.1], [0, 4.5, 8, 9.1, 7.7, 4.2, 0.9], [12, 12, 12, 12, 11, 12, 10]]);
    expect(r.warnings.find((w) => w.code === 'transposed-table')!.message).toMatch(/rows name statistics \(mean, sd, n\): read as one row per time/);
  });

  it('reads blocks per dose group, their label written once, with times in the header cells\' own units', () => {
    const r = tryParseDataset(['Dose,Statistic,Pre-dose,30 min,1 h,4 h,24 h', '100 mg,Mean,BLQ,12.3,25.1,22.0,1.1', ',SD,NC,4.5,8.0,7.7,0.9', ',N,12,12,12,11,10',
      '200 mg,Mean,BLQ,25.0,49.8,45.1,2.5', ',SD,NC,9.0,15.2,14.0,1.6', ',N,12,12,12,12,12'].join('\n'));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.dataset.series.map((s) => [s.group, s.times, s.mean.slice(1), s.n])).toEqual([
      ['100 mg', [0, 0.5, 1, 4, 24], [12.3, 25.1, 22, 1.1], [12, 12, 12, 11, 10]],
      ['200 mg', [0, 0.5, 1, 4, 24], [25, 49.8, 45.1, 2.5], [12, 12, 12, 12, 12]],
    ]);
    expect(r.dataset.series[0]!.meanBelowLloq![0]).toBe(true);
    // the arms' doses, read from their labels as arm columns' are
    expect([r.dataset.groups.map((g) => g.covariates.dose), r.dataset.doseUnit]).toEqual([[100, 200], 'mg']);
    // a schedule's visits across the header, screening and follow-up among them
    const visits = tryParseDataset('Visit,Screening,Baseline,Week 4,Week 12,Follow-up\nMean,52,50,41,35,48\nSD,9,9,8,8,9\nN,20,20,19,18,15\n');
    expect(visits.ok && [visits.dataset.series[0]!.times, visits.dataset.series[0]!.mean]).toEqual([[0, 4, 12], [50, 41, 35]]);
    // a block labelled by a quantity with its unit is an observable
    const q = tryParseDataset(',Time (h),0,1,2,4\nConcentration (ng/mL),Mean,0,5,4,2\n,SD,0,1,1,0.5\n,N,8,8,8,8\n');
    expect(q.ok && [q.dataset.series[0]!.observable, q.dataset.observables[0]!.unit]).toEqual(['Concentration', 'ng/mL']);
  });

  it('reads a listing of subjects with the times across the header as subject-level values, leaving its summary rows out', () => {
    const r = tryParseDataset('Subject,0,0.5,1,2,24\n101,BLQ,10.2,22.1,28.0,1.0\n102,BLQ,14.5,27.9,33.1,1.5\n103,0.6,12.1,24.0,30.5,\nMean,NC,12.3,24.7,30.5,1.25\nSD,NC,2.2,2.9,2.6,0.35\n');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const s = r.dataset.series[0]!;
    expect(r.dataset.source).toMatchObject({ format: 'individual', subjects: 3 });
    expect([s.times, s.n]).toEqual([[0, 0.5, 1, 2, 24], [3, 3, 3, 3, 2]]);
    expect(s.mean[2]).toBeCloseTo(24.667, 3);
    expect(s.nBlq![0]).toBe(2);
    expect(r.warnings.find((w) => w.code === 'transposed-table')!.message).toMatch(/each row is a subject \(3\).*summary rows \("Mean", "SD"\) are left out/);
  });

  it('leaves other tables alone: repeated row labels, cells that are no values, too few times', () => {
    const repeated = tryParseDataset('id,0,1,2,4\n1,0,5,4,2\n1,0,6,5,3\n');
    expect(repeated.warnings.some((w) => w.code === 'transposed-table')).toBe(false);
    const words = tryParseDataset('name,1,2,3\nalpha,x,y,z\nbeta,u,v,w\n');
    expect(words.warnings.some((w) => w.code === 'transposed-table')).toBe(false);
    const few = tryParseDataset('Time (h),1,2\nMean,5,4\nSD,1,1\nN,8,8\n');
    expect(few.warnings.some((w) => w.code === 'transposed-table')).toBe(false);
    const long = tryParseDataset('time,mean,sd,n\n1,5,1,8\n2,4,1,8\n3,3,1,8\n');
    expect(long.ok && long.warnings.some((w) => w.code === 'transposed-table')).toBe(false);
  });
});
