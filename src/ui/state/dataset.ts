// The data stage seen from the UI: parse the table text, never throw.
import { applyDosingTable, parseDosingTable, rebinAtSubjectDoses, tryParseDataset } from '../../data/index.ts';
import type { Dataset, DataIssue } from '../../data/types.ts';

export type ParsedData =
  | { ok: true; dataset: Dataset; warnings: string[] }
  | { ok: false; issues: DataIssue[] };

/** The table, with each group's schedule from the separate dosing table when there is one. */
export function parseTable(text: string, name: string, dosing = ''): ParsedData {
  if (!text.trim()) return { ok: false, issues: [{ code: 'empty', message: 'No data yet: import a CSV file, paste a table, or load the example.' }] };
  const opts = name ? { name: name.replace(/\.(csv|tsv|txt)$/i, '') } : {};
  const parsed = tryParseDataset(text, opts);
  if (!parsed.ok) return { ok: false, issues: parsed.issues };
  if (!dosing.trim()) return { ok: true, dataset: parsed.dataset, warnings: parsed.warnings.map(describeIssue) };
  const table = parseDosingTable(dosing);
  // individual rows are binned again at each subject's doses when the table gives them
  const r = table.ok ? rebinAtSubjectDoses(parsed, table.table, (o) => tryParseDataset(text, o), opts) : parsed;
  const warnings = r.warnings.map(describeIssue);
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
