// The derived-quantities table rows shown in the Results and the HTML report.
import { describe, expect, it } from 'vitest';
import { derivedRows, fmtDerived } from '../../src/ui/results/derived-rows.ts';

describe('derived rows', () => {
  it('formats each quantity with its unit, interval, cohort range and NCA value', () => {
    const rows = derivedRows({
      t_half_elim: { median: 8.1234, q05: 7.2, q95: 9.31, cohort: { q05: 5.5, q95: 12 }, unit: 'h', sentence: 'Half of the drug is eliminated every 8.12 h.' },
      'Cmax[low]': { median: 1.5, q05: 1.4, q95: 1.6, nca: 1.45, unit: 'mg/L', sentence: 's' },
    });
    expect(rows).toEqual([
      { name: 't_half_elim', unit: 'h', median: '8.12', interval: '7.2 – 9.31', cohort: '5.5 – 12', nca: '–', sentence: 'Half of the drug is eliminated every 8.12 h.' },
      { name: 'Cmax[low]', unit: 'mg/L', median: '1.5', interval: '1.4 – 1.6', cohort: '–', nca: '1.45', sentence: 's' },
    ]);
    expect(derivedRows(undefined)).toEqual([]);
    expect(fmtDerived(2.5e-5)).toBe('2.50e-5');
    expect(fmtDerived(Infinity)).toBe('–');
  });
});
