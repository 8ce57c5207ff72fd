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

// A report's summary table writes a mean it could not compute above the LLOQ as "BLQ" or "<0.5",
// and a spread it did not compute as "NC" or "-": before, such a table was refused ("expected a
// number"); now the visit is a censored mean (docs/likelihood.md, "Censored visits").
describe('a summary mean reported below the LLOQ, and spreads not calculated', () => {
  const REPORT = `Time (h),Mean conc (ng/mL),SD,N
Predose,BLQ,NC,12
1,25.4,8.2,12
4,22.0,-,11
24,<LLOQ (0.5),NC,12
`;
  it('reads "BLQ" and "<LLOQ (0.5)" means as censored means, "NC" and "-" spreads as not given, and says so', () => {
    const r = tryParseDataset(REPORT, { name: 'report.csv' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const s = r.dataset.series[0]!;
    expect(s.meanBelowLloq).toEqual([true, false, false, true]);
    expect(s.lloq).toEqual([null, null, null, 0.5]);
    // the mean holds LLOQ/2 (0 with no LLOQ stated); no SD
    expect(s.mean).toEqual([0, 25.4, 22, 0.25]);
    expect(s.sd).toEqual([null, 8.2, null, null]);
    expect(s.n).toEqual([12, 12, 11, 12]);
    const codes = r.warnings.map((w) => `${w.row}:${w.code}`);
    expect(codes).toEqual(expect.arrayContaining(['2:censored-mean', '4:spread-not-calculated', '5:censored-mean']));
    // the cells are written back as they were read, and read again the same
    const again = parseDataset(datasetToCsv(r.dataset));
    expect(again.series[0]!.meanBelowLloq).toEqual([true, false, false, true]);
    expect(again.series[0]!.lloq).toEqual([null, null, null, 0.5]);
  });
  it('cells that state the limit in other ways; a "<x" above the row\'s lloq and other text are errors', () => {
    const cells = (mean: string, extra = '') => tryParseDataset(`time,mean,sd,n${extra ? ',lloq' : ''}\n1,5,1,10${extra ? ',0.2' : ''}\n2,${mean},,10${extra ? `,${extra}` : ''}\n`);
    for (const [cell, lloq] of [['BLQ (<0.1 ng/mL)', 0.1], ['<0.5 (LLOQ)', 0.5], ['< LLOQ = 0.3', 0.3], ['<0.2', 0.2], ['ND', null]] as const) {
      const r = cells(`"${cell}"`);
      expect(r.ok, cell).toBe(true);
      if (r.ok) expect(r.dataset.series[0]!.lloq?.[1] ?? null, cell).toBe(lloq);
    }
    // an lloq column states the limit of a bare "BLQ"
    const col = cells('BLQ', '0.2');
    expect(col.ok && col.dataset.series[0]!.lloq).toEqual([0.2, 0.2]);
    const above = cells('<0.5', '0.2');
    expect(above.ok).toBe(false);
    if (!above.ok) expect(above.issues[0]!.message).toMatch(/below 0\.5, above the row's LLOQ 0\.2/);
    const text = cells('high');
    expect(text.ok).toBe(false);
    if (!text.ok) expect(text.issues[0]!).toMatchObject({ row: 3, column: 'mean' });
  });
});

describe('a range whose end is below the LLOQ', () => {
  it('reads that end as LLOQ/2 (0 with no limit stated), with one warning per column, in a PK summary table', () => {
    const r = tryParseDataset('Nominal time (h),N,Mean,SD,Median,Min,Max\n0,24,BLQ,NC,BLQ,BLQ,BLQ\n2,24,210.4,66.0,205.1,95.0,350.2\n24,22,10.5,6.2,9.8,BLQ,25.0\n48,20,2.1,1.5,1.8,<0.5,6.0\n');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const s = r.dataset.series[0]!;
    expect(s.mean.slice(1)).toEqual([210.4, 10.5, 2.1]);
    expect(s.sd.slice(1)).toEqual([66, 6.2, 1.5]);
    expect(r.warnings.filter((w) => w.code === 'censored-range').map((w) => [w.row, w.column])).toEqual([[4, 'Min']]);
    // a median with its range: the censored end enters the conversion as LLOQ/2
    const median = tryParseDataset('time (h),median,min,max,n\n2,10,<2,30,12\n');
    const plain = tryParseDataset('time (h),median,min,max,n\n2,10,1,30,12\n');
    expect(median.ok && plain.ok && median.dataset.series[0]!.mean[0]).toBe(plain.ok ? plain.dataset.series[0]!.mean[0] : NaN);
  });
});
