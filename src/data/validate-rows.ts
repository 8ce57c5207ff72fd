// Raw table → typed rows, cell by cell: every problem is reported with its spreadsheet row and
// the column as the user named it. Rows with an error are left out; checking goes on so the user
// sees all problems at once.
import {
  AGGREGATE_ALLOWED, AGGREGATE_REQUIRED, CENTRE_KEYS, COLUMN_ALIASES, INDIVIDUAL_ALLOWED, INDIVIDUAL_REQUIRED,
  readHeaderCell, type CentreKey, type ColumnKey, type ColumnMap,
} from './columns.ts';
import { dayAndTime, PRE_DOSE, timeAndUnit } from './time-cells.ts';
import { fromMedianQuartiles, fromMedianRange, logNormalMoments, logSdFromGeoCv, logSdFromGeoSd, sdFromCv, sdFromRange } from './summary-conversion.ts';
import { relativeDifference, SD_CONSISTENCY_TOLERANCE, sdFromCi95, sdFromSem } from './convert.ts';
import type { RawTable } from './csv.ts';
import type { IssueCollector } from './issues.ts';
import { censoredCell } from './censored.ts';
import { NOT_CALCULATED, parseNumberCell, showCell } from './numbers.ts';
import { parseRoute } from './regimen.ts';
import type { Regimen } from './types.ts';
import { valueLimitProblem } from './value-limits.ts';
import { unitsPerYear } from './time-units.ts';
import { covariateName, MAX_ABS_COVARIATE } from './covariates.ts';
import { DEFAULT_GROUP, DEFAULT_OBSERVABLE, type AggregateRow, type DataFormat, type IndividualRow } from './rows.ts';
import { shortNumber } from './short-number.ts';

export interface ColumnLayout {
  format: DataFormat;
  columns: ColumnMap;
  /** the header text of each known column, for messages */
  labels: Partial<Record<ColumnKey, string>>;
  timeUnit?: string;
  /** from "dose (mg)": the unit of the dose column */
  doseUnit?: string;
  /**
   * the study day of the first dose, where time cells name a day and an hour ("Day 1 predose",
   * "Day 7, 2 h"): 1 when a Day 1 is among them (the usual count, no Day 0), 0 when a Day 0 is
   */
  dayOrigin?: 0 | 1;
  /** from "mean (mg/L)" or "value [mg/L]": the unit of rows without a unit cell */
  valueUnit?: string;
  /** other numeric columns: per-group (aggregate) or per-subject (individual) covariates (covariates.ts) */
  covariates: CovariateColumn[];
  /** aggregate: the column that gives each visit's centre (mean, else geometric mean, else median) */
  centre?: CentreKey;
  /** a value column with no subject column: one measurement per row (n = 1), read as visits */
  singleValues?: boolean;
}

export interface CovariateColumn { index: number; name: string; label: string; unit?: string; /** the header's row */ row: number }

