// Summary cells that print the visit's n: "12.3 ± 4.5 (n=12)".
import { describe, expect, it } from 'vitest';
import { tryParseDataset } from '../../src/data/index.ts';
import { splitCount } from '../../src/data/counts-in-cells.ts';

describe('n inside the summary cells', () => {
  it('splits the count from the cell in its usual spellings and leaves other cells alone', () => {
    expect(splitCount('12.3 ± 4.5 (n=12)')).toEqual({ rest: '12.3 ± 4.5', n: '12' });
    expect(splitCount('5.2 (1.1), n = 9')).toEqual({ rest: '5.2 (1.1)', n: '9' });
    expect(splitCount('0.8 [N=11]')).toEqual({ rest: '0.8', n: '11' });
    expect(splitCount('5.2 (1.1)')).toBeNull();
    expect(splitCount('(n=3)')).toBeNull();
  });

  it('a quantity column of "mean ± SD (n=…)" cells gives the means, SDs and each visit\'s n; a visit below the LLOQ without its n takes its series\' largest, said so', () => {
    const r = tryParseDataset('Time,Concentration (ng/mL)\nPre-dose,<LLOQ\n0.5 h,12.3 ± 4.5 (n=12)\n1 h,25.1 ± 8.0 (n=12)\n4 h,22.0 ± 7.7 (n=11)\n24 h,1.1 ± 0.9 (n=10)\n');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const s = r.dataset.series[0]!;
    expect(s.times).toEqual([0, 0.5, 1, 4, 24]);
    expect(s.n).toEqual([12, 12, 12, 11, 10]);
    expect(s.mean.slice(1)).toEqual([12.3, 25.1, 22, 1.1]);
    expect(s.sd.slice(1)).toEqual([4.5, 8, 7.7, 0.9]);
    expect(r.warnings.find((w) => w.code === 'counts-in-cells')!.message).toMatch(/row 2, below the LLOQ with no n, take the largest n of its series/);
  });

  it('a "mean (SD)" column with counts checks them against the n column; a disagreement is an error naming the row', () => {
    const same = tryParseDataset('time (h),mean (SD),n\n1,5.2 (1.1) (n=8),8\n2,4.0 (0.9) (n=7),\n');
    expect(same.ok).toBe(true);
    if (same.ok) expect(same.dataset.series[0]!.n).toEqual([8, 7]);
    const differ = tryParseDataset('time (h),mean (SD),n\n1,5.2 (1.1) (n=8),9\n');
    expect(differ.ok).toBe(false);
    if (!differ.ok) expect(differ.issues.map((i) => `${i.code}@${i.row}`)).toEqual(['n-mismatch@2']);
  });

  it('a count in the one summary column\'s header is every visit\'s n, said so; with an n column or counts in several headers it is left alone', () => {
    for (const header of ['Concentration (ng/mL) (n=12)', 'Concentration (ng/mL) mean ± SD (n=12)', 'Mean ± SD (n = 12)']) {
      const r = tryParseDataset(`Time (h),${header}\n0.5,12.3 ± 4.5\n1,25.1 ± 8.0\n24,1.1 ± 0.9\n`);
      expect(r.ok, header).toBe(true);
      if (!r.ok) continue;
      expect(r.dataset.series[0]!.n, header).toEqual([12, 12, 12]);
      expect(r.dataset.series[0]!.sd, header).toEqual([4.5, 8, 0.9]);
      expect(r.warnings.find((w) => w.code === 'count-in-header')!.message).toMatch(/states n = 12: every visit is read with n = 12/);
    }
    const withN = tryParseDataset('Time (h),Mean ± SD (n = 12),n\n0.5,12.3 ± 4.5,11\n');
    expect(withN.ok && withN.dataset.series[0]!.n).toEqual([11]);
    // two arms' counts: read as arm columns, each its own n
    const arms = tryParseDataset('Time (h),25 mg (n=6),50 mg (n=8)\n1,2.1 ± 0.5,4.0 ± 1.1\n');
    expect(arms.ok && arms.dataset.series.map((s) => s.n[0])).toEqual([6, 8]);
  });
});
