// Spreadsheets seldom head their time column "time": they write "Day", "Hours", "Study day",
// "Time_h", "TAD" or, for growth data, "age". Where no column is named time (or t), the one column
// whose name is such a time word is read as the time, its unit taken from the word ("Day" → days)
// unless the header states one ("Age (days)"). Two such columns are not guessed between. A
// column headed "Visit" (or "Time point", "Assessment") whose cells are times with their units
// ("Baseline, Week 4, Week 12", with perhaps "Screening" or "Follow-up") is the time too: its unit
// comes from the cells.
import { normalizeHeaderName, readHeaderCell } from './columns.ts';
import type { RawTable } from './csv.ts';
import type { IssueCollector } from './issues.ts';
import { parseNumberCell, showCell } from './numbers.ts';
import { isTimeLabel, SCREENING_VISIT, timeAndUnit, UNTIMED_VISIT } from './time-cells.ts';
import { unitsPerYear } from './time-units.ts';

/** headers of a schedule's visits: the time where every cell is a time with its unit */
const VISIT_NAMES = new Set(['visit', 'visits', 'visit_name', 'scheduled_visit', 'planned_visit', 'assessment', 'timepoint_name', 'sampling_point', 'sample_point', 'sampling_time_point']);

/** words that qualify a time ("study day", "nominal time", "hours post dose") */
const QUALIFIERS = /^(?:study|visit|nominal|nom|actual|planned|elapsed|sampling|sample|relative|incubation|culture|exposure)_|_(?:post_?dose|after_dose|since_dose|from_dose|post_treatment|post_infection|post_inoculation|post_?op)$/;
/** names that are a time without naming its unit */
const UNITLESS = new Set(['tad', 'tafd', 'ntime', 'atime', 'nomtime', 'time_point', 'timepoint', 'time_after_dose', 'time_since_dose', 'time_after_first_dose', 'age']);

/** the unit a header's name implies ("hours" → "hours", "time_h" → "h"), null when it is no time word; "" when a time without a unit */
export function timeWordUnit(name: string): string | null {
  const n = normalizeHeaderName(name);
  if (UNITLESS.has(n)) return '';
  const bare = n.replace(QUALIFIERS, '');
  const unit = /^(?:time_|age_)?([a-z]+)$/.exec(bare)?.[1] ?? /^([a-z]+)_?(?:time|age)$/.exec(bare)?.[1];
  // a one-letter unit ("h", "d") only as part of a name ("time_h"): alone it could be anything;
  // "min" alone is as often a minimum
  if (unit === undefined || unitsPerYear(unit) === undefined || (unit === bare && (unit.length === 1 || unit === 'min'))) {
    return bare !== n && /^(?:time|age)$/.test(bare) ? '' : null;
  }
  return unit;
}

/** The table with its time column named "time (unit)" where no column was named time and one header is a time word. */
export function nameTimeColumn(table: RawTable, issues: IssueCollector): RawTable {
  const cells = table.header.map(readHeaderCell);
  if (cells.some((c) => c.key === 'time')) return table;
  const found = cells.map((c, i) => ({ c, i, unit: c.key === null ? timeWordUnit(c.name) : null })).filter((x) => x.unit !== null);
  if (found.length === 0) {
    const visits = cells.flatMap((c, i) => (c.key === null && VISIT_NAMES.has(normalizeHeaderName(c.name)) && holdsTimes(table, i) ? [{ c, i, unit: '' }] : []));
    if (visits.length !== 1) return table;
    found.push(visits[0]!);
  }
  if (found.length > 1) {
    issues.warn({ code: 'time-column', row: table.headerRow, column: found[0]!.c.label, message: `no column is named time, and ${found.map((x) => showCell(x.c.label)).join(' and ')} could each be the time: rename the one to read "time"` });
    return table;
  }
  const { c, i, unit } = found[0]!;
  const stated = c.unit ?? (unit === '' ? undefined : unit!);
  const header = table.header.map((h, k) => (k === i ? (stated === undefined ? 'time' : `time (${stated})`) : h));
  // a study day counts the first dose's day as Day 1 in many protocols: then the visits are a day late
  const studyDay = /^(?:study|visit)_days?$/.test(normalizeHeaderName(c.name))
    ? '; where the protocol counts the first dose\'s day as Day 1 (no Day 0), subtract 1 to count from that dose' : '';
  issues.warn({ code: 'time-column', row: table.headerRow, column: c.label, message: `column ${showCell(c.label)} is read as the time${stated === undefined ? '' : ` (in ${stated})`}${studyDay}` });
  return { ...table, header };
}

/** every cell of the column is a time label, 0 or a visit with no time ("Screening", "Follow-up"), and some cell states a time unit ("Week 4") */
function holdsTimes(table: RawTable, column: number): boolean {
  let withUnit = false;
  for (const { cells } of table.rows) {
    const s = (cells[column] ?? '').trim();
    if (s === '') continue;
    const plain = parseNumberCell(s, table.decimalComma);
    if ((plain.kind === 'number' && plain.value === 0) || SCREENING_VISIT.test(s) || UNTIMED_VISIT.test(s)) continue;
    if (!isTimeLabel(s)) return false;
    const m = timeAndUnit(s);
    if (m && unitsPerYear(m.unit) !== undefined) withUnit = true;
  }
  return withUnit;
}
