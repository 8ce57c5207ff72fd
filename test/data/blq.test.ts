// lloq and n_blq columns of the aggregate format: read, checked cell by cell, kept per visit and
// written back by the export.
import { describe, expect, it } from 'vitest';
import { datasetToCsv } from '../../src/data/serialize.ts';
import { parseDataset, tryParseDataset } from '../../src/data/index.ts';

const CSV = `group,observable,time (h),mean,sd,n,unit,lloq,n_blq
all,conc,0.5,0,0,4,mg/L,0.1,4
all,conc,1,2.5,0.8,20,mg/L,0.1,
all,conc,24,0.2,0.15,18,mg/L,0.1,7
`;

describe('censoring columns', () => {
  it('are read per visit and round-trip through the export', () => {
    const d = parseDataset(CSV);
    expect(d.series[0]!.lloq).toEqual([0.1, 0.1, 0.1]);
    expect(d.series[0]!.nBlq).toEqual([4, null, 7]);
    const again = parseDataset(datasetToCsv(d));
    expect(again.series[0]!.nBlq).toEqual([4, null, 7]);
    expect(again.series[0]!.lloq).toEqual([0.1, 0.1, 0.1]);
  });
  it('a table without them has none', () => {
    expect(parseDataset('time,mean,sd,n\n1,2,0.5,10\n').series[0]!.nBlq).toBeUndefined();
  });
  it('bad values name their row and column', () => {
    const r = tryParseDataset(CSV.replace('0.1,7', '0.1,19').replace('mg/L,0.1,4', 'mg/L,-1,4'));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const msgs = r.issues.map((i) => `${i.row}:${i.column}:${i.message}`);
    expect(msgs.some((m) => /^2:lloq:.*≥ 0/.test(m))).toBe(true);
    expect(msgs.some((m) => /^4:n_blq:19 subjects below the LLOQ but only n = 18/.test(m))).toBe(true);
  });
});
