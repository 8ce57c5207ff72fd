// The data stage seen from the UI: parse the table text, never throw.
import { tryParseDataset } from '../../data/index.ts';
import type { Dataset, DataIssue } from '../../data/types.ts';

export type ParsedData =
  | { ok: true; dataset: Dataset; warnings: string[] }
  | { ok: false; issues: DataIssue[] };

export function parseTable(text: string, name: string): ParsedData {
  if (!text.trim()) return { ok: false, issues: [{ code: 'empty', message: 'No data yet: import a CSV file, paste a table, or load the example.' }] };
  const opts = name ? { name: name.replace(/\.(csv|tsv|txt)$/i, '') } : {};
  const r = tryParseDataset(text, opts);
  if (r.ok) return { ok: true, dataset: r.dataset, warnings: r.warnings.map(describeIssue) };
  return { ok: false, issues: r.issues };
}

/** "row 4, column sd: …" — the words every error shows */
export function describeIssue(i: DataIssue): string {
  const where = [i.row !== undefined ? `row ${i.row}` : '', i.column ? `column "${i.column}"` : ''].filter(Boolean).join(', ');
  return where ? `${where}: ${i.message}` : i.message;
}
