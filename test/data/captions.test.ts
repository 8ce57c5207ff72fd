// Tables copied from a paper bring their caption above the header and footnote marks on numbers.
import { describe, expect, it } from 'vitest';
import { readCsv, tryParseDataset } from '../../src/data/index.ts';

describe('a caption above the header', () => {
  it('is taken as the caption (up to three one-cell lines), with a warning naming it; the header below is read', () => {
    const r = tryParseDataset('Table 2. Plasma concentrations (ng/mL) after a single 100 mg oral dose\n\nTime (h),Mean,SD,N\n0,0,0,12\n1,25.1,8.0,12\n24,1.1,0.9,11\n');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.dataset.series[0]!.times).toEqual([0, 1, 24]);
    expect(r.warnings.filter((w) => w.code === 'title-row').map((w) => w.row)).toEqual([1]);
    expect(r.dataset.caption).toBe('Table 2. Plasma concentrations (ng/mL) after a single 100 mg oral dose');
    // a semicolon table under a caption line with no delimiter: the delimiter comes from the header
    const semi = tryParseDataset('Concentrations\nSource: study 101\nTime (h);Mean;SD;N\n1;2,5;0,4;10\n2;1,5;0,3;10\n');
    expect(semi.ok && semi.dataset.series[0]!.mean).toEqual([2.5, 1.5]);
  });

  it('leaves a file of one-cell lines, or more than three caption lines, as it was', () => {
    const one = readCsv('value\n1\n2\n3\n');
    expect(one.ok && [one.table.header, one.table.titleRows]).toEqual([['value'], undefined]);
    const many = readCsv('a\nb\nc\nd\ntime,mean,n\n1,2,3\n');
    expect(many.ok && [many.table.header, many.table.headerRow]).toEqual([['a'], 1]);
    const plain = readCsv('time,mean,n\n1,2,3\n');
    expect(plain.ok && plain.table.titleRows).toBeUndefined();
  });
});

describe('footnote marks on numbers', () => {
  it('are errors that name the cell and say what to write', () => {
    const r = tryParseDataset('time (h),mean,sd,n\n1,25.1,8.0,12\n4,22.0a,7.7,12\n24,1.1*,0.9†,11\n');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.map((i) => `${i.code}@${i.row}:${i.column}`)).toEqual(['not-a-number@3:mean', 'not-a-number@4:mean', 'not-a-number@4:sd']);
    expect(r.issues[0]!.message).toMatch(/"22\.0a" \(a footnote mark\? write "22\.0"/);
    expect(r.issues[2]!.message).toMatch(/write "0\.9"/);
    // other words get no such hint
    const word = tryParseDataset('time (h),mean,sd,n\n1,high,8.0,12\n');
    expect(!word.ok && word.issues[0]!.message).not.toMatch(/footnote/);
  });
});
