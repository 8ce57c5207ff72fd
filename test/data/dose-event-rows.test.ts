// Tables of dose and measurement events as R's nlme keeps them (src/data/dose-event-rows.ts):
// read as NONMEM-style records, where read as individual rows they lost every dose.
import { describe, expect, it } from 'vitest';
import { tryParseDataset } from '../../src/data/index.ts';

describe('a table of dose and measurement events (nlme\'s Phenobarb layout)', () => {
  const T = 'Subject,Wt,time,dose,conc\n' + [1, 2].map((s) => `${s},1.${s},0,25,.\n${s},1.${s},2,.,${16 + s}\n${s},1.${s},12,3.5,.\n${s},1.${s},24,3.5,.\n${s},1.${s},30,.,${20 + s}\n`).join('');

  it('reads doses as AMT and measurements as DV: the regimen is kept, the weight a covariate, a note says so', () => {
    const r = tryParseDataset(T);
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    expect(r.dataset.groups[0]!.regimen).toEqual({ administrations: [{ time: 0, amount: 25 }, { time: 12, amount: 3.5 }, { time: 24, amount: 3.5 }] });
    expect(r.dataset.groups[0]!.covariates).toMatchObject({ dose: 25, Wt: 1.15 });
    expect(r.dataset.series[0]!.mean).toEqual([17.5, 21.5]);
    expect(r.warnings[0]).toMatchObject({ code: 'dose-event-rows' });
    expect(r.warnings[0]!.message).toMatch(/each row is a dose \(column "dose"\) or a measurement \(column "conc"\)/);
  });

  it('a dose with an interval is at steady state; a table with doses and measurements in one row is not an event table', () => {
    const ss = tryParseDataset('Subject,time,dose,interval,conc\n1,0,100,12,.\n1,1,.,.,5\n2,0,100,12,.\n2,1,.,.,6\n');
    expect(ss.ok && ss.dataset.groups[0]!.regimen).toMatchObject({ interval: 12, steadyState: true });
    // each row a visit of an arm given a dose: the individual format, as before
    const arms = tryParseDataset('id,time,dose,value\n1,1,100,5\n2,1,100,6\n');
    expect(arms.ok && arms.warnings.some((w) => w.code === 'dose-event-rows')).toBe(false);
    expect(arms.ok && arms.dataset.groups[0]!.covariates.dose).toBe(100);
  });
});
