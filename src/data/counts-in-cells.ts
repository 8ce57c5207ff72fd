// Published tables often print each visit's number of subjects inside the summary cell:
// "12.3 ± 4.5 (n=12)", "5.2 (1.1), n = 9", "0.8 [n=11]", or once in the header of the one
// summary column: "Concentration (ng/mL) (n=12)", "Mean ± SD (n = 12)". Where one column holds such
// counts they are taken out into an n column (checked against an n column the table already has),
// so the cell or header that remains is read as any other.
import { readHeaderCell } from './columns.ts';
import type { RawTable } from './csv.ts';
import type { IssueCollector } from './issues.ts';
import { censoredCell } from './censored.ts';
import { showCell } from './numbers.ts';

/** a trailing count: "(n=12)", "[n = 12]", ", n=12", "; N=12" */
const COUNT_SUFFIX = /^(.*?)\s*(?:[([]\s*n\s*=\s*(\d+)\s*[)\]]|[,;]\s*n\s*=\s*(\d+))$/i;

/** a cell's text without its trailing count, and the count; null where it has none */
export function splitCount(raw: string): { rest: string; n: string } | null {
  const s = raw.trim();
  if (s.length > 200) return null;
  const m = COUNT_SUFFIX.exec(s);
  return m && m[1]!.trim() !== '' ? { rest: m[1]!.trim(), n: m[2] ?? m[3]! } : null;
}

/** The table with the counts written inside one column's cells moved to an n column; the table itself otherwise. */
export function takeOutCounts(table: RawTable, issues: IssueCollector): RawTable {
  const cells = table.header.map(readHeaderCell);
  const withCounts = cells.flatMap((c, i) => {
    if (c.key !== null && c.key !== 'mean') return [];
    const filled = table.rows.map((r) => (r.cells[i] ?? '').trim()).filter((s) => s !== '');
    const counted = filled.filter((s) => splitCount(s) !== null);
    return counted.length > 0 && 2 * counted.length >= filled.length ? [i] : [];
  });
  // counts in several columns (quantities side by side): which n is whose is left to the layout's errors
  if (withCounts.length !== 1) return table;
  const column = withCounts[0]!;
  const label = table.header[column]!;
  const nColumn = cells.findIndex((c) => c.key === 'n');
  // a visit below the LLOQ printed without its n ("Pre-dose: <LLOQ"): its series' largest n, said so
  const seriesOf = (rowCells: string[]) => cells.flatMap((c, i) => (c.key === 'group' || c.key === 'observable' || c.key === 'dose' ? [(rowCells[i] ?? '').trim()] : [])).join('\u0000');
  const splits = table.rows.map((r) => splitCount(r.cells[column] ?? ''));
  const largest = new Map<string, number>();
  table.rows.forEach((r, k) => {
    const n = splits[k]?.n;
    if (n !== undefined) largest.set(seriesOf(r.cells), Math.max(largest.get(seriesOf(r.cells)) ?? 0, Number(n)));
  });
  const filled: number[] = [];
  const countOf = (rowCells: string[], row: number, split: { n: string } | null): string => {
    if (split) return split.n;
    const n = largest.get(seriesOf(rowCells));
    if (n === undefined || censoredCell(rowCells[column] ?? '', table.decimalComma) === undefined) return '';
    filled.push(row);
    return String(n);
  };
  const rows = table.rows.map(({ row, cells: rowCells }, k) => {
    const split = splits[k] ?? null;
    const out = rowCells.map((c, i) => (i === column && split ? split.rest : c));
    if (nColumn < 0) return { row, cells: [...out, countOf(rowCells, row, split)] };
    const stated = (rowCells[nColumn] ?? '').trim();
    if (split && stated !== '' && Number(stated) !== Number(split.n)) {
      issues.error({ code: 'n-mismatch', row, column: label, message: `${showCell(rowCells[column] ?? '')} gives n = ${split.n} and the n column ${showCell(stated)}: correct one of them` });
    }
    return { row, cells: split && stated === '' ? out.map((c, i) => (i === nColumn ? split.n : c)) : out };
  });
  const guessed = filled.length > 0 ? `; ${filled.length === 1 ? 'row' : 'rows'} ${filled.join(', ')}, below the LLOQ with no n, take the largest n of ${filled.length === 1 ? 'its' : 'their'} series` : '';
  issues.warn({ code: 'counts-in-cells', row: table.headerRow, column: label, message: `the visits' n is read from the "(n=…)" in column ${showCell(label)}${guessed}` });
  return { ...table, header: nColumn < 0 ? [...table.header, 'n'] : table.header, rows };
}

/** a count in a header: "(n=12)", "[n = 12]", ", n=12", "N=12" (not inside a longer word) */
const COUNT_IN_HEADER = /[\s,;]*[([]\s*n\s*=\s*(\d+)\s*[)\]]|[\s,;]+n\s*=\s*(\d+)\b/i;

/** The table with the one header that states its column's n ("Mean ± SD (n = 12)") rid of it, and an n column of that count; the table itself otherwise. */
export function takeOutHeaderCount(table: RawTable, issues: IssueCollector): RawTable {
  const cells = table.header.map(readHeaderCell);
  if (cells.some((c) => c.key === 'n')) return table;
  const counted = table.header.flatMap((h, i) => {
    const m = h.length <= 200 ? COUNT_IN_HEADER.exec(h) : null;
    return m ? [{ i, n: m[1] ?? m[2]!, rest: (h.slice(0, m.index) + h.slice(m.index + m[0].length)).trim() }] : [];
  });
  // counts in several headers are arms' (arm-columns.ts) or several quantities': not guessed
  if (counted.length !== 1) return table;
  const { i, n, rest } = counted[0]!;
  issues.warn({ code: 'count-in-header', row: table.headerRow, column: table.header[i], message: `the header ${showCell(table.header[i]!)} states n = ${n}: every visit is read with n = ${n} (give an n column where visits had different numbers of subjects)` });
  return {
    ...table,
    header: [...table.header.map((h, k) => (k === i ? rest : h)), 'n'],
    rows: table.rows.map((r) => ({ ...r, cells: [...r.cells, n] })),
  };
}