/** Reads the header: which column is which, which format. Null when the data cannot be read. */
export function readLayout(table: RawTable, wanted: 'auto' | DataFormat, issues: IssueCollector): ColumnLayout | null {
  const row = table.headerRow;
  const cells = table.header.map(readHeaderCell);
  const columns: ColumnMap = {};
  const labels: Partial<Record<ColumnKey, string>> = {};
  cells.forEach((c, i) => {
    if (c.key === null) return;
    if (columns[c.key] !== undefined) {
      issues.error({ code: 'duplicate-column', row, column: c.label, message: `columns ${showCell(labels[c.key] ?? '')} and ${showCell(c.label)} both mean "${c.key}"; keep one` });
      return;
    }
    columns[c.key] = i;
    labels[c.key] = c.label;
  });
  const seen = cells.map((c) => showCell(c.label)).join(', ');
  if (Object.keys(columns).length === 0 && table.header.some((h) => parseNumberCell(h, table.decimalComma).kind === 'number')) {
    issues.error({ code: 'no-header', row, message: `the first row must be a header naming the columns (e.g. time, mean, sd, n); found ${seen}` });
    return null;
  }
  // time and value with no subject and no summary columns: one series of single measurements
  // (one value per row, replicates at a time pooled later), the commonest table of all
  const singleValues = wanted === 'auto' && columns.value !== undefined && columns.id === undefined
    && CENTRE_KEYS.every((k) => columns[k] === undefined) && SPREAD_KEYS.every((k) => columns[k] === undefined) && columns.n === undefined;
  if (singleValues) {
    columns.mean = columns.value;
    labels.mean = labels.value;
    delete columns.value;
    delete labels.value;
    issues.warn({ code: 'single-values', row, column: labels.mean, message: `no subject (id) column: each row of ${showCell(labels.mean ?? '')} is read as one measurement (n = 1); values at the same time are pooled into a visit` });
  }
  const centre = CENTRE_KEYS.find((k) => columns[k] !== undefined);
  const format: DataFormat =
    wanted !== 'auto' ? wanted : columns.mean === undefined && (columns.value !== undefined || (centre === undefined && columns.id !== undefined)) ? 'individual' : 'aggregate';
  const required = (format === 'aggregate' ? AGGREGATE_REQUIRED : INDIVIDUAL_REQUIRED).filter((k) => !(singleValues && k === 'n'));
  // a geometric mean or a median stands for the mean
  const missing = required.filter((k) => (k === 'mean' ? centre : columns[k]) === undefined);
  for (const k of missing) {
    const aliases = COLUMN_ALIASES[k].filter((a) => a !== k);
    const other = k === 'mean' ? '; or geo_mean (with geo_cv or geo_sd), or median (with q1, q3 or min, max)' : '';
    // a paper states the cohort's size once, in the caption ("mean ± SD, n = 12")
    const caption = k === 'n' && format === 'aggregate' ? '; where the table\'s caption gives one n for every visit, add an n column with that number on each row' : '';
    issues.error({
      code: 'missing-column', row, column: k,
      message: `missing required column "${k}"${aliases.length ? ` (also accepted: ${aliases.join(', ')}${other})` : ''}; the ${format} format needs ${required.join(', ')}; headers seen: ${seen}${caption}`,
    });
  }
  const allowed: readonly ColumnKey[] = format === 'individual' ? INDIVIDUAL_ALLOWED : singleValues ? [...AGGREGATE_ALLOWED, 'value'] : AGGREGATE_ALLOWED;
  const covariates: CovariateColumn[] = [];
  cells.forEach((c, i) => {
    if (c.key !== null && format === 'aggregate' && centre !== undefined && !spreadOf(centre).includes(c.key) && SPREAD_KEYS.includes(c.key)) {
      issues.warn({ code: 'unused-column', row, column: c.label, message: `column ${showCell(c.label)} is not used: the visits' ${CENTRE_WORDS[centre]} comes from ${showCell(labels[centre] ?? centre)}, and its spread from ${spreadOf(centre).join(', ')}` });
      return;
    }
    if (c.key !== null && format === 'aggregate' && CENTRE_KEYS.includes(c.key as CentreKey) && c.key !== centre) {
      issues.warn({ code: 'unused-column', row, column: c.label, message: `column ${showCell(c.label)} is not used: the visits' centre is ${showCell(labels[centre!] ?? '')}` });
      return;
    }
    if (c.key !== null && allowed.includes(c.key)) return;
    if (c.key !== null && labels[c.key] !== c.label) return; // a duplicate, already an error
    const hasData = table.rows.some((r) => (r.cells[i] ?? '').trim() !== '');
    if (c.label === '' && !hasData) return;
    const label = c.label === '' ? `(column ${i + 1})` : c.label;
    if (c.key === null && c.label !== '' && hasData && isNumericColumn(table, i)) {
      const column = covariateColumn(c.label, i, row);
      const twin = covariates.find((x) => x.name.toLowerCase() === column.name.toLowerCase());
      if (twin) issues.error({ code: 'duplicate-column', row, column: c.label, message: `columns ${showCell(twin.label)} and ${showCell(c.label)} both name the covariate "${column.name}"; keep one` });
      else covariates.push(column); // announced once its values are checked (build-dataset.ts)
      return;
    }
    issues.warn({ code: 'unknown-column', row, column: label, message: `column ${showCell(label)} is not used by the ${format} format (known: ${allowed.join(', ')})` });
  });
  if (format === 'aggregate' && !singleValues && missing.length === 0 && spreadOf(centre!).every((k) => columns[k] === undefined)) {
    issues.warn({ code: 'no-spread', row, message: `no ${spreadOf(centre!).join(', ')} column: ${CENTRE_WORDS[centre!]}s only, so between-subject variability will be poorly determined` });
  }
  if (format === 'aggregate' && centre !== undefined && centre !== 'mean') {
    issues.warn({
      code: 'converted-summary', row, column: labels[centre],
      message: centre === 'geo_mean'
        ? 'geometric means (and their geometric CV or SD) are converted to arithmetic means and SDs assuming log-normal variability between subjects'
        : columns.q1 === undefined && columns.min !== undefined
        ? 'medians and ranges are converted to means and SDs assuming log-normal variability between subjects (normal where a minimum is ≤ 0): the range of n subjects spans ξ(n) SDs on the log scale (Wan et al. 2014), a rough estimate of the spread'
        : 'medians and quartiles are converted to means and SDs assuming log-normal variability between subjects (normal where a lower quartile is ≤ 0)',
    });
  }
  if (missing.length > 0) return null;
  const timeCell = cells[columns.time as number];
  const valueCell = cells[(format === 'aggregate' ? columns[centre!] : columns.value) as number];
  // "(h:min)", "(hh:mm)": hours and minutes in the cells ("1:30"), a column in hours
  const timeUnit = (timeCell.unit !== undefined && CLOCK_UNIT.test(timeCell.unit) ? 'h' : timeCell.unit) ?? unitOfTimeCells(table, columns.time as number, timeCell.label, issues);
  const dayOrigin = dayOriginOf(table, columns.time as number);
  const doseUnit = columns.dose !== undefined ? cells[columns.dose]!.unit : undefined;
  return { format, columns, labels, timeUnit, ...(doseUnit !== undefined ? { doseUnit } : {}), ...(dayOrigin !== undefined ? { dayOrigin } : {}), valueUnit: valueCell.unit, covariates, ...(format === 'aggregate' ? { centre: centre! } : {}), ...(singleValues ? { singleValues } : {}) };
}

