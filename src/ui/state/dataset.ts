// The data stage seen from the UI: parse the table text, never throw.
import { applyDosingTable, parseDosingTable, tryParseDataset } from '../../data/index.ts';
import type { Dataset, DataIssue } from '../../data/types.ts';

export type ParsedData =
  | { ok: true; dataset: Dataset; warnings: string[] }
  | { ok: false; issues: DataIssue[] };

/** The table, with each group's schedule from the separate dosing table when there is one. */
export function parseTable(text: string, name: string, dosing = ''): ParsedData {
  if (!text.trim()) return { ok: false, issues: [{ code: 'empty', message: 'No data yet: import a CSV file, paste a table, or load the example.' }] };
  const opts = name ? { name: name.replace(/\.(csv|tsv|txt)$/i, '') } : {};
  const r = tryParseDataset(text, opts);
  if (!r.ok) return { ok: false, issues: r.issues };
  const warnings = r.warnings.map(describeIssue);
  if (!dosing.trim()) return { ok: true, dataset: r.dataset, warnings };
  const table = parseDosingTable(dosing);
  const applied = table.ok ? applyDosingTable(r.dataset, table.table) : table;
  const dosingWarnings = [...(table.ok ? table.warnings : []), ...applied.warnings].map((w) => `dosing table: ${describeIssue(w)}`);
  if (applied.ok) return { ok: true, dataset: applied.dataset, warnings: [...warnings, ...dosingWarnings] };
  // the dosing table's rows are not the data table's: no cell of the data table is marked
  return { ok: false, issues: applied.issues.map((i) => ({ code: `dosing-${i.code}`, message: `dosing table: ${describeIssue(i)}` })) };
}

/** "row 4, column sd: …" — the words every error shows */
export function describeIssue(i: DataIssue): string {
  const where = [i.row !== undefined ? `row ${i.row}` : '', i.column ? `column "${i.column}"` : ''].filter(Boolean).join(', ');
  return where ? `${where}: ${i.message}` : i.message;
}
