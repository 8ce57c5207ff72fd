// The editable table ⇄ CSV text. Tab-separated text (a spreadsheet paste) becomes CSV.
import Papa from 'papaparse';

export interface Table { header: string[]; rows: string[][] }

export function textToTable(text: string): Table {
  const delimiter = looksTabSeparated(text) ? '\t' : '';
  const res = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { delimiter, skipEmptyLines: 'greedy' });
  const all = res.data.filter((r) => Array.isArray(r));
  const header = (all[0] ?? []).map((h) => String(h));
  const rows = all.slice(1).map((r) => header.map((_, i) => String(r[i] ?? '')));
  return { header, rows };
}

export function tableToText(t: Table): string {
  return Papa.unparse({ fields: t.header, data: t.rows }, { newline: '\n' }) + '\n';
}

export function looksTabSeparated(text: string): boolean {
  const first = text.split(/\r?\n/, 1)[0] ?? '';
  return first.includes('\t');
}

/** spreadsheet paste (TSV) → CSV text; CSV stays as it is */
export function normalizePasted(text: string): string {
  return looksTabSeparated(text) ? tableToText(textToTable(text)) : text;
}
