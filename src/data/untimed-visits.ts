// Schedules name some visits without a time: "Screening" (days or weeks before the first dose, the
// exact day differing between subjects) and "Follow-up", "End of study", "Unscheduled". A model
// needs a time for every mean, so these rows are not guessed at: a screening visit stands in for
// the pre-dose visit only where the table has none (read as time 0), and is left
// out beside one; the others are left out. Each gets a warning that names its rows and says how
// to keep it (write its time).
import { readHeaderCell } from './columns.ts';
import type { RawTable } from './csv.ts';
import type { IssueCollector } from './issues.ts';
import { parseNumberCell, showCell } from './numbers.ts';
import { PRE_DOSE, SCREENING_VISIT, UNTIMED_VISIT } from './time-cells.ts';

/** rows listed as "rows 3, 9 and 15" (the first ten) */
function rowList(rows: readonly number[]): string {
  const shown = rows.slice(0, 10);
  const text = shown.length === 1 ? `row ${shown[0]}` : `rows ${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`;
  return rows.length > shown.length ? `${text} (and ${rows.length - shown.length} more)` : text;
}

/** The table without its untimed visits' rows (a screening visit read as the pre-dose visit where there is none). */
export function placeUntimedVisits(table: RawTable, issues: IssueCollector): RawTable {
  const column = table.header.findIndex((h) => readHeaderCell(h).key === 'time');
  if (column < 0) return table;
  const label = table.header[column]!;
  const cellOf = (cells: string[]) => (cells[column] ?? '').trim();
  const screening = table.rows.filter((r) => SCREENING_VISIT.test(cellOf(r.cells)));
  const untimed = table.rows.filter((r) => UNTIMED_VISIT.test(cellOf(r.cells)));
  if (screening.length === 0 && untimed.length === 0) return table;
  const hasPreDose = table.rows.some((r) => {
    const s = cellOf(r.cells);
    if (PRE_DOSE.test(s)) return true;
    const n = parseNumberCell(s, table.decimalComma);
    return n.kind === 'number' && n.value <= 0;
  });
  const dropped = new Set(untimed);
  if (screening.length > 0 && hasPreDose) {
    for (const r of screening) dropped.add(r);
    issues.warn({ code: 'untimed-visit', row: screening[0]!.row, column: label, message: `the screening visit (${rowList(screening.map((r) => r.row))}) has no time and the table has a pre-dose visit: left out (give its time, e.g. a negative number of days, to use it)` });
  } else if (screening.length > 0) {
    issues.warn({ code: 'untimed-visit', row: screening[0]!.row, column: label, message: `the screening visit (${rowList(screening.map((r) => r.row))}) is read as the pre-dose visit at time 0: the table has no other visit before the first dose` });
  }
  if (untimed.length > 0) {
    const names = [...new Set(untimed.map((r) => showCell(cellOf(r.cells))))].join(', ');
    issues.warn({ code: 'untimed-visit', row: untimed[0]!.row, column: label, message: `${names} (${rowList(untimed.map((r) => r.row))}) names no time: left out (write its time, e.g. "Week 16", to use it)` });
  }
  const rows = table.rows.flatMap((r) => {
    if (dropped.has(r)) return [];
    if (!SCREENING_VISIT.test(cellOf(r.cells))) return [r];
    return [{ ...r, cells: r.cells.map((c, i) => (i === column ? '0' : c)) }];
  });
  return { ...table, rows };
}
