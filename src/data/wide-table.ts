// A table of times and named measurement columns — "t,LOG10N", "time,cp", "Time,y1,y2", or with a
// subject column "id,time,conc" — is what R's write.csv gives for a data frame of one series (the
// form most public data sets come in). No column says "mean" or "value": each numeric column the
// data stage does not know is then a measured quantity, named by its header. The table is
// rewritten as observable/time/value rows, one per filled cell, for the readers that follow
// (single measurements, or individual rows where a subject column is present).
import { CENTRE_KEYS, readHeaderCell, type ColumnKey } from './columns.ts';
import type { RawTable } from './csv.ts';
import type { IssueCollector } from './issues.ts';
import { parseNumberCell, showCell } from './numbers.ts';
import { censoredCell } from './censored.ts';
import { covariateName, isRecognisedCovariate } from './covariates.ts';

/** columns that say the table is already long, or a summary: then it is not read as wide */
const NOT_WIDE: readonly ColumnKey[] = ['value', 'observable', 'n', 'sd', 'sem', 'ci_low', 'ci_high', 'cv', 'geo_cv', 'geo_sd', 'q1', 'q3', 'min', 'max', ...CENTRE_KEYS];

/** a cell left empty or NA (R's "not measured") */
const missingCell = (cell: string, decimalComma: boolean): boolean => parseNumberCell(cell, decimalComma).kind === 'empty';
/** a measurement: a number, or a value below the quantification limit ("<0.1", "BLQ") */
const measurement = (cell: string, decimalComma: boolean): boolean => parseNumberCell(cell, decimalComma).kind === 'number' || censoredCell(cell, decimalComma) !== undefined;

/** each row's run of rising times: a run ends where the time does not increase (the next subject, tree or group begins) */
function timeRuns(table: RawTable, timeIndex: number): number[] {
  let run = 0, last = -Infinity;
  return table.rows.map((r) => {
    const t = parseNumberCell(r.cells[timeIndex] ?? '', table.decimalComma);
    const now = t.kind === 'number' ? t.value : NaN;
    if (now <= last) run++;
    if (!Number.isNaN(now)) last = now;
    return run;
  });
}

/**
 * A column that labels the runs (R's Chick or Diet beside weight and Time): constant within each run
 * of rising times and different between runs. It is no measurement; what it labels is not guessed.
 */
function labelsRuns(table: RawTable, i: number, runs: number[]): boolean {
  const values = new Map<number, string>();
  for (const [k, r] of table.rows.entries()) {
    const v = (r.cells[i] ?? '').trim(), seen = values.get(runs[k]!);
    if (seen !== undefined && seen !== v) return false;
    values.set(runs[k]!, v);
  }
  return values.size > 1 && new Set(values.values()).size > 1;
}

/** A column whose runs each carry a value no other run has (one per run, none empty): a subject's label. */
function onePerRun(table: RawTable, i: number, runs: number[]): boolean {
  const values = new Set(table.rows.map((r) => (r.cells[i] ?? '').trim()));
  return !values.has('') && values.size === new Set(runs).size;
}

/** at most this many groups are read from a column that labels groups of subjects: more look like a per-subject score (an Apgar) */
const MAX_GROUPS = 5;

/**
 * A column that gives each subject (column `subject`) one value, each value two subjects or more,
 * 2 to MAX_GROUPS values, none empty: a label of groups of subjects.
 */
function labelsSubjects(table: RawTable, i: number, subject: number): boolean {
  const valueOf = new Map<string, string>();
  for (const r of table.rows) {
    const id = (r.cells[subject] ?? '').trim(), v = (r.cells[i] ?? '').trim();
    if (v === '' || (valueOf.has(id) && valueOf.get(id) !== v)) return false;
    valueOf.set(id, v);
  }
  const subjectsOf = new Map<string, number>();
  for (const v of valueOf.values()) subjectsOf.set(v, (subjectsOf.get(v) ?? 0) + 1);
  return subjectsOf.size >= 2 && subjectsOf.size <= MAX_GROUPS && [...subjectsOf.values()].every((n) => n >= 2);
}

