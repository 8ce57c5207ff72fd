// Cells and headers far longer than any table holds (a pasted paragraph, a runaway row): each is
// reported as what it is, and reading them does not stall (patterns over them run in linear time;
// these tests would time out where an earlier pattern took minutes).
import { describe, expect, it } from 'vitest';
import { tryParseDataset } from '../../src/data/index.ts';
import { readHeaderCell, splitUnitSuffix } from '../../src/data/columns.ts';

describe('very long cells and headers', () => {
  it('a 400,000-digit time is not a number, with its length named', () => {
    const r = tryParseDataset(`time (h),mean,sd,n\n${'1'.repeat(400_000)}h,1,1,1\n`);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0]!.message).toMatch(/expected a number, found .*\(400001 characters\)/);
  });

  it('a header with an unclosed bracket and 400,000 spaces names no known column, in both readers', () => {
    const r = tryParseDataset(`time,mean (${' '.repeat(400_000)}x,sd,n\n1,1,1,1\n`);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0]!.message).toMatch(/missing required column "mean"/);
    const nonmem = tryParseDataset(`ID,TIME (${' '.repeat(400_000)},DV,AMT\n1,0,1,1\n`);
    expect(nonmem.ok).toBe(false);
  });

  it('the unit suffix is read as before: the last bracketed part after a name', () => {
    expect(splitUnitSuffix('time (h)')).toEqual({ name: 'time', unit: 'h' });
    expect(splitUnitSuffix('conc (plasma) [mg/L]')).toEqual({ name: 'conc (plasma)', unit: 'mg/L' });
    expect(splitUnitSuffix('mean ()')).toEqual({ name: 'mean' });
    expect(splitUnitSuffix('(h)')).toBeNull();
    expect(splitUnitSuffix('a (b (c))')).toBeNull();
    expect(readHeaderCell('  Mean [ng/mL] ')).toMatchObject({ name: 'Mean', unit: 'ng/mL', key: 'mean' });
  });
});