/** the spread columns that go with each centre */
const SPREAD_KEYS: readonly ColumnKey[] = ['sd', 'sem', 'ci_low', 'ci_high', 'cv', 'geo_cv', 'geo_sd', 'q1', 'q3', 'min', 'max'];
function spreadOf(centre: CentreKey): ColumnKey[] {
  return centre === 'mean' ? ['sd', 'sem', 'ci_low', 'ci_high', 'cv', 'min', 'max'] : centre === 'geo_mean' ? ['geo_cv', 'geo_sd'] : ['q1', 'q3', 'min', 'max'];
}
const CENTRE_WORDS: Record<CentreKey, string> = { mean: 'mean', geo_mean: 'geometric mean', median: 'median' };

/** every non-empty cell of the column is a number */
function isNumericColumn(table: RawTable, i: number): boolean {
  return table.rows.every((r) => parseNumberCell(r.cells[i] ?? '', table.decimalComma).kind !== 'invalid');
}

function covariateColumn(label: string, index: number, row: number): CovariateColumn {
  const h = readHeaderCell(label);
  return { index, name: covariateName(h.name), label, row, ...(h.unit !== undefined ? { unit: h.unit } : {}) };
}

/**
 * The time column's unit where the header states none but its cells do ("0.5 h", "30 min", "4 h"):
 * the unit most cells give (cells in others are converted to it). Only when every time cell other
 * than 0 or a pre-dose label states a unit — a bare "12" beside "30 min" could be either — and no
 * cell is a study day ("Day 8", an error of its own).
 */
function unitOfTimeCells(table: RawTable, column: number, label: string, issues: IssueCollector): string | undefined {
  const counts = new Map<string, number>();
  for (const { cells } of table.rows) {
    const s = (cells[column] ?? '').trim();
    if (s === '' || PRE_DOSE.test(s)) continue;
    if (dayAndTime(s)) { counts.set('h', (counts.get('h') ?? 0) + 1); continue; }
    const m = timeAndUnit(s);
    const perYear = m ? unitsPerYear(m.unit) : undefined;
    if (!m || perYear === undefined) {
      const plain = parseNumberCell(s, table.decimalComma);
      if (plain.kind === 'number' && plain.value === 0) continue;
      return undefined;
    }
    if (m.unitFirst && perYear === unitsPerYear('day')) return undefined;
    const unit = m.unit.toLowerCase();
    counts.set(unit, (counts.get(unit) ?? 0) + 1);
  }
  if (counts.size === 0) return undefined;
  // the unit most cells give; on a tie the finer one (hours before weeks)
  const unit = [...counts].sort((a, b) => b[1] - a[1] || unitsPerYear(b[0])! - unitsPerYear(a[0])!)[0]![0];
  issues.warn({ code: 'time-unit-from-cells', row: table.headerRow, column: label, message: `the header ${showCell(label)} states no time unit and its cells do: times are read in ${unit}${counts.size > 1 ? ` (cells in ${[...counts.keys()].filter((u) => u !== unit).join(', ')} converted)` : ''}` });
  return unit;
}

/** the study day of the first dose that a table's day-and-time cells show: a Day 0 says 0, else a Day 1 says 1 */
function dayOriginOf(table: RawTable, column: number): 0 | 1 | undefined {
  const days = new Set(table.rows.flatMap(({ cells }) => { const d = dayAndTime((cells[column] ?? '').trim()); return d ? [d.day] : []; }));
  return days.has(0) ? 0 : days.has(1) ? 1 : undefined;
}

/** a header unit that says its cells are hours and minutes */
const CLOCK_UNIT = /^h{1,2}:m{1,2}(?:in)?(?::s{1,2})?$/i;

/** Reads one row's cells; records errors; returns null for a cell that has a problem. */
class RowReader {
  failed = false;
  constructor(
    private readonly table: RawTable,
    private readonly layout: ColumnLayout,
    private readonly cells: string[],
    readonly row: number,
    private readonly issues: IssueCollector,
  ) {}

  raw(key: ColumnKey): string | undefined {
    const i = this.layout.columns[key];
    return i === undefined ? undefined : (this.cells[i] ?? '').trim();
  }

  label(key: ColumnKey): string {
    return this.layout.labels[key] ?? key;
  }

  error(code: string, key: ColumnKey, message: string): void {
    this.failed = true;
    this.issues.error({ code, row: this.row, column: this.label(key), message });
  }

  warn(code: string, key: ColumnKey, message: string): void {
    this.issues.warn({ code, row: this.row, column: this.label(key), message });
  }

  /** whether a warning with this code was given for this column already (once-per-column warnings) */
  warned(code: string, key: ColumnKey): boolean {
    return this.issues.warnings.some((w) => w.code === code && w.column === this.label(key));
  }

