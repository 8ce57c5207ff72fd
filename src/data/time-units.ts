// Time units as tables write them ("h", "min", "days"): how many make a year, to compare and
// convert (derived rates per year; a dosing table's times in the data's unit).

const PER_YEAR: Record<string, number> = {
  s: 365.25 * 86400, sec: 365.25 * 86400, second: 365.25 * 86400, seconds: 365.25 * 86400,
  min: 365.25 * 1440, mins: 365.25 * 1440, minute: 365.25 * 1440, minutes: 365.25 * 1440,
  h: 365.25 * 24, hr: 365.25 * 24, hrs: 365.25 * 24, hour: 365.25 * 24, hours: 365.25 * 24,
  d: 365.25, day: 365.25, days: 365.25,
  wk: 365.25 / 7, week: 365.25 / 7, weeks: 365.25 / 7,
  mo: 12, month: 12, months: 12,
  y: 1, yr: 1, year: 1, years: 1,
};

/** time units per year, for rates per year and conversions; undefined when the unit is unknown */
export function unitsPerYear(timeUnit: string | undefined): number | undefined {
  return PER_YEAR[(timeUnit ?? '').trim().toLowerCase()];
}
