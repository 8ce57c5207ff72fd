// NONMEM-style tables through the ordinary import: dosing records → regimens and groups, events
// (EVID 0/1/2/4, MDV, BLQ) → visits, per-subject columns → group covariates.
import { describe, expect, it } from 'vitest';
import { parseDataset, tryParseDataset, type Dataset } from '../../src/data/index.ts';
import { describeRegimen } from '../../src/data/regimen.ts';
import { fixture } from './fixtures.ts';

function parsed(text: string): { dataset: Dataset; warnings: { code: string; row?: number; column?: string; message: string }[] } {
  const r = tryParseDataset(text);
  if (!r.ok) throw new Error(`expected a dataset, got ${JSON.stringify(r.issues)}`);
  return { dataset: r.dataset, warnings: r.warnings };
}

describe('a NONMEM table with EVID 0/1/2/4, MDV, CMT, RATE, "." and BLQ flags', () => {
  const { dataset: d, warnings } = parsed(fixture('nonmem-oral-addl.csv'));

  it('is read as individual data: 3 subjects, one group, aggregated locally', () => {
    expect(d.source).toEqual({ format: 'individual', rows: 17, subjects: 3 });
    expect(d.groups).toHaveLength(1);
    expect(d.observables).toEqual([{ name: 'y' }]);
  });

  it('expands ADDL/II into the regimen: count = ADDL + 1, interval = II, oral (dose in CMT 1, observations in CMT 2)', () => {
    const g = d.groups[0]!;
    expect(g.regimen).toEqual({ route: 'oral', interval: 24, count: 3 });
    expect(g.covariates.dose).toBe(50);
    expect(g.name).toBe(describeRegimen(g));
    expect(g.name).toBe('50 oral every 24 × 3');
  });

  it('bins scattered times to the median of each visit; a trough at a dose time stays before that dose', () => {
    const s = d.series[0]!;
    expect(s.times).toEqual([1, 4, 23.8, 72]);
    expect(s.n).toEqual([3, 3, 3, 3]);
    expect(s.mean.slice(0, 3)).toEqual([5, 4, 2]);
    s.sd.slice(0, 3).forEach((sd) => expect(sd).toBeCloseTo(1, 12));
  });

  it('counts BLQ-flagged records (MDV = 1) into nBlq with the LLOQ, entering the mean as LLOQ/2', () => {
    const s = d.series[0]!;
    expect(s.nBlq).toEqual([null, null, null, 2]);
    expect(s.lloq).toEqual([null, null, null, 0.5]);
    expect(s.mean[3]).toBeCloseTo((0.25 + 0.8 + 0.25) / 3, 12);
  });

  it('skips EVID 2 records silently and MDV = 1 observations without a BLQ flag with a warning', () => {
    expect(d.individuals).toHaveLength(10);
    expect(d.individuals!.some((r) => r.value === 9.9)).toBe(false);
    expect(warnings.find((w) => w.code === 'mdv-skipped')).toMatchObject({ row: 12, column: 'MDV' });
  });

  it('says how many observation times were moved to nominal times, and the largest move', () => {
    const w = warnings.find((x) => x.code === 'binned-times')!;
    expect(w).toMatchObject({ row: 5, column: 'TIME' });
    expect(w.message).toMatch(/^6 of 12 observation times were moved/);
    expect(w.message).toContain('largest move was 0.3 (row 5: 23.5 → 23.8)');
  });

  it('keeps the individual rows at their nominal times', () => {
    expect(d.individuals!.filter((r) => r.time === 23.8).map((r) => r.value).sort()).toEqual([1, 2, 3]);
  });

  it('turns a per-subject numeric column (WT) into a group covariate: the mean over subjects', () => {
    expect(d.groups[0]!.covariates.WT).toBe(70);
  });
});