  get decimalComma(): boolean {
    return this.table.decimalComma;
  }

  /**
   * A spread (SD, SEM, CI, CV): a number, or null where the table says it was not calculated
   * ("NC", "ND", "-": a report's mark for a visit whose spread it did not compute).
   */
  spread(key: ColumnKey): number | null | undefined {
    const s = this.raw(key);
    if (s !== undefined && NOT_CALCULATED.test(s)) {
      // once per column: a report marks many visits so
      if (!this.warned('spread-not-calculated', key)) {
        this.warn('spread-not-calculated', key, `${this.label(key)} ${showCell(s)} (and any other such cell in this column): read as not given (the visit's mean is used without its spread)`);
      }
      return null;
    }
    return this.number(key, false);
  }

  /** number, null when empty or absent (an error if required), undefined when invalid */
  number(key: ColumnKey, required: boolean): number | null | undefined {
    const s = this.raw(key);
    if (s === undefined) return null;
    const cell = parseNumberCell(s, this.table.decimalComma);
    if (cell.kind === 'number') {
      const tooLarge = valueLimitProblem(key, cell.value);
      if (tooLarge === null) return cell.value;
      this.error('out-of-range', key, `${this.label(key)}: ${tooLarge}`);
      return undefined;
    }
    if (cell.kind === 'empty') {
      if (required) this.error('missing-value', key, this.emptyText(key));
      return null;
    }
    this.error('not-a-number', key, `${this.label(key)}: ${cell.message}`);
    return undefined;
  }

  /**
   * The visit time: a number; "pre-dose" or "baseline", read as time 0 (a sample before a dose at
   * 0); or a number with a time unit ("30 min", "Week 4"), converted to the unit the header
   * states. "Day 8" is a study day, whose origin protocols disagree on: an error that says so.
   */
  time(): number | null | undefined {
    const s = this.raw('time');
    const dt = s === undefined ? null : dayAndTime(s);
    if (dt) return this.dayTime(s!, dt);
    if (s !== undefined && PRE_DOSE.test(s)) {
      if (!this.issues.warnings.some((w) => w.code === 'time-label')) this.warn('time-label', 'time', `${showCell(s)} is read as time 0 (before the first dose at time 0; give a negative time for a sample taken earlier)`);
      return 0;
    }
    const m = s === undefined ? null : timeAndUnit(s);
    const cellPerYear = m ? unitsPerYear(m.unit) : undefined;
    if (m && cellPerYear !== undefined) {
      const value = parseNumberCell(m.amount, this.table.decimalComma);
      // a study day is no elapsed time: many schedules count the first dose's day as Day 1, with
      // no Day 0, others from Day 0; which one the table follows is not guessed
      if (m.unitFirst && cellPerYear === unitsPerYear('day')) {
        this.error('visit-day', 'time', `${showCell(s!)} is a study day, not a time: schedules that count the first dose's day as Day 1 (no Day 0) put it ${value.kind === 'number' ? shortNumber(value.value - 1) : 'one day less'} days after that dose, others ${value.kind === 'number' ? shortNumber(value.value) : 'that many'}; give the days since the first dose as numbers`);
        return undefined;
      }
      const columnPerYear = unitsPerYear(this.layout.timeUnit);
      if (columnPerYear === undefined) {
        this.error('time-unit', 'time', `${showCell(s!)} gives its unit but the header does not, and other time cells give none: name the column's unit, e.g. "time (${m.unit})", and cells in other units are converted to it`);
        return undefined;
      }
      if (value.kind === 'number') {
        const converted = value.value * (columnPerYear / cellPerYear);
        const tooLarge = valueLimitProblem('time', converted);
        if (tooLarge === null) return converted;
        this.error('out-of-range', 'time', `${this.label('time')}: ${tooLarge}`);
        return undefined;
      }
    }
    return this.number('time', true);
  }

  /** "Day 7, 2 h": hours since the first dose on the table's own day count, in the column's unit */
  private dayTime(s: string, dt: { day: number; hours: number }): number | undefined {
    const origin = this.layout.dayOrigin;
    if (origin === undefined) {
      this.error('visit-day', 'time', `${showCell(s)} names a study day, and no Day 0 or Day 1 in the table says which day the first dose was on (Day 1 in most protocols, Day 0 in some): add the first day's rows or give hours since the first dose`);
      return undefined;
    }
    const columnPerYear = unitsPerYear(this.layout.timeUnit);
    if (columnPerYear === undefined) {
      this.error('time-unit', 'time', `${showCell(s)} gives a day and an hour but the header gives no unit, and other time cells give none: name the column's unit, e.g. "time (h)"`);
      return undefined;
    }
    if (dt.day < origin) {
      this.error('visit-day', 'time', `${showCell(s)} is before Day ${origin}, the first dose's day in this table: give a negative time for a sample taken before the first dose`);
      return undefined;
    }
    if (!this.issues.warnings.some((w) => w.code === 'day-and-time')) {
      this.warn('day-and-time', 'time', `${showCell(s)}: day-and-time cells are read with Day ${origin} as the day of the first dose, at time 0 (Day ${origin} predose); "Day 7, 2 h" is ${shortNumber((7 - origin) * 24 + 2)} h after it`);
    }
    return ((dt.day - origin) * 24 + dt.hours) * (columnPerYear / unitsPerYear('h')!);
  }

