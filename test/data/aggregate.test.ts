import { describe, expect, it } from 'vitest';
import { aggregateIndividuals, DataError, meanAndSd, type IndividualRow } from '../../src/data/index.ts';

const row = (id: string, time: number, value: number, extra: Partial<IndividualRow> = {}): IndividualRow => ({ id, time, value, group: 'all', observable: 'y', ...extra });

describe('aggregation of individual rows', () => {
  it('equals hand-computed mean, sample SD (n − 1) and n', () => {
    // t = 0: 3, 5, 10 → mean 6, deviations −3, −1, 4 → SS 26, SD √13
    // t = 4: 1, 1 → mean 1, SD 0
    const d = aggregateIndividuals([row('a', 0, 3), row('b', 0, 5), row('c', 0, 10), row('a', 4, 1), row('c', 4, 1)], { name: 'hand' });
    expect(d.series).toEqual([{ observable: 'y', group: 'all', times: [0, 4], mean: [6, 1], sd: [Math.sqrt(13), 0], n: [3, 2] }]);
    expect(d.source).toEqual({ format: 'individual', rows: 5, subjects: 3 });
    expect(d.name).toBe('hand');
  });

  it('separates groups and observables and keeps units and doses', () => {
    const d = aggregateIndividuals([
      row('a', 1, 2, { group: 'lo', dose: 1, observable: 'conc', unit: 'mg/L' }),
      row('b', 1, 4, { group: 'hi', dose: 3, observable: 'conc', unit: 'mg/L' }),
      row('a', 1, 7, { group: 'lo', dose: 1, observable: 'effect' }),
    ]);
    expect(d.groups).toEqual([{ name: 'lo', covariates: { dose: 1 } }, { name: 'hi', covariates: { dose: 3 } }]);
    expect(d.observables).toEqual([{ name: 'conc', unit: 'mg/L' }, { name: 'effect' }]);
    expect(d.series.map((s) => [s.group, s.observable, s.mean[0], s.sd[0], s.n[0]])).toEqual([
      ['lo', 'conc', 2, null, 1], ['lo', 'effect', 7, null, 1], ['hi', 'conc', 4, null, 1],
    ]);
  });

  it('is accurate for values with a large common offset (two-pass variance)', () => {
    const r = meanAndSd([1e9 + 1, 1e9 + 2, 1e9 + 3]);
    expect(r.mean).toBe(1e9 + 2);
    expect(r.sd).toBe(1);
  });

  it('throws a DataError naming rows for bad rows', () => {
    expect(() => aggregateIndividuals([row('a', 0, 1), row('a', 0, 2)])).toThrow(DataError);
    try {
      aggregateIndividuals([row('a', 0, 1), row('', Number.POSITIVE_INFINITY, 2), row('b', 0, 1, { dose: 2 }), row('c', 1, 1, { dose: 3 })]);
      expect.unreachable('should have thrown');
    } catch (e) {
      expect(e).toBeInstanceOf(DataError);
      const issues = (e as DataError).issues;
      expect(issues).toContainEqual(expect.objectContaining({ row: 3, column: 'id' }));
      expect(issues).toContainEqual(expect.objectContaining({ row: 3, column: 'time' }));
      expect(issues).toContainEqual(expect.objectContaining({ code: 'inconsistent-dose', row: 5 }));
    }
    expect(() => aggregateIndividuals([])).toThrow(/no data rows/);
  });
});
