// Papers and study reports often print a summary table transposed: the visit times across the
// header and one row per statistic ("Mean", "SD", "N"), perhaps in blocks per dose group or per
// quantity, whose name stands in the first column once. Such a table is turned into one row per
// time (and block) with the statistics as columns, for the readers that follow; a warning says so.
// A listing of subjects' values with the times across the header (one row per subject, its
// summary rows below) becomes subject-level rows.
import { readArmHeader } from './arm-columns.ts';
import { readHeaderCell, splitUnitSuffix, type ColumnKey } from './columns.ts';
import type { RawTable } from './csv.ts';
import type { IssueCollector } from './issues.ts';
import { censoredCell } from './censored.ts';
import { parseNumberCell, showCell } from './numbers.ts';
import { isTimeLabel, SCREENING_VISIT, UNTIMED_VISIT } from './time-cells.ts';
import { timeWordUnit } from './time-column.ts';

/** the statistics a transposed summary's rows name */
const STATISTICS: readonly ColumnKey[] = ['mean', 'sd', 'n', 'sem', 'cv', 'median', 'q1', 'q3', 'min', 'max', 'geo_mean', 'geo_cv', 'geo_sd', 'ci_low', 'ci_high', 'n_blq', 'lloq'];
const CENTRES: readonly ColumnKey[] = ['mean', 'median', 'geo_mean'];
/** the fewest times across a header that make a table transposed */
const MIN_TIMES = 3;

// (a schedule's untimed visits, "Screening" or "Follow-up", are placed or left out later: untimed-visits.ts)
const isTime = (cell: string, decimalComma: boolean): boolean => {
  const s = cell.trim();
  return s !== '' && (parseNumberCell(s, decimalComma).kind === 'number' || isTimeLabel(s) || SCREENING_VISIT.test(s) || UNTIMED_VISIT.test(s));
};

/** a row's statistic: its label's column key, when that is a statistic */
function statisticOf(label: string): ColumnKey | null {
  const key = readHeaderCell(label).key;
  return key !== null && STATISTICS.includes(key) ? key : null;
}

/** the time column's header: the corner cell where it names the time ("Time (h)", "Hours post-dose"), else "time" */
function timeHeaderOf(corner: string): string {
  const cell = readHeaderCell(corner);
  return cell.key === 'time' || (cell.key === null && timeWordUnit(cell.name) !== null) ? corner : 'time';
}

/** The table with its times across the header turned into a time column; the table itself otherwise. */
export function transposedToLong(table: RawTable, issues: IssueCollector): RawTable {
  // (trailing empty header cells are a spreadsheet's, not times)
  let end = table.header.length;
  while (end > 0 && table.header[end - 1]!.trim() === '') end--;
  for (const labels of [1, 2]) {
    const times = table.header.slice(labels, end);
    if (times.length < MIN_TIMES || !times.every((c) => isTime(c, table.decimalComma))) continue;
    if (table.header.slice(0, labels).some((c) => isTime(c, table.decimalComma))) continue;
    const stats = table.rows.map((r) => statisticOf(r.cells[labels - 1] ?? ''));
    if (stats.length > 0 && stats.every((s) => s !== null) && stats.some((s) => CENTRES.includes(s!))) return rewrite(table, issues, labels, end, stats as ColumnKey[]);
    if (labels === 1) {
      const subjects = subjectsAcross(table, end, stats);
      if (subjects) return subjects(issues);
    }
  }
  return table;
}