describe('infusions and mixed regimens', () => {
  const { dataset: d, warnings } = parsed(fixture('nonmem-infusion-arms.csv'));

  it('reads RATE > 0 as an infusion lasting AMT / RATE, and a dose into the observed compartment as an IV bolus', () => {
    expect(d.groups.map((g) => [g.name, g.regimen])).toEqual([
      ['100 mg IV infusion over 2 h', { route: 'infusion', duration: 2 }],
      ['100 mg IV bolus', { route: 'iv' }],
      ['200 mg IV infusion over 2 h', { route: 'infusion', duration: 2 }],
    ]);
    expect(d.groups.map((g) => g.covariates.dose)).toEqual([100, 100, 200]);
    expect(d.timeUnit).toBe('h');
  });

  it('makes one group per distinct regimen, aggregating the subjects that share it', () => {
    const s = d.series.find((x) => x.group === '100 mg IV infusion over 2 h')!;
    expect(s.times).toEqual([1, 6]);
    expect(s.mean).toEqual([5, 2.5]);
    expect(s.n).toEqual([2, 2]);
    expect(d.series.find((x) => x.group === '200 mg IV infusion over 2 h')!.mean).toEqual([12]);
  });

  it('lowercase headers without EVID or MDV take NONMEM defaults (AMT > 0 is a dose)', () => {
    expect(d.source.subjects).toBe(4);
    expect(d.individuals).toHaveLength(6);
  });

  it('does not use a text column as a covariate, and says so', () => {
    expect(d.groups.every((g) => !('sex' in g.covariates))).toBe(true);
    expect(warnings.find((w) => w.code === 'unused-column')).toMatchObject({ column: 'sex', row: 2 });
  });
});

describe('tables as nlmixr2 and rxode2 write them, and doses written per subject', () => {
  // nlmixr2data's theo_md: EVID 101 (classic RxODE: a bolus dose to compartment 1), observations
  // in compartment 2, and amounts weighed per subject around one nominal dose
  const H = 'ID,TIME,DV,AMT,EVID,CMT,WT\n';
  const subject = (id: number, amt: number, dv: [number, number]) => `${id},0,0,${amt},101,1,70\n${id},24,0,${amt},101,1,70\n${id},1,${dv[0]},0,0,2,70\n${id},25,${dv[1]},0,0,2,70\n`;

  it('EVID 101 is a dose to compartment 1: an oral dose when the observations are in compartment 2', () => {
    const { dataset: d } = parsed(H + subject(1, 320, [8, 9]));
    expect(d.groups[0]!.regimen).toEqual({ route: 'oral', interval: 24, count: 2 });
    expect(d.groups[0]!.covariates.dose).toBe(320);
  });

  it('a classic RxODE infusion (EVID 10101, AMT the rate, on and off records) is one infusion: AMT rate × time, RATE the rate', () => {
    // nlmixr2data's wbcSim: 137 per hour from 0 to 2.99 h into compartment 1, observed in 3
    const { dataset: d } = parsed('ID,TIME,RATE,AMT,DV,CMT,EVID\n1,0,137,137,.,1,10101\n1,0,0,0,8.1,3,0\n1,2.99270072992701,-137,-137,.,1,10101\n1,192,0,0,3.3,3,0\n');
    expect(d.groups[0]!.regimen).toEqual({ route: 'infusion', duration: expect.closeTo(2.99270072992701, 12) });
    expect(d.groups[0]!.covariates.dose).toBeCloseTo(137 * 2.99270072992701, 9);
  });

  it('subjects given amounts within 5% of one another on one schedule are one group at their mean amount, with a warning', () => {
    const { dataset: d, warnings } = parsed(H + subject(1, 318.56, [8, 9]) + subject(2, 319.99, [7, 8]) + subject(3, 320.65, [9, 10]) + subject(4, 267.84, [6, 7]) + subject(5, 400, [10, 12]));
    expect(d.groups.map((g) => g.covariates.dose)).toEqual([expect.closeTo((318.56 + 319.99 + 320.65) / 3, 9), 267.84, 400]);
    const s = d.series.find((x) => x.group === d.groups[0]!.name)!;
    expect(s.n).toEqual([3, 3]);
    expect(s.mean).toEqual([8, 9]);
    expect(warnings.find((w) => w.code === 'dose-levels')?.message).toMatch(/1 group \(the first: 3 subjects given 318\.6 to 320\.6, dose 319\.7\)/);
    // one schedule each: the same amounts on different schedules stay apart
    const other = parsed(H + subject(1, 320, [8, 9]) + '2,0,0,321,101,1,70\n2,1,7,0,0,2,70\n');
    expect(other.dataset.groups.map((g) => g.covariates.dose)).toEqual([320, 321]);
    expect(other.warnings.some((w) => w.code === 'dose-levels')).toBe(false);
  });
});

