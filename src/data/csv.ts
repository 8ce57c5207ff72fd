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
}

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
  const firstLine = text.split('\n').find((l) => l.trim() !== '') ?? '';
  const delimiter = detectDelimiter(firstLine);
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
  const headerIndex = records.findIndex((r) => !isBlank(r));
  if (headerIndex < 0) return fail({ code: 'empty-file', message: 'the file has no content' });
  const rows: RawTable['rows'] = [];
  for (let i = headerIndex + 1; i < records.length; i++) {
    if (!isBlank(records[i])) rows.push({ row: i + 1, cells: records[i].map(unescapeCell) });
  }
  if (rows.length > MAX_DATA_ROWS) {
    return fail({ code: 'too-many-rows', message: `more than ${MAX_DATA_ROWS} data rows; aggregate the data first or split the file` });
  }
  return {
    ok: true,
    table: { header: records[headerIndex].map(unescapeCell), headerRow: headerIndex + 1, rows, delimiter, decimalComma: delimiter !== ',' },
  };
}

function fail(issue: DataIssue): ReadResult {
  return { ok: false, issues: [issue] };
}