function rewrite(table: RawTable, issues: IssueCollector, labels: number, end: number, stats: ColumnKey[]): RawTable {
  // blocks: the first column's label, carried down over the rows that leave it empty
  const blocks: { label: string; row: number; cells: Map<ColumnKey, string[]> }[] = [];
  table.rows.forEach((r, k) => {
    const label = labels === 2 ? (r.cells[0] ?? '').trim() : '';
    if (blocks.length === 0 || (label !== '' && label !== blocks[blocks.length - 1]!.label) || blocks[blocks.length - 1]!.cells.has(stats[k]!)) {
      blocks.push({ label: label !== '' ? label : blocks[blocks.length - 1]?.label ?? '', row: r.row, cells: new Map() });
    }
    blocks[blocks.length - 1]!.cells.set(stats[k]!, r.cells.slice(labels, end));
  });
  const columns = [...new Set(stats)];
  const corner = table.header[labels - 1]!.trim();
  const timeHeader = timeHeaderOf(corner);
  // a block labelled with a unit ("Concentration (ng/mL)") is a quantity; otherwise an arm ("100 mg", "Placebo")
  const named = blocks.some((b) => b.label !== '');
  const quantities = named && blocks.every((b) => splitUnitSuffix(b.label)?.unit !== undefined);
  // arms named by their dose ("100 mg", "Placebo") give the groups their dose, as arm columns do
  const arms = named && !quantities ? blocks.map((b) => readArmHeader(b.label, 0)) : [];
  const doseUnits = [...new Set(arms.flatMap((a) => (a?.doseUnit ? [a.doseUnit] : [])))];
  const withDose = arms.length > 0 && arms.every((a) => a?.dose !== undefined) && arms.some((a) => a!.dose! > 0) && doseUnits.length <= 1;
  const blockHeader = !named ? [] : quantities ? ['observable', 'unit'] : ['group', ...(withDose ? [doseUnits.length === 1 ? `dose (${doseUnits[0]})` : 'dose'] : [])];
  const blockCells = (label: string, k: number) => (!named ? [] : quantities ? [splitUnitSuffix(label)!.name, splitUnitSuffix(label)!.unit!] : [label, ...(withDose ? [String(arms[k]!.dose)] : [])]);
  const rows = blocks.flatMap((b, k) => table.header.slice(labels, end).map((t, j) => ({
    row: b.row,
    cells: [t.trim(), ...blockCells(b.label, k), ...columns.map((s) => b.cells.get(s)?.[j] ?? '')],
  })));
  issues.warn({
    code: 'transposed-table', row: table.headerRow, column: corner || undefined,
    message: `the times run across the header (${table.header.slice(labels, end).map((t) => showCell(t.trim())).slice(0, 6).join(', ')}${end - labels > 6 ? ', …' : ''}) and the rows name statistics (${columns.join(', ')}): read as one row per time${named ? ` and ${quantities ? 'quantity' : 'group'} (${blocks.map((b) => showCell(b.label)).join(', ')})` : ''}`,
  });
  return { ...table, header: [timeHeader, ...blockHeader, ...columns], rows };
}

/** a subject's value: a number, a value below the LLOQ, or nothing (not sampled) */
const subjectValue = (cell: string, decimalComma: boolean): boolean => {
  const s = cell.trim();
  return parseNumberCell(s, decimalComma).kind !== 'invalid' || censoredCell(s, decimalComma) !== undefined;
};

/**
 * A table of subjects' values with the times across the header — a report's listing of individual
 * concentrations, one row per subject, often with its summary rows (Mean, SD, CV%) below: read as
 * subject-level rows (id, time, value) that the import summarises itself; the summary rows are
 * left out. Null where the rows are not subjects: labels repeat, or a cell is no value.
 */
function subjectsAcross(table: RawTable, end: number, stats: (ColumnKey | null)[]): ((issues: IssueCollector) => RawTable) | null {
  const subjectRows = table.rows.filter((_, k) => stats[k] === null);
  if (subjectRows.length < 2) return null;
  const ids = subjectRows.map((r) => (r.cells[0] ?? '').trim());
  if (ids.some((id) => id === '') || new Set(ids).size !== ids.length) return null;
  if (!subjectRows.every((r) => r.cells.slice(1, end).every((c) => subjectValue(c, table.decimalComma)))) return null;
  const corner = table.header[0]!.trim();
  const timeHeader = timeHeaderOf(corner);
  const times = table.header.slice(1, end).map((t) => t.trim());
  const summary = table.rows.filter((_, k) => stats[k] !== null);
  return (issues) => {
    issues.warn({
      code: 'transposed-table', row: table.headerRow, ...(corner !== '' ? { column: corner } : {}),
      message: `the times run across the header (${times.slice(0, 6).map(showCell).join(', ')}${times.length > 6 ? ', …' : ''}) and each row is a subject (${subjectRows.length}): read as subject-level values, summarised per visit here${summary.length > 0 ? `; the summary rows (${summary.map((r) => showCell((r.cells[0] ?? '').trim())).join(', ')}) are left out, as the visits' statistics are computed from the subjects` : ''}`,
    });
    return {
      ...table,
      header: [timeHeader, 'id', 'value'],
      rows: subjectRows.flatMap((r) => times.flatMap((t, j) => {
        const cell = (r.cells[j + 1] ?? '').trim();
        return parseNumberCell(cell, table.decimalComma).kind === 'empty' ? [] : [{ row: r.row, cells: [t, (r.cells[0] ?? '').trim(), cell] }];
      })),
    };
  };
}