describe('nlmixr2\'s real warfarin as it ships (id, time, amt, dv, dvid, evid, wt)', () => {
  // DVID names the observable ("cp", "pca"); no CMT, so the oral doses' route is not stated; one
  // subject has replicate assays at one time
  const T = 'id,time,amt,dv,dvid,evid,wt\n1,0,100,0,cp,1,66.7\n1,0,0,95,pca,0,66.7\n1,3,0,10,cp,0,66.7\n1,3,0,8,cp,0,66.7\n1,24,0,9,cp,0,66.7\n1,24,0,33,pca,0,66.7\n'
    + '2,0,100,0,cp,1,70\n2,0,0,98,pca,0,70\n2,3,0,12,cp,0,70\n2,24,0,7,cp,0,70\n2,24,0,40,pca,0,70\n';

  it('reads a DVID of text as the observable\'s name and one subject\'s replicate assays at one time as one sample', () => {
    const { dataset: d, warnings } = parsed(T);
    expect(d.observables.map((o) => o.name).sort()).toEqual(['cp', 'pca']);
    const cp = d.series.find((s) => s.observable === 'cp')!;
    expect(cp.times).toEqual([3, 24]);
    expect(cp.mean).toEqual([(9 + 12) / 2, 8]);
    expect(cp.n).toEqual([2, 2]);
    expect(warnings.find((w) => w.code === 'repeated-sample')?.message).toMatch(/subject "1" has 2 values of "cp" at time 3 \(rows 4, 5\): read as one sample, their mean 9/);
  });

  it('many repeated times are an error naming an occasion column', () => {
    const rows = Array.from({ length: 4 }, (_, k) => `1,${k + 1},0,${k},cp,0,70\n1,${k + 1},0,${k + 1},cp,0,70\n`).join('');
    const r = tryParseDataset('id,time,amt,dv,dvid,evid,wt\n1,0,100,0,cp,1,70\n' + rows);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.issues[0]).toMatchObject({ code: 'duplicate-time', row: 4 });
    expect(!r.ok && r.issues[0]!.message).toMatch(/4 records repeat a subject's time .* need an OCC column/);
  });
});

describe('dense schedules and occasions, as nlmixr2\'s mavoglurant ships them', () => {
  const H = 'ID,CMT,EVID,MDV,DV,AMT,TIME,OCC,RATE\n';
  it('a dense schedule each subject kept at slightly different times: visits within 2%, never two samples of one subject', () => {
    // subject 1 at 0.2 and 0.25 h, subject 2 at 0.21 and 0.23 h: a 10% gap would chain them all
    const t = H + '1,1,1,1,.,25,0,1,150\n1,2,0,0,500,.,0.2,1,0\n1,2,0,0,450,.,0.25,1,0\n2,1,1,1,.,25,0,1,150\n2,2,0,0,520,.,0.21,1,0\n2,2,0,0,470,.,0.23,1,0\n';
    const { dataset: d } = parsed(t);
    const s = d.series[0]!;
    expect(s.n.every((n) => n <= 2)).toBe(true);
    expect(s.n.reduce((a, n) => a + n, 0)).toBe(4);
    expect(s.times.length).toBeGreaterThanOrEqual(2);
  });

  it('occasions that start the clock again are subjects of their own, each with its own dose; a running clock stays one subject', () => {
    const t = H + '1,1,1,1,.,25,0,1,150\n1,2,0,0,500,.,1,1,0\n1,1,1,1,.,50,0,2,300\n1,2,0,0,990,.,1,2,0\n2,1,1,1,.,25,0,1,150\n2,2,0,0,520,.,1,1,0\n';
    const { dataset: d, warnings } = parsed(t);
    expect(d.source.subjects).toBe(2);
    expect(d.groups.map((g) => g.covariates.dose).sort()).toEqual([25, 50]);
    expect(d.series.find((s) => s.group === d.groups.find((g) => g.covariates.dose === 25)!.name)!.n).toEqual([2]);
    expect(warnings.find((w) => w.code === 'occasions')?.message).toMatch(/the occasions of 1 subject start the clock again \(the first: subject 1\)/);
    // weekly doses numbered by occasion on one clock: one subject, two doses
    const running = parsed(H + '1,1,1,1,.,25,0,1,150\n1,2,0,0,500,.,1,1,0\n1,1,1,1,.,25,168,2,150\n1,2,0,0,520,.,169,2,0\n');
    expect(running.dataset.groups[0]!.regimen).toMatchObject({ route: 'infusion', interval: 168, count: 2 });
    expect(running.warnings.some((w) => w.code === 'occasions')).toBe(false);
  });
});

