// How time cells are written in clinical tables: pre-dose labels ("Pre-dose", "Baseline"), a
// number with its unit ("30 min", "2 h post-dose"), hours and minutes ("1:30"), a schedule's
// visit ("Week 4") and a day with a time ("Day 7, 2 h"). The row reader turns them into times (validate-rows.ts); the time-column
// finder uses them to recognise a "Visit" column that holds times (time-column.ts).
import { unitsPerYear } from './time-units.ts';

/** a sample before the dose, written as a label in the time column */
export const PRE_DOSE = /^(pre-?dose|pre|baseline|(?:t0|0|0 ?h) ?\(pre-?dose\)|pre-?dose ?\((?:t0|0|0 ?h)\))$/i;
/** a screening visit: before the study's time zero, at no stated time */
export const SCREENING_VISIT = /^(?:screening(?: visit)?|screen|scr|pre-?study|enrol?ment|enrollment)$/i;
/** a schedule's visit that states no time: follow-up, end of study or treatment, an unscheduled or early-termination visit */
export const UNTIMED_VISIT = /^(?:follow[- ]?up(?: visit)?|fu|f\/u|end of (?:study|treatment|therapy|trial)(?: visit)?|eos|eot|early termination|early discontinuation|et|unscheduled(?: visit)?|final visit|last visit|withdrawal(?: visit)?)$/i;

/** "30 min", "2 h", "1.5 days" */
const TIME_WITH_UNIT = /^([+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+))\s*([a-z]+)\.?(?:\s+(?:post[- ]?dose|after (?:the )?dose|post[- ]?infusion))?$/i;
/** a visit as schedules name it, the unit first: "Week 4", "Hour 2", "Month 3" ("Day 8" is a study day: an error) */
const UNIT_THEN_TIME = /^([a-z]+)\.?\s*([+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+))$/i;

/** a visit as multiple-dose schedules write it: "Day 1 predose", "Day 7, 2 h", "D7 30 min post-dose" */
const DAY_AND_TIME = /^(?:day|d)\s*(\d+)\s*[,;:/-]?\s*(?:(pre-?dose|pre|trough)|(\d+(?:\.\d+)?)\s*(h|hr|hrs|hour|hours|min|mins|minute|minutes)\.?(?:\s+(?:post[- ]?dose|after (?:the )?dose))?)$/i;

/** a day-and-time cell's study day and hours into that day; null for any other cell */
export function dayAndTime(cell: string): { day: number; hours: number } | null {
  const m = DAY_AND_TIME.exec(cell);
  if (!m) return null;
  const hours = m[2] ? 0 : Number(m[3]) * (unitsPerYear('h')! / unitsPerYear(m[4]!)!);
  return { day: Number(m[1]), hours };
}

/** hours and minutes (and seconds) elapsed, as case report forms write them: "0:30", "1:30", "24:00", "0:05:30" */
const HOURS_MINUTES = /^(\d{1,4}):([0-5]\d)(?::([0-5]\d))?$/;

/** a cell's number and unit, in either order ("30 min", "Day 8"), or hours and minutes ("1:30" is 1.5 h); null when it is none */
export function timeAndUnit(cell: string): { amount: string; unit: string; unitFirst: boolean } | null {
  const hm = HOURS_MINUTES.exec(cell);
  if (hm) return { amount: String(Number(hm[1]) + Number(hm[2]) / 60 + Number(hm[3] ?? 0) / 3600), unit: 'h', unitFirst: false };
  const after = TIME_WITH_UNIT.exec(cell);
  if (after) return { amount: after[1]!, unit: after[2]!, unitFirst: false };
  const before = UNIT_THEN_TIME.exec(cell);
  return before ? { amount: before[2]!, unit: before[1]!, unitFirst: true } : null;
}

/** a cell that names a time: a pre-dose label, a number with a time unit either side, or a day and a time */
export function isTimeLabel(cell: string): boolean {
  const s = cell.trim();
  if (PRE_DOSE.test(s) || dayAndTime(s)) return true;
  const m = timeAndUnit(s);
  return m !== null && unitsPerYear(m.unit) !== undefined;
}
