// The largest numbers a data table may hold. Beyond these, arithmetic downstream overflows
// (squares and fourth powers of values in the likelihood, forecast times past the last visit,
// dose amounts times rates), so such cells are refused at import with their row and column
// rather than failing later inside a fit. Documented in docs/data-format.md.
import type { ColumnKey } from './columns.ts';

/** |time| and dose: a century in seconds is 3.2e9; 1e12 leaves room for any unit */
export const MAX_ABS_TIME = 1e12;
export const MAX_DOSE = 1e12;
/** |mean|, sd, sem, CI bounds, individual values: the fourth power stays far inside f64 */
export const MAX_ABS_VALUE = 1e50;
/**
 * subjects at one visit: far beyond any cohort (the largest trials enrol ~1e5); the predictive
 * check's work does not grow with n, but an n this large is a data error (a typo, a count of
 * samples, a population size)
 */
export const MAX_N = 1_000_000;

const LIMIT: Partial<Record<ColumnKey, number>> = {
  time: MAX_ABS_TIME,
  dose: MAX_DOSE,
  mean: MAX_ABS_VALUE,
  sd: MAX_ABS_VALUE,
  sem: MAX_ABS_VALUE,
  ci_low: MAX_ABS_VALUE,
  ci_high: MAX_ABS_VALUE,
  cv: MAX_ABS_VALUE,
  geo_mean: MAX_ABS_VALUE,
  geo_cv: MAX_ABS_VALUE,
  geo_sd: MAX_ABS_VALUE,
  median: MAX_ABS_VALUE,
  q1: MAX_ABS_VALUE,
  q3: MAX_ABS_VALUE,
  min: MAX_ABS_VALUE,
  max: MAX_ABS_VALUE,
  value: MAX_ABS_VALUE,
  n: MAX_N,
};

/** null when `v` is within the column's bound; otherwise why not */
export function valueLimitProblem(key: ColumnKey, v: number): string | null {
  const max = LIMIT[key];
  if (max === undefined || Math.abs(v) <= max) return null;
  return key === 'n'
    ? `${v} subjects is more than the limit of ${max.toLocaleString('en')}: check the cell (a count of samples or a typo?)`
    : `${v} is too large in magnitude; the limit for ${key} is ${max.toExponential(0).replace('e+', 'e')}`;
}
