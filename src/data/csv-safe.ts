// CSV cells that a spreadsheet would run as a formula (OWASP "CSV injection"): a cell that starts
// with = + - @, a tab or a carriage return is written with a leading apostrophe, which
// spreadsheets read as "text" and do not show. Plain numbers (-1.5, +2e3) are numbers, not
// formulas, and are written as they are. Reading a CSV removes that apostrophe again, so
// what the app writes, it reads back unchanged.
import Papa from 'papaparse';

/** starts like a formula and is not a plain number */
export const FORMULA_START = /^(?![-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$)[=+\-@\t\r]/;

/**
 * written with one more leading apostrophe: formula-like text, and text that already starts with
 * apostrophes before formula-like text (a unit "'-"), so that reading, which removes one, gives
 * back exactly what was written
 */
const NEEDS_APOSTROPHE = /^'*(?![-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$)[=+\-@\t\r]/;

/** CSV text of a header and rows, every formula-like cell neutralised */
export function unparseCsv(fields: string[], rows: (string | number)[][]): string {
  return Papa.unparse({ fields, data: rows }, { newline: '\n', escapeFormulae: NEEDS_APOSTROPHE }) + '\n';
}

/** a cell as read: the neutralising apostrophe in front of a formula-like text removed */
export function unescapeCell(cell: string): string {
  return cell.startsWith("'") && NEEDS_APOSTROPHE.test(cell.slice(1)) ? cell.slice(1) : cell;
}