  /** "mean is empty" or "mean is missing ("NA")" */
  emptyText(key: ColumnKey): string {
    const s = this.raw(key) ?? '';
    return `${this.label(key)} is ${s === '' ? 'empty' : `missing (${showCell(s)})`}`;
  }

  /** `fallback` when the column is absent; an empty cell in a present column is an error */
  text(key: ColumnKey, fallback?: string): string {
    const s = this.raw(key);
    if (s === undefined) return fallback ?? '';
    if (s === '') {
      const hint = fallback !== undefined ? ` (leave out the column to use "${fallback}" everywhere)` : '';
      this.error('missing-value', key, `${this.label(key)} is empty${hint}`);
    }
    return s;
  }

  dose(): number | undefined {
    const d = this.number('dose', false);
    if (d === null || d === undefined) return undefined;
    if (d < 0) this.error('negative-dose', 'dose', `dose must be ≥ 0, found ${d}`);
    return d;
  }

  unit(): string | undefined {
    const u = this.raw('unit');
    return u === undefined || u === '' ? this.layout.valueUnit : u;
  }

  /** the row's covariate cells (empty cells left out); out-of-range values are errors */
  covariates(): Record<string, number> | undefined {
    const out: Record<string, number> = {};
    for (const c of this.layout.covariates) {
      const cell = parseNumberCell(this.cells[c.index] ?? '', this.table.decimalComma);
      if (cell.kind !== 'number') continue; // the column is numeric (readLayout): empty here
      if (Math.abs(cell.value) > MAX_ABS_COVARIATE) {
        this.failed = true;
        this.issues.error({ code: 'out-of-range', row: this.row, column: c.label, message: `${c.label}: ${cell.value} is too large in magnitude; the limit for a covariate is 1e50` });
      } else out[c.name] = cell.value;
    }
    return Object.keys(out).length > 0 ? out : undefined;
  }
}

/** False (and an error) when the row's length doesn't match the header. */
function checkShape(table: RawTable, row: number, cells: string[], issues: IssueCollector): boolean {
  const width = table.header.length;
  if (cells.length < width) {
    issues.error({ code: 'ragged-row', row, message: `row has ${cells.length} cell${cells.length === 1 ? '' : 's'}; the header has ${width}` });
    return false;
  }
  if (cells.slice(width).some((c) => c.trim() !== '')) {
    const hint = table.delimiter === ',' ? ' (decimal commas such as 1,5 need ";" between columns)' : '';
    issues.error({ code: 'ragged-row', row, message: `row has ${cells.length} cells; the header has ${width}${hint}` });
    return false;
  }
  return true;
}

export function readAggregateRows(table: RawTable, layout: ColumnLayout, issues: IssueCollector): AggregateRow[] {
  const out: AggregateRow[] = [];
  for (const { row, cells } of table.rows) {
    if (!checkShape(table, row, cells, issues)) continue;
    const r = new RowReader(table, layout, cells, row, issues);
    const observable = r.text('observable', DEFAULT_OBSERVABLE);
    const group = r.text('group', DEFAULT_GROUP);
    const centre = layout.centre ?? 'mean';
    // a single measurement below the quantification limit ("<0.1", "BLQ"): a censored visit of one;
    // a summary's mean reported so: the cohort mean was below the LLOQ (a censored mean)
    const censored = censoredCell(r.raw(centre) ?? '', table.decimalComma);
    const censoredMean = censored !== undefined && !layout.singleValues;
    const columnLloq = censoredMean ? r.number('lloq', false) : null;
    const meanLloq = censored?.lloq ?? (typeof columnLloq === 'number' && columnLloq > 0 ? columnLloq : null);
    const value = censored ? (meanLloq ?? 0) / 2 : r.number(centre, false);
    if (censoredMean) {
      r.warn('censored-mean', centre, `${r.label(centre)} ${showCell(r.raw(centre) ?? '')}: the visit's mean is below the quantification limit${meanLloq !== null ? ` (${meanLloq})` : ''}; read as a censored mean (the cohort mean lies below the LLOQ), not as a number`);
      if (censored.lloq !== null && typeof columnLloq === 'number' && censored.lloq > columnLloq) r.error('blq-above-lloq', centre, `reported below ${censored.lloq}, above the row's LLOQ ${columnLloq}`);
    }
    if (value === null) {
      // a visit nobody measured (R writes NA): the rest of the table is still usable
      r.warn('missing-value', centre, `${r.emptyText(centre)}: row skipped`);
      continue;
    }
    const time = r.time();
    const n = layout.singleValues ? 1 : r.number('n', true);
    const nOk = typeof n === 'number' && Number.isInteger(n) && n >= 1;
    if (typeof n === 'number' && !nOk) r.error('bad-n', 'n', `n must be a whole number ≥ 1, found ${n}`);
    const summary = censoredMean ? { mean: value, sd: null }
      : centre === 'mean'
      ? { mean: value, sd: readSpread(r, nOk ? (n as number) : null, typeof value === 'number' ? value : null) }
      : typeof value === 'number' ? (centre === 'geo_mean' ? readGeometric(r, value) : readMedian(r, value, nOk ? (n as number) : null)) : { mean: undefined, sd: undefined };
    const { mean, sd } = summary;
    const dose = r.dose();
    const blq = censoredMean ? { meanBelowLloq: true as const, ...(meanLloq !== null ? { lloq: meanLloq } : {}) }
      : censored ? { nBlq: 1, ...(censored.lloq !== null ? { lloq: censored.lloq } : {}) } : readBlq(r, nOk ? (n as number) : null);
    const regimen = readRegimen(r);
    const covariates = r.covariates();
    if (r.failed || typeof time !== 'number' || typeof mean !== 'number' || !nOk || sd === undefined) continue;
    const unit = r.unit();
    out.push({ row, observable, group, time, mean, sd, n: n as number, ...(dose !== undefined ? { dose } : {}), ...(unit !== undefined ? { unit } : {}), ...blq, ...(regimen ? { regimen } : {}), ...(covariates ? { covariates } : {}) });
  }
  return out;
}