/** Rewrites a wide table as long rows; the table itself where it is not wide. */
export function wideToLong(table: RawTable, issues: IssueCollector): RawTable {
  const cells = table.header.map(readHeaderCell);
  const keys = new Set(cells.map((c) => c.key).filter((k): k is ColumnKey => k !== null));
  if (!keys.has('time') || NOT_WIDE.some((k) => keys.has(k))) return table;
  const numeric = cells.map((c, i) => ({ c, i })).filter(({ c, i }) => c.key === null && c.label !== ''
    && table.rows.some((r) => measurement(r.cells[i] ?? '', table.decimalComma))
    && table.rows.every((r) => missingCell(r.cells[i] ?? '', table.decimalComma) || measurement(r.cells[i] ?? '', table.decimalComma)));
  const runs = timeRuns(table, cells.findIndex((c) => c.key === 'time'));
  // the columns the data stage does not know that label the runs, worked out once
  const labels = new Set(cells.map((_, i) => i).filter((i) => cells[i]!.key === null && cells[i]!.label !== '' && labelsRuns(table, i, runs)));
  // a recognised covariate (R's Theoph: Wt beside Subject, Dose, Time, conc) stays a column: each
  // subject's value, which the readers that follow take as the subject's covariate
  const covariates = new Set(numeric.filter((m) => isRecognisedCovariate(covariateName(m.c.label)) && labels.has(m.i)).map((m) => m.i));
  // where no column names the subject, one that labels each run with a value of its own is it
  // (R's ChickWeight: Chick; Orange: Tree; Soybean: Plot): the rows become individual measurements
  const subjectAt = keys.has('id') ? -1 : cells.findIndex((_, i) => labels.has(i) && !covariates.has(i) && onePerRun(table, i, runs));
  // with the subject known, columns that label groups of subjects — each subject one value, each
  // value two subjects or more, at most MAX_GROUPS values (Soybean's Variety and Year, ChickWeight's
  // Diet) — are the group where no column names it, their values joined ("Variety F, Year 1988")
  const subjectColumn = subjectAt >= 0 ? subjectAt : cells.findIndex((c) => c.key === 'id');
  const groupAt = keys.has('group') || subjectColumn < 0 ? [] : [...labels].filter((i) => i !== subjectAt && !covariates.has(i) && labelsSubjects(table, i, subjectColumn));
  const inGroup = new Set(groupAt);
  const labelling = numeric.filter((m) => m.i !== subjectAt && !inGroup.has(m.i) && !covariates.has(m.i) && labels.has(m.i));
  if (subjectAt >= 0) {
    issues.warn({
      code: 'subject-column', row: table.headerRow, column: cells[subjectAt]!.label,
      message: `no subject column: column ${showCell(cells[subjectAt]!.label)} labels each run of rising times with a value of its own, and is read as the subject (name it id to say so)`,
    });
  }
  const groupOf = (r: RawTable['rows'][number]) => groupAt.map((i) => `${cells[i]!.label} ${(r.cells[i] ?? '').trim()}`).join(', ');
  if (groupAt.length > 0) {
    const names = [...new Set(table.rows.map(groupOf))];
    issues.warn({
      code: 'group-columns', row: table.headerRow, column: cells[groupAt[0]!]!.label,
      message: `no group column: ${groupAt.map((i) => showCell(cells[i]!.label)).join(', ')} ${groupAt.length === 1 ? 'labels' : 'label'} groups of subjects (each subject one value, each value two subjects or more), read as the group: ${names.slice(0, 6).map((n) => `"${n}"`).join(', ')}${names.length > 6 ? ', …' : ''} (name a column group to say so)`,
    });
  }
  if (labelling.length > 0) {
    issues.warn({
      code: 'unused-column', row: table.headerRow, column: labelling[0]!.c.label,
      message: `${labelling.map((m) => showCell(m.c.label)).join(', ')} ${labelling.length === 1 ? 'labels' : 'label'} each run of times (constant within one, different between them): not read as measurements; ${keys.has('id') || subjectAt >= 0 ? `name ${labelling.length === 1 ? 'it' : 'one'} group to use ${labelling.length === 1 ? 'it' : 'it as the group'}` : 'name a subject column id and a group column group to use them'}`,
    });
  }
  const labelAt = new Set(labelling.map((m) => m.i));
  const measured = numeric.filter((m) => m.i !== subjectAt && !inGroup.has(m.i) && !labelAt.has(m.i) && !covariates.has(m.i));
  if (measured.length === 0) return table;
  const measuredAt = new Set(measured.map((m) => m.i));
  const kept = cells.map((_, i) => i).filter((i) => !measuredAt.has(i) && !labelAt.has(i) && !inGroup.has(i));
  const unitColumn = kept.find((i) => cells[i]!.key === 'unit');
  const grouped = groupAt.length > 0 ? ['group'] : [];
  const header = [...kept.map((i) => (i === subjectAt ? 'id' : table.header[i]!)), ...grouped, 'observable', 'value', ...(unitColumn === undefined ? ['unit'] : [])];
  const rows: RawTable['rows'] = [];
  for (const r of table.rows) {
    for (const { c, i } of measured) {
      const cell = r.cells[i] ?? '';
      if (missingCell(cell, table.decimalComma)) continue;
      const unit = unitColumn === undefined ? [c.unit ?? ''] : [];
      rows.push({ row: r.row, cells: [...kept.map((k) => r.cells[k] ?? ''), ...(groupAt.length > 0 ? [groupOf(r)] : []), c.name, cell, ...unit] });
    }
  }
  const names = measured.map((m) => showCell(m.c.label)).join(', ');
  issues.warn({
    code: 'wide-table', row: table.headerRow, column: measured[0]!.c.label,
    message: `no mean or value column: ${measured.length === 1 ? `column ${names} is read as the measured quantity` : `columns ${names} are read as measured quantities`}, one measurement per row and time (cells left empty or NA are not measured)`,
  });
  return { ...table, header, rows };
}
