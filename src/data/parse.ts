// The import entry points: CSV text (or a pasted spreadsheet range) → Dataset.
import { individualsToDataset } from './aggregate.ts';
import { armsToLong } from './arm-columns.ts';
import { datasetFromRows } from './build-dataset.ts';
import { splitCombinedColumns } from './combined-columns.ts';
import { takeOutCounts, takeOutHeaderCount } from './counts-in-cells.ts';
import { readCsv, type RawTable } from './csv.ts';
import { showCell } from './numbers.ts';
import { IssueCollector } from './issues.ts';
import { parseNonmemTable } from './nonmem.ts';
import { doseEventsAsNonmem } from './dose-event-rows.ts';
import { isNonmemHeader } from './nonmem-records.ts';
import type { ParseOptions, ParseResult } from './rows.ts';
import { DataError, type Dataset } from './types.ts';
import { readAggregateRows, readIndividualRows, readLayout } from './validate-rows.ts';
import { nameTimeColumn } from './time-column.ts';
import { placeUntimedVisits } from './untimed-visits.ts';
import { quantityAsMean } from './quantity-column.ts';
import { wideToLong } from './wide-table.ts';
import { transposedToLong } from './transposed.ts';

/** Never throws: errors (with row and column) or a Dataset with warnings. */
export function tryParseDataset(text: string, opts: ParseOptions = {}): ParseResult {
  try {
    const read = readCsv(text);
    if (!read.ok) return { ok: false, issues: read.issues, warnings: [] };
    return parseTable(read.table, opts);
  } catch (e) {
    // a bug, not bad input: still an answer the UI can show, never a crash
    return { ok: false, issues: [{ code: 'internal', message: `could not read the data: ${e instanceof Error ? e.message : String(e)}` }], warnings: [] };
  }
}

/** Parses CSV text; throws DataError listing every problem found (capped at 50). */
export function parseDataset(text: string, opts: ParseOptions = {}): Dataset {
  const result = tryParseDataset(text, opts);
  if (!result.ok) throw new DataError(result.issues);
  return result.dataset;
}

/** A table already split into cells (e.g. from the app's table editor): header + rows of strings. */
export function parseTable(table: RawTable, opts: ParseOptions = {}): ParseResult {
  // NONMEM-style tables (ID, TIME, DV and AMT/EVID/MDV) have their own reader
  if ((opts.format ?? 'auto') === 'auto' && isNonmemHeader(table.header)) return parseNonmemTable(table, opts);
  // nlme's tables of events (Phenobarb: a dose column on dose rows, conc on the others): NONMEM records
  const events = (opts.format ?? 'auto') === 'auto' ? doseEventsAsNonmem(table) : null;
  if (events) {
    const r = parseNonmemTable(events.table, opts);
    const note = { code: 'dose-event-rows', row: table.headerRow, message: `each row is a dose (column ${showCell(events.dose)}) or a measurement (column ${showCell(events.measured)}): read as a NONMEM-style table of events, doses as AMT, measurements as DV${events.table.header.includes('SS (from interval)') ? ', a dose with an interval as a dose at steady state (SS 1, II)' : ''}` };
    return { ...r, warnings: [note, ...r.warnings] };
  }
  const issues = new IssueCollector();
  for (const t of table.titleRows ?? []) issues.warn({ code: 'title-row', row: t.row, message: `${showCell(t.text)} is read as the table's caption, not as data (the header is row ${table.headerRow}; discovery reads it as the context when none is given)` });
  // a paper's summary with the times across the header and a row per statistic
  table = transposedToLong(table, issues);
  // "Day", "Hours", "Study day", "age": the time column under another name
  table = nameTimeColumn(table, issues);
  // "Screening", "Follow-up": visits a schedule names without a time
  table = placeUntimedVisits(table, issues);
  // a paper's table with one column (or set of columns) per study arm: aggregate rows per arm
  const byArm = armsToLong(table, issues);
  if (!byArm) return { ok: false, issues: issues.errorList(), warnings: issues.warningList() };
  // "12.3 ± 4.5 (n=12)", "Mean ± SD (n = 12)": the visits' n inside a summary cell or its header
  table = takeOutHeaderCount(takeOutCounts(byArm, issues), issues);
  // "mean (SD)" with cells "5.2 (1.1)": a centre and its spread, split into their columns
  // (side-by-side combined columns are not read further: a missing-mean error would only repeat it)
  const split = splitCombinedColumns(table, issues);
  if (!split) return { ok: false, issues: issues.errorList(), warnings: issues.warningList() };
  // "Time (h), Concentration (ng/mL), SD, N": the one quantity column is the mean
  table = quantityAsMean(split, issues);
  // times with named measurement columns and no mean or value column ("t,LOG10N"): long rows
  table = wideToLong(table, issues);
  const layout = readLayout(table, opts.format ?? 'auto', issues);
  if (!layout) return { ok: false, issues: issues.errorList(), warnings: issues.warningList() };
  if (table.rows.length === 0) {
    issues.error({ code: 'no-data', row: table.headerRow + 1, message: 'the file has a header but no data rows' });
    return { ok: false, issues: issues.errorList(), warnings: issues.warningList() };
  }
  const context = { timeUnit: layout.timeUnit, labels: layout.labels as Partial<Record<string, string>>, ...(layout.doseUnit !== undefined ? { doseUnit: layout.doseUnit } : {}) };
  if (layout.format === 'individual') {
    const rows = readIndividualRows(table, layout, issues);
    return withCaption(individualsToDataset(rows, opts, issues, { ...context, covariates: layout.covariates, sourceRows: table.rows.length }), table);
  }
  const rows = readAggregateRows(table, layout, issues);
  return withCaption(datasetFromRows(rows, opts, issues, { ...context, covariates: layout.covariates, source: { format: 'aggregate', rows: table.rows.length } }), table);
}

/** the dataset with the caption its table was copied with */
function withCaption(result: ParseResult, table: RawTable): ParseResult {
  const caption = (table.titleRows ?? []).map((t) => t.text).join(' ').slice(0, 2000);
  return result.ok && caption !== '' ? { ...result, dataset: { ...result.dataset, caption } } : result;
}
