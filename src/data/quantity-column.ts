// "Time (h), Concentration (ng/mL), SD, N": a summary table that heads its means with the quantity
// measured, not with "mean". Where a table has a time column, a spread or n column, no centre
// column, and exactly one other column of numbers, that column is the mean: its header names the
// observable (and its unit). Two or more such columns could be several quantities or covariates,
// which a header does not tell apart: those tables are left to the missing-mean error.
import { MAX_HEADER_PARSED, readHeaderCell, type ColumnKey } from './columns.ts';
import type { RawTable } from './csv.ts';
import type { IssueCollector } from './issues.ts';
import { censoredCell } from './censored.ts';
import { NOT_CALCULATED, parseNumberCell, showCell } from './numbers.ts';

const CENTRES: readonly ColumnKey[] = ['mean', 'geo_mean', 'median', 'value'];
const SUMMARY: readonly ColumnKey[] = ['sd', 'sem', 'cv', 'ci_low', 'ci_high', 'n'];

/** a cell a mean column may hold: a number, a mean below the LLOQ, not calculated, or nothing */
const meanCell = (cell: string, decimalComma: boolean): boolean => {
  const s = cell.trim();
  return parseNumberCell(s, decimalComma).kind !== 'invalid' || censoredCell(s, decimalComma) !== undefined || NOT_CALCULATED.test(s);
};

/** The table with its one quantity column read as the mean (and an observable column naming it); the table itself otherwise. */
export function quantityAsMean(table: RawTable, issues: IssueCollector): RawTable {
  const cells = table.header.map(readHeaderCell);
  const keys = new Set(cells.map((c) => c.key));
  if (!keys.has('time') || CENTRES.some((k) => keys.has(k)) || !SUMMARY.some((k) => keys.has(k))) return table;
  // (a header too long to read as a name names no quantity either)
  const candidates = cells.map((c, i) => ({ c, i })).filter(({ c, i }) => c.key === null && c.label !== '' && c.label.length <= MAX_HEADER_PARSED
    && table.rows.some((r) => parseNumberCell(r.cells[i] ?? '', table.decimalComma).kind === 'number')
    && table.rows.every((r) => meanCell(r.cells[i] ?? '', table.decimalComma)));
  if (candidates.length !== 1) return table;
  const { c, i } = candidates[0]!;
  const named = !keys.has('observable');
  const header = table.header.map((h, k) => (k === i ? (c.unit !== undefined ? `mean (${c.unit})` : 'mean') : h));
  issues.warn({ code: 'quantity-as-mean', row: table.headerRow, column: c.label, message: `no column is headed mean: ${showCell(c.label)}, the one column of numbers beside the ${SUMMARY.filter((k) => keys.has(k)).join(', ')} column${SUMMARY.filter((k) => keys.has(k)).length > 1 ? 's' : ''}, is read as the visits' mean${named ? ` of "${c.name}"` : ''}` });
  return {
    ...table,
    header: named ? [...header, 'observable'] : header,
    rows: named ? table.rows.map((r) => ({ ...r, cells: [...r.cells, c.name] })) : table.rows,
  };
}