const YES_NO = new Map<string, boolean>([['yes', true], ['y', true], ['true', true], ['1', true], ['no', false], ['n', false], ['false', false], ['0', false]]);

/** The group's regimen from route, duration, interval and doses (docs/data-format.md, "Dosing regimens"). */
function readRegimen(r: RowReader): Regimen | undefined {
  const routeCell = r.raw('route');
  const duration = r.number('duration', false);
  const interval = r.number('interval', false);
  const doses = r.number('doses', false);
  const steadyCell = r.raw('steady_state')?.trim() ?? '';
  if ((routeCell === undefined || routeCell === '') && duration == null && interval == null && doses == null && steadyCell === '') return undefined;
  const out: Regimen = {};
  if (routeCell !== undefined && routeCell !== '') {
    const route = parseRoute(routeCell);
    if (!route) { r.error('bad-route', 'route', `route "${routeCell}" is not one of oral, iv (bolus), infusion`); return undefined; }
    out.route = route;
  }
  if (typeof duration === 'number') {
    if (!(duration > 0)) { r.error('bad-duration', 'duration', `an infusion duration must be > 0, found ${duration}`); return undefined; }
    if (out.route !== undefined && out.route !== 'infusion') { r.error('bad-duration', 'duration', `a duration is given for a ${out.route} dose; only an infusion has one`); return undefined; }
    out.route = 'infusion';
    out.duration = duration;
  } else if (out.route === 'infusion') {
    r.error('bad-duration', 'duration', 'an infusion needs its duration (> 0) in the duration column'); return undefined;
  }
  if (typeof doses === 'number') {
    if (!(Number.isInteger(doses) && doses >= 1)) { r.error('bad-doses', 'doses', `the number of doses must be a whole number ≥ 1, found ${doses}`); return undefined; }
    out.count = doses;
  }
  if (typeof interval === 'number') {
    if (!(interval > 0)) { r.error('bad-interval', 'interval', `the dosing interval must be > 0, found ${interval}`); return undefined; }
    out.interval = interval;
  }
  if ((out.count ?? 1) > 1 && out.interval === undefined) { r.error('bad-interval', 'interval', `${out.count} doses need a dosing interval`); return undefined; }
  if (out.duration !== undefined && out.interval !== undefined && (out.count ?? 1) > 1 && out.duration > out.interval) {
    r.error('bad-duration', 'duration', `an infusion of ${out.duration} is longer than the dosing interval ${out.interval}`); return undefined;
  }
  if (steadyCell !== '') {
    const yes = YES_NO.get(steadyCell.toLowerCase());
    if (yes === undefined) { r.error('bad-steady-state', 'steady_state', `steady state "${steadyCell}" is not one of yes, no (or 1, 0, true, false)`); return undefined; }
    if (yes && out.interval === undefined) { r.error('bad-steady-state', 'steady_state', 'a dose at steady state needs the dosing interval that led to it (an interval column)'); return undefined; }
    if (yes) out.steadyState = true;
  }
  if (out.interval !== undefined && out.count === undefined) r.warn('interval-without-doses', 'doses', 'a dosing interval without a number of doses: one dose is assumed (give doses)');
  return out;
}

/** The LLOQ and the count below it (censored visits, docs/likelihood.md); errors name the cell. */
function readBlq(r: RowReader, n: number | null): { lloq?: number; nBlq?: number } {
  const lloq = r.number('lloq', false);
  const nBlq = r.number('n_blq', false);
  const out: { lloq?: number; nBlq?: number } = {};
  if (typeof lloq === 'number') {
    if (lloq < 0) r.error('negative-lloq', 'lloq', `the LLOQ must be ≥ 0, found ${lloq}`);
    else out.lloq = lloq;
  }
  if (typeof nBlq === 'number') {
    if (!Number.isInteger(nBlq) || nBlq < 0) r.error('bad-n-blq', 'n_blq', `the number below the LLOQ must be a whole number ≥ 0, found ${nBlq}`);
    else if (n !== null && nBlq > n) r.error('bad-n-blq', 'n_blq', `${nBlq} subjects below the LLOQ but only n = ${n} measured`);
    else out.nBlq = nBlq;
  }
  return out;
}

