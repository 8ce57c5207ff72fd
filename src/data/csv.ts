// Text → a raw table of string cells with spreadsheet row numbers. Handles a UTF-8 BOM, CRLF,
// and the delimiter (",", ";" or tab — tab is what a spreadsheet copy/paste gives), chosen
// from the header line. Files separated by ";" or tabs may use decimal commas.
import Papa from 'papaparse';
import type { DataIssue } from './types.ts';
import { unescapeCell } from './csv-safe.ts';

export const MAX_DATA_ROWS = 200_000;
export const MAX_TEXT_LENGTH = 50_000_000;

export type Delimiter = ',' | ';' | '\t';

export interface RawTable {
  header: string[];
  /** spreadsheet row of the header (1 unless blank lines come first) */
  headerRow: number;
  /** non-blank data rows with their 1-based spreadsheet row numbers */
  rows: { row: number; cells: string[] }[];
  delimiter: Delimiter;
  /** numbers may be written "1,5" (delimiter is not a comma) */
  decimalComma: boolean;
  /** a caption's lines above the header (one cell each), not read as data */
  titleRows?: { row: number; text: string }[];
}

/** the most caption lines taken above a header */
const MAX_TITLE_ROWS = 3;

export type ReadResult = { ok: true; table: RawTable } | { ok: false; issues: DataIssue[] };

/** Counts candidate delimiters outside double quotes in one line; the most frequent wins, "," on a tie. */
export function detectDelimiter(line: string): Delimiter {
  const counts: Record<Delimiter, number> = { ',': 0, ';': 0, '\t': 0 };
  let inQuotes = false;
  for (const ch of line) {
    if (ch === '"') inQuotes = !inQuotes;
    else if (!inQuotes && (ch === ',' || ch === ';' || ch === '\t')) counts[ch]++;
  }
  let best: Delimiter = ',';
  for (const d of [';', '\t'] as const) if (counts[d] > counts[best]) best = d;
  return best;
}

const isBlank = (cells: string[]): boolean => cells.every((c) => c.trim() === '');

export function readCsv(input: unknown): ReadResult {
  if (typeof input !== 'string') return fail({ code: 'not-text', message: `expected CSV text, got ${input === null ? 'null' : typeof input}` });
  if (input.length > MAX_TEXT_LENGTH) {
    return fail({ code: 'too-large', message: `the file is ${(input.length / 1e6).toFixed(1)} million characters; the limit is ${MAX_TEXT_LENGTH / 1e6} million (aggregate the data or split it)` });
  }
  // one line ending everywhere: papaparse guesses a single one and mixed endings would merge rows
  const text = (input.startsWith('\uFEFF') ? input.slice(1) : input).replace(/\r\n?/g, '\n');
  if (text.trim() === '') return fail({ code: 'empty-file', message: 'the file is empty' });
  if (text.startsWith('PK\u0003\u0004') || text.includes('\u0000')) {
    return fail({ code: 'not-text', message: 'this is not a text CSV file (binary content; a spreadsheet must be saved as CSV first)' });
  }
  // the header's delimiter: a title line above it ("Table 2. Plasma concentrations") has none
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  const delimiter = detectDelimiter(lines.slice(0, MAX_TITLE_ROWS + 1).find((l) => /[,;\t]/.test(l)) ?? lines[0] ?? '');
  const parsed = Papa.parse<string[]>(text, { delimiter, newline: '\n', header: false, skipEmptyLines: false, preview: MAX_DATA_ROWS + 200 });

  const issues: DataIssue[] = [];
  for (const e of parsed.errors) {
    const row = typeof e.row === 'number' ? e.row + 1 : undefined;
    const message =
      e.code === 'MissingQuotes' ? 'a quote (") opened here is never closed'
      : e.code === 'InvalidQuotes' ? 'a quoted cell has text after its closing quote'
      : e.message;
    issues.push({ code: 'csv-' + e.code.toLowerCase(), message, ...(row !== undefined ? { row } : {}) });
    if (issues.length >= 20) break;
  }
  if (issues.length > 0) return { ok: false, issues };

  const records = parsed.data;
  let headerIndex = records.findIndex((r) => !isBlank(r));
  if (headerIndex < 0) return fail({ code: 'empty-file', message: 'the file has no content' });
  // a table copied with its caption: up to three lines of one cell each above a header of several
  const titleRows: { row: number; text: string }[] = [];
  const filled = (r: string[] | undefined) => (r ?? []).filter((c) => c.trim() !== '').length;
  for (let i = headerIndex, k = 0; k <= MAX_TITLE_ROWS && i < records.length; i++) {
    if (isBlank(records[i]!)) continue;
    if (filled(records[i]) >= 2) {
      if (titleRows.length > 0) headerIndex = i;
      break;
    }
    if (filled(records[i]) !== 1 || k === MAX_TITLE_ROWS) { titleRows.length = 0; break; }
    titleRows.push({ row: i + 1, text: records[i]!.find((c) => c.trim() !== '')!.trim() });
    k++;
  }
  if (titleRows.length > 0 && headerIndex < titleRows[titleRows.length - 1]!.row) titleRows.length = 0;
  const rows: RawTable['rows'] = [];
  for (let i = headerIndex + 1; i < records.length; i++) {
    if (!isBlank(records[i])) rows.push({ row: i + 1, cells: records[i].map(unescapeCell) });
  }
  if (rows.length > MAX_DATA_ROWS) {
    return fail({ code: 'too-many-rows', message: `more than ${MAX_DATA_ROWS} data rows; aggregate the data first or split the file` });
  }
  return {
    ok: true,
    table: { header: records[headerIndex].map(unescapeCell), headerRow: headerIndex + 1, rows, delimiter, decimalComma: delimiter !== ',', ...(titleRows.length > 0 ? { titleRows } : {}) },
  };
}

function fail(issue: DataIssue): ReadResult {
  return { ok: false, issues: [issue] };
}
