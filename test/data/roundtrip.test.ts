import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  datasetFromRows, datasetToCsv, parseCells, parseDataset, rowsOf, tableOf, type AggregateRow, type Dataset,
} from '../../src/data/index.ts';
import { fixture } from './fixtures.ts';

// names as a user could type them in a cell: anything printable, commas and quotes included,
// but no surrounding spaces (trimmed on import) and no carriage returns (line endings are normalized)
const name = fc.string({ minLength: 1, maxLength: 8, unit: 'grapheme' }).filter((s) => s.trim() === s && s !== '' && !/[\r]/.test(s));
const unit = fc.option(name.filter((s) => !/[()[\]\n]/.test(s)), { nil: undefined });
// within the import's bounds (value-limits.ts): 1e12 covers times and doses, and lies inside the values' 1e50
const finite = fc.double({ noNaN: true, min: -1e12, max: 1e12 }).map((x) => x + 0); // + 0 turns −0 into 0
const nonNegative = fc.double({ noNaN: true, min: 0, max: 1e12 }).map((x) => x + 0);

const visits = fc.uniqueArray(finite, { minLength: 1, maxLength: 5 }).chain((times) =>
  fc.tuple(...[...times].sort((a, b) => a - b).map((time) =>
    fc.record({ time: fc.constant(time), mean: finite, sd: fc.option(nonNegative, { nil: null }), n: fc.integer({ min: 1, max: 5000 }) }))));

const datasetArb = fc
  .record({
    groups: fc.uniqueArray(fc.record({ name, dose: fc.option(nonNegative, { nil: undefined }) }), { minLength: 1, maxLength: 3, selector: (g) => g.name }),
    observables: fc.uniqueArray(fc.record({ name, unit }), { minLength: 1, maxLength: 2, selector: (o) => o.name }),
    timeUnit: unit,
  })
  .chain(({ groups, observables, timeUnit }) =>
    fc.tuple(...groups.flatMap((g) => observables.map((o) => visits.map((vs) => vs.map((v): AggregateRow => ({
      ...v, group: g.name, observable: o.name, ...(g.dose !== undefined ? { dose: g.dose } : {}), ...(o.unit !== undefined ? { unit: o.unit } : {}),
    })))))).map((parts) => {
      const r = datasetFromRows(parts.flat(), timeUnit !== undefined ? { timeUnit } : {});
      if (!r.ok) throw new Error(JSON.stringify(r.issues));
      return r.dataset;
    }));

describe('round trips', () => {
  it('datasetToCsv → parseDataset gives the same Dataset (property)', () => {
    fc.assert(fc.property(datasetArb, (d: Dataset) => {
      expect(parseDataset(datasetToCsv(d))).toEqual(d);
    }), { numRuns: 300 });
  });

  it('the editable table and typed rows round-trip too (property)', () => {
    fc.assert(fc.property(datasetArb, (d: Dataset) => {
      const viaCells = parseCells(tableOf(d));
      expect(viaCells.ok && viaCells.dataset).toEqual(d);
      const viaRows = datasetFromRows(rowsOf(d), d.timeUnit !== undefined ? { timeUnit: d.timeUnit } : {});
      expect(viaRows.ok && viaRows.dataset).toEqual(d);
    }), { numRuns: 100 });
  });

  it('a real file survives export and re-import', () => {
    const d = parseDataset(fixture('aggregate-groups.csv'));
    const csv = datasetToCsv(d);
    expect(csv.split('\n')[0]).toBe('observable,group,dose,time (h),mean,sd,n,unit');
    expect(parseDataset(csv)).toEqual(d);
  });
});

describe('the editable table', () => {
  it('reports an edited cell by row and header name, and accepts decimal commas', () => {
    const t = tableOf(parseDataset(fixture('aggregate-sem.csv')));
    t.rows[2][t.header.indexOf('mean')] = 'twelve';
    t.rows[0][t.header.indexOf('sd')] = '2,5';
    const r = parseCells(t);
    expect(r).toMatchObject({ ok: false, issues: [{ code: 'not-a-number', row: 4, column: 'mean' }] });
    t.rows[2][t.header.indexOf('mean')] = '12';
    const ok = parseCells(t);
    expect(ok.ok && ok.dataset.series[0].sd[0]).toBe(2.5);
  });

  it('typed rows from the UI are checked too (rows without a number count from 2)', () => {
    const rows: AggregateRow[] = [
      { group: 'A', observable: 'y', time: 0, mean: 1, sd: 0.1, n: 5 },
      { group: 'A', observable: 'y', time: 1, mean: Number.NaN, sd: -1, n: 0 },
    ];
    const r = datasetFromRows(rows);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues.map((i) => [i.row, i.column])).toEqual([[3, 'mean'], [3, 'n'], [3, 'sd']]);
  });
});