/** SD from the sd column, else SEM·√n, else the 95% CI; null for a mean-only row, undefined on error. */
function readSpread(r: RowReader, n: number | null, mean: number | null): number | null | undefined {
  const sd = r.spread('sd');
  const sem = r.spread('sem');
  const low = r.spread('ci_low');
  const high = r.spread('ci_high');
  const cv = r.spread('cv');
  const range = readRange(r);
  if (sd === undefined || sem === undefined || low === undefined || high === undefined || cv === undefined || range === undefined) return undefined;
  let bad = false;
  if (cv !== null && cv < 0) { r.error('negative-cv', 'cv', `CV must be ≥ 0 (in percent), found ${cv}`); bad = true; }
  if (sd !== null && sd < 0) { r.error('negative-sd', 'sd', `SD must be ≥ 0, found ${sd}`); bad = true; }
  if (sem !== null && sem < 0) { r.error('negative-sem', 'sem', `SEM must be ≥ 0, found ${sem}`); bad = true; }
  if ((low === null) !== (high === null)) {
    const missing: ColumnKey = low === null ? 'ci_low' : 'ci_high';
    r.error('ci-incomplete', missing, `a 95% CI needs both ci_low and ci_high; ${r.label(missing)} is empty`);
    bad = true;
  }
  if (low !== null && high !== null && high < low) { r.error('ci-reversed', 'ci_high', `ci_high (${high}) is below ci_low (${low})`); bad = true; }
  if (low !== null && high !== null && n === 1 && sd === null && sem === null) {
    r.error('ci-needs-n', 'ci_low', 'an SD cannot be derived from a CI when n = 1'); bad = true;
  }
  if (bad || n === null) return bad ? undefined : null;

  const candidates: { key: ColumnKey; what: string; value: number }[] = [];
  if (sd !== null) candidates.push({ key: 'sd', what: 'SD', value: sd });
  if (sem !== null) candidates.push({ key: 'sem', what: 'SEM·√n', value: sdFromSem(sem, n) });
  if (cv !== null && mean !== null) candidates.push({ key: 'cv', what: 'CV·mean', value: sdFromCv(cv, mean) });
  if (low !== null && high !== null && n >= 2) {
    candidates.push({ key: 'ci_low', what: 'the 95% CI', value: sdFromCi95(low, high, n) });
    if (mean !== null && (mean < low || mean > high)) r.warn('mean-outside-ci', 'ci_low', `the mean ${mean} lies outside its CI [${low}, ${high}]`);
  }
  if (range !== null && mean !== null && (mean < range.min || mean > range.max)) r.warn('centre-outside-range', 'min', `the mean ${mean} lies outside its range [${range.min}, ${range.max}]`);
  // a range is the roughest of the spreads: used only where nothing else gives the SD
  if (range !== null && n >= 2 && candidates.length === 0) candidates.push({ key: 'min', what: 'the range', value: sdFromRange(range.min, range.max, n) });
  if (candidates.length === 0) return null;
  const [chosen, ...others] = candidates;
  for (const o of others) {
    const diff = relativeDifference(chosen.value, o.value);
    if (diff > SD_CONSISTENCY_TOLERANCE) {
      r.warn('inconsistent-sd', o.key, `SD given two ways that disagree by ${Math.round(diff * 100)}%: ${chosen.what} gives ${fmt(chosen.value)}, ${o.what} gives ${fmt(o.value)}; using ${chosen.what}`);
    }
  }
  return chosen.value;
}

const fmt = shortNumber;

/** A geometric mean with its geometric CV (percent) or SD (a factor ≥ 1) → arithmetic mean and SD. */
function readGeometric(r: RowReader, gm: number): { mean?: number; sd?: number | null } {
  const gcv = r.number('geo_cv', false);
  const gsd = r.number('geo_sd', false);
  if (gcv === undefined || gsd === undefined) return {};
  if (gm < 0) { r.error('negative-geo-mean', 'geo_mean', `a geometric mean must be ≥ 0, found ${gm}`); return {}; }
  if (gcv !== null && gcv < 0) { r.error('negative-cv', 'geo_cv', `a geometric CV must be ≥ 0 (in percent), found ${gcv}`); return {}; }
  if (gsd !== null && gsd < 1) { r.error('bad-geo-sd', 'geo_sd', `a geometric SD is a factor ≥ 1, found ${gsd}`); return {}; }
  const s = gcv !== null ? logSdFromGeoCv(gcv) : gsd !== null ? logSdFromGeoSd(gsd) : null;
  if (s === null) return { mean: gm, sd: null }; // mean-only: the geometric mean stands for the mean
  return logNormalMoments(gm, s);
}

