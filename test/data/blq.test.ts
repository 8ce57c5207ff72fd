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

describe('values below the LLOQ in subject-level rows', () => {
  const rows = (cells: string[]) => ['id,time (h),value,unit', ...cells].join('\n');
  it('"<0.1" and "BLQ" cells are counted at their visit as censored, entered in the mean as LLOQ/2 and kept out of the individual values', () => {
    const r = tryParseDataset(rows(['1,0,<0.1,mg/L', '2,0,< 0.1,mg/L', '3,0,0.4,mg/L', '1,2,1.5,mg/L', '2,2,2.5,mg/L', '3,2,BLQ,mg/L']));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const s = r.dataset.series[0]!;
    expect(s.n).toEqual([3, 3]);
    expect(s.nBlq).toEqual([2, 1]);
    // at 2 h the BLQ cell states no LLOQ: the observable's stand-in, the smallest quantified value (0.4), bounds it
    expect(s.lloq).toEqual([0.1, 0.4]);
    expect(s.mean[0]).toBeCloseTo((0.05 + 0.05 + 0.4) / 3, 12);
    expect(s.mean[1]).toBeCloseTo((1.5 + 2.5 + 0.2) / 3, 12);
    expect(r.dataset.individuals!.map((x) => x.value)).toEqual([0.4, 1.5, 2.5]);
    expect(r.warnings.some((w) => w.code === 'blq-no-lloq' && /0\.4, stands in/.test(w.message) && w.row === 7)).toBe(true);
  });
  it('an lloq column states the limit for "BLQ" cells, a "<x" above it is an error, and a value under it that is not marked is used with a warning', () => {
    const ok = parseDataset('id,time,value,lloq\n1,1,BLQ,0.2\n2,1,0.5,0.2\n3,1,0.1,0.2\n');
    expect(ok.series[0]!.lloq).toEqual([0.2]);
    expect(ok.series[0]!.nBlq).toEqual([1]);
    const warned = tryParseDataset('id,time,value,lloq\n1,1,BLQ,0.2\n2,1,0.5,0.2\n3,1,0.1,0.2\n');
    expect(warned.warnings.some((w) => w.code === 'below-lloq' && w.row === 4 && w.column === 'value')).toBe(true);
    const bad = tryParseDataset('id,time,value,lloq\n1,1,<0.5,0.2\n2,1,0.5,0.2\n');
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.issues.some((i) => i.code === 'blq-above-lloq' && i.row === 2 && i.column === 'value')).toBe(true);
  });
  it('other text in a value cell is still an error naming its row and column', () => {
    const bad = tryParseDataset('id,time,value\n1,1,<abc\n2,1,high\n');
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.issues.map((i) => `${i.row}:${i.column}`)).toEqual(['2:value', '3:value']);
  });
});


describe('values below the LLOQ in a time,value table (single values)', () => {
  it('a "<0.5" value is a censored visit of one; replicates at a time pool into a censored count', () => {
    const r = tryParseDataset('time (day),value\n0,10\n0,11\n7,2.5\n7,<0.5\n14,<0.5\n14,BLQ\n');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const s = r.dataset.series[0]!;
    expect(s.times).toEqual([0, 7, 14]);
    expect(s.n).toEqual([2, 2, 2]);
    expect(s.nBlq).toEqual([null, 1, 2]);
    expect(s.lloq?.slice(1)).toEqual([0.5, 0.5]);
    expect(s.mean[1]).toBeCloseTo((2.5 + 0.25) / 2, 12);
    expect(s.mean[2]).toBeCloseTo(0.25, 12);
  });
});