describe('Monolix-style headers', () => {
  it('Y is the observation, YTYPE its type, TINF an infusion\'s length; CENS 1 writes the LLOQ in Y', () => {
    const t = 'ID,TIME,AMT,Y,YTYPE,CENS,TINF\n1,0,100,.,.,0,2\n1,1,.,5,1,0,.\n1,24,.,0.5,1,1,.\n1,24,.,90,2,0,.\n2,0,100,.,.,0,2\n2,1,.,6,1,0,.\n2,24,.,0.8,1,0,.\n2,24,.,80,2,0,.\n';
    const { dataset: d } = parsed(t);
    expect(d.groups[0]!.regimen).toEqual({ route: 'infusion', duration: 2 });
    expect(d.observables.map((o) => o.name)).toEqual(['y1', 'y2']);
    const y1 = d.series.find((s) => s.observable === 'y1')!;
    expect(y1.times).toEqual([1, 24]);
    expect(y1.nBlq).toEqual([null, 1]);
    expect(y1.lloq).toEqual([null, 0.5]);
  });
});

describe('other rules', () => {
  const H = 'ID,TIME,DV,AMT,EVID,MDV,CMT\n';

  it('a ROUTE column overrides the compartment rule', () => {
    const d = parseDataset('ID,TIME,DV,AMT,EVID,CMT,ROUTE\n1,0,.,10,1,2,oral\n1,1,3,.,0,2,.\n');
    expect(d.groups[0]!.regimen).toEqual({ route: 'oral' });
  });

  it('without CMT a dose\'s route is not stated (as in an aggregate table\'s dose column), and a warning says so', () => {
    const { dataset: d, warnings } = parsed('ID,TIME,DV,AMT,EVID\n1,0,.,10,1\n1,1,3,.,0\n');
    expect(d.groups[0]!.regimen).toEqual({});
    expect(d.groups[0]!.name).toBe('10 (route not stated)');
    expect(warnings.find((w) => w.code === 'route-unstated')).toMatchObject({ row: 2, column: 'CMT' });
    expect(warnings.find((w) => w.code === 'route-unstated')?.message).toMatch(/route is not stated: discovery reads it from the context's words \(oral, IV\) or the curve's shape/);
  });

  it('shifts a subject whose first dose is not at time 0, with a warning', () => {
    const { dataset: d, warnings } = parsed(H + '1,8,.,10,1,1,1\n1,9,3,.,0,0,1\n2,0,.,10,1,1,1\n2,1,5,.,0,0,1\n');
    expect(d.series[0]!.times).toEqual([1]);
    expect(d.series[0]!.mean).toEqual([4]);
    expect(warnings.find((w) => w.code === 'time-shifted')?.message).toMatch(/1 subject.*subject 1: first dose at 8/);
  });

  it('subjects without a dose (or AMT 0 only) form a "no dose" group with dose 0', () => {
    const d = parseDataset(H + '1,0,.,0,1,1,1\n1,1,2,.,0,0,1\n2,0,.,10,1,1,1\n2,1,5,.,0,0,1\n3,1,1,.,0,0,1\n');
    expect(d.groups.map((g) => [g.name, g.covariates.dose, g.regimen])).toEqual([['no dose', 0, undefined], ['10 IV bolus', 10, { route: 'iv' }]]);
    expect(d.series[0]!.n).toEqual([2]);
  });

  it('names observables from OBSID, and a BLQ record without LLOQ uses the smallest quantified DV (warned)', () => {
    const { dataset: d, warnings } = parsed('ID,TIME,DV,AMT,EVID,MDV,CMT,BLQ,OBSID\n1,0,.,10,1,1,1,0,.\n1,1,3,.,0,0,2,0,conc\n1,8,.,.,0,1,2,1,conc\n2,0,.,10,1,1,1,0,.\n2,1,5,.,0,0,2,0,conc\n2,8,0.4,.,0,0,2,0,conc\n');
    expect(d.observables).toEqual([{ name: 'conc' }]);
    const s = d.series[0]!;
    expect(s.lloq).toEqual([null, 0.4]);
    expect(s.nBlq).toEqual([null, 1]);
    expect(s.mean[1]).toBeCloseTo((0.2 + 0.4) / 2, 12);
    expect(warnings.find((w) => w.code === 'blq-no-lloq')).toMatchObject({ row: 4, column: 'BLQ' });
  });

  it('leaves the individual and aggregate formats alone (a "dv" column without dosing columns)', () => {
    expect(parseDataset('id,time,dv\nA,0,1\nB,0,3\n').groups[0]!.regimen).toBeUndefined();
    expect(parseDataset('id,time,dv\nA,0,1\nB,0,3\n').series[0]!.mean).toEqual([2]);
    expect(parseDataset('time,mean,sd,n\n0,1,0.1,5\n').source.format).toBe('aggregate');
  });
});