/** a visit's smallest and largest value; null when not given, undefined on error */
function readRange(r: RowReader): { min: number; max: number } | null | undefined {
  const min = rangeEnd(r, 'min');
  const max = rangeEnd(r, 'max');
  if (min === undefined || max === undefined) return undefined;
  if ((min === null) !== (max === null)) {
    const missing: ColumnKey = min === null ? 'min' : 'max';
    r.error('range-incomplete', missing, `a range needs both its minimum and its maximum; ${r.label(missing)} is empty`);
    return undefined;
  }
  if (min === null || max === null) return null;
  if (max < min) { r.error('range-reversed', 'max', `the maximum (${max}) is below the minimum (${min})`); return undefined; }
  return { min, max };
}

/**
 * One end of a range. A PK table's minimum is often below the quantification limit ("BLQ",
 * "<0.5") where some subjects were: that end is read as LLOQ/2 (0 where no limit is stated), the
 * substitution a censored value gets elsewhere (censored.ts), with one warning per column.
 */
function rangeEnd(r: RowReader, key: 'min' | 'max'): number | null | undefined {
  const raw = r.raw(key);
  const censored = raw === undefined ? undefined : censoredCell(raw, r.decimalComma);
  if (censored === undefined) return r.spread(key);
  if (!r.warned('censored-range', key)) {
    r.warn('censored-range', key, `${r.label(key)} ${showCell(raw!)} (and any other such cell in this column): a subject was below the quantification limit at that visit; that end of the range is read as LLOQ/2${censored.lloq === null ? ' (0: the cell states no limit)' : ''}`);
  }
  return censored.lloq === null ? 0 : censored.lloq / 2;
}

/**
 * A median with its quartiles, else with its range (and n) → mean and SD (summary-conversion.ts);
 * a median alone is a mean-only visit.
 */
function readMedian(r: RowReader, median: number, n: number | null): { mean?: number; sd?: number | null } {
  const q1 = r.number('q1', false);
  const q3 = r.number('q3', false);
  if (q1 === undefined || q3 === undefined) return {};
  if (q1 === null && q3 === null) {
    const range = readRange(r);
    if (range === undefined) return {};
    if (range === null || n === null || n < 2) return { mean: median, sd: null };
    if (median < range.min || median > range.max) r.warn('centre-outside-range', 'median', `the median ${median} lies outside its range [${range.min}, ${range.max}]`);
    const { mean, sd } = fromMedianRange(median, range.min, range.max, n);
    return { mean, sd };
  }
  if ((q1 === null) !== (q3 === null)) {
    const missing: ColumnKey = q1 === null ? 'q1' : 'q3';
    r.error('iqr-incomplete', missing, `quartiles need both q1 and q3; ${r.label(missing)} is empty`);
    return {};
  }
  if (q1 === null || q3 === null) return { mean: median, sd: null };
  if (q3 < q1) { r.error('iqr-reversed', 'q3', `q3 (${q3}) is below q1 (${q1})`); return {}; }
  if (median < q1 || median > q3) r.warn('median-outside-iqr', 'median', `the median ${median} lies outside its quartiles [${q1}, ${q3}]`);
  const { mean, sd } = fromMedianQuartiles(median, q1, q3);
  return { mean, sd };
}

export function readIndividualRows(table: RawTable, layout: ColumnLayout, issues: IssueCollector): IndividualRow[] {
  const out: IndividualRow[] = [];
  for (const { row, cells } of table.rows) {
    if (!checkShape(table, row, cells, issues)) continue;
    const r = new RowReader(table, layout, cells, row, issues);
    const id = r.text('id');
    const observable = r.text('observable', DEFAULT_OBSERVABLE);
    const group = r.text('group', DEFAULT_GROUP);
    const time = r.time();
    // "<0.1", "BLQ": below the quantification limit, counted at its visit (censored.ts)
    const censored = censoredCell(r.raw('value') ?? '', table.decimalComma);
    const value = censored ? 0 : r.number('value', false);
    const { lloq } = readBlq(r, null);
    const stated = censored?.lloq ?? lloq ?? null;
    if (censored && censored.lloq !== null && typeof lloq === 'number' && censored.lloq > lloq) r.error('blq-above-lloq', 'value', `reported below ${censored.lloq}, above the row's LLOQ ${lloq}`);
    if (!censored && typeof value === 'number' && typeof lloq === 'number' && value < lloq) r.warn('below-lloq', 'value', `${value} is below the row's LLOQ ${lloq} but is not marked so ("<${lloq}" or "BLQ"): used as measured`);
    const dose = r.dose();
    const covariates = r.covariates();
    if (value === null && !r.failed) {
      r.warn('missing-value', 'value', `${r.emptyText('value')}: row skipped`);
      continue;
    }
    if (r.failed || typeof time !== 'number' || typeof value !== 'number') continue;
    const unit = r.unit();
    out.push({ row, id, observable, group, time, value, ...(censored ? { blq: true as const, ...(stated !== null ? { lloq: stated } : {}) } : {}), ...(dose !== undefined ? { dose } : {}), ...(unit !== undefined ? { unit } : {}), ...(covariates ? { covariates } : {}) });
  }
  return out;
}
