// "Time (h), Concentration (ng/mL), SD, N": a summary table that heads its means with the quantity
// measured. Before, it was refused for want of a column named mean.
import { describe, expect, it } from 'vitest';
import { parseDataset, tryParseDataset } from '../../src/data/index.ts';

describe('a quantity column beside SD and N', () => {
  it('is the mean, its header the observable and unit, with a warning that says so', () => {
    const r = tryParseDataset('Time (h),Concentration (ng/mL),SD,N\n0.5,12.3,4.1,12\n1,20.1,5,12\n24,BLQ,NC,11\n');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const s = r.dataset.series[0]!;
    expect([s.observable, s.unit, s.mean, s.sd, s.n, s.meanBelowLloq]).toEqual(['Concentration', 'ng/mL', [12.3, 20.1, 0], [4.1, 5, null], [12, 12, 11], [false, false, true]]);
    expect(r.warnings.find((w) => w.code === 'quantity-as-mean')!.message).toMatch(/"Concentration \(ng\/mL\)".*read as the visits' mean of "Concentration"/);
    // an SEM column beside it converts as a mean's SEM does
    expect(parseDataset('Time (h),Conc (ng/mL),SEM,N\n1,20,1.5,16\n').series[0]!.sd).toEqual([6]);
  });
  it('is not guessed between two columns of numbers, nor read where a mean column exists', () => {
    const two = tryParseDataset('Time (h),Parent (ng/mL),Metabolite (ng/mL),N\n1,20,3,12\n');
    expect(two.ok).toBe(false);
    if (!two.ok) expect(two.issues[0]!.code).toBe('missing-column');
    const d = parseDataset('time,mean,sd,n,weight (kg)\n1,2,1,5,70\n');
    expect(d.series[0]!.mean).toEqual([2]);
  });
});
