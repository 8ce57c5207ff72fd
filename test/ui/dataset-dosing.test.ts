// The app's Data step reads a dosing table through the same parser as the CLI: a table of each
// subject's doses becomes the cohort-mean regimen, and the step's warnings say so.
import { describe, expect, it } from 'vitest';
import { parseTable } from '../../src/ui/state/dataset.ts';

describe('the Data step with a dosing table of each subject\'s doses', () => {
  it('applies the cohort-mean regimen and names it among the warnings', () => {
    const r = parseTable('group,time (h),mean,sd,n\nall,2,20,5,30\nall,24,22,4,10\n', 'pheno.csv', 'id,group,time (h),amount,route\n1,all,0,25,iv\n2,all,0,15,iv\n1,all,12,4,iv\n2,all,12,2,iv\n');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.dataset.groups[0]!.regimen).toEqual({ route: 'iv', administrations: [{ time: 0, amount: 20 }, { time: 12, amount: 3 }] });
    expect(r.warnings).toContain('dosing table: row 2, column "id": group "all": 4 administrations to 2 subjects are read as the cohort\'s mean regimen (every amount ÷ 2, doses at one time added): exact for the mean of linear kinetics, an approximation otherwise');
  });
});
