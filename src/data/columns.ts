// Header names → the columns the data stage knows. Case-insensitive, trimmed; spaces, dashes
// and dots count as underscores; a trailing "(unit)" or "[unit]" is read as the column's unit.

export type ColumnKey =
  | 'time' | 'mean' | 'sd' | 'n' | 'sem' | 'ci_low' | 'ci_high' | 'cv'
  | 'geo_mean' | 'geo_cv' | 'geo_sd' | 'median' | 'q1' | 'q3'
  | 'observable' | 'group' | 'dose' | 'unit' | 'id' | 'value' | 'lloq' | 'n_blq' | 'route' | 'duration' | 'interval' | 'doses';

/** Accepted spellings (after normalization). Documented in docs/data-format.md. */
export const COLUMN_ALIASES: Record<ColumnKey, readonly string[]> = {
  time: ['time', 't'],
  mean: ['mean', 'avg', 'average'],
  sd: ['sd', 'std', 'stdev', 'std_dev', 'standard_deviation'],
  n: ['n', 'count', 'n_subjects'],
  sem: ['sem', 'se', 'std_err', 'standard_error'],
  ci_low: ['ci_low', 'ci_lower', 'lower_ci', 'lcl', 'ci95_low'],
  ci_high: ['ci_high', 'ci_upper', 'upper_ci', 'ucl', 'ci95_high'],
  // CV in percent, as tables write it ("CV%", "CV (%)")
  cv: ['cv', 'cv%', '%cv', 'cv_pct', 'cv_percent', 'pct_cv', 'percent_cv', 'coefficient_of_variation'],
  geo_mean: ['geo_mean', 'geomean', 'geometric_mean', 'gmean', 'g_mean'],
  geo_cv: ['geo_cv', 'geocv', 'gcv', 'gcv%', 'geo_cv%', 'geocv%', '%gcv', 'geometric_cv', 'geometric_cv%', 'cv_geo', 'gcv_pct', 'geo_cv_pct'],
  geo_sd: ['geo_sd', 'geosd', 'gsd', 'geometric_sd', 'geometric_standard_deviation'],
  median: ['median'],
  q1: ['q1', 'p25', 'iqr_low', 'iqr_lower', 'lower_quartile', 'first_quartile', 'quartile_1', '25th_percentile', 'percentile_25'],
  q3: ['q3', 'p75', 'iqr_high', 'iqr_upper', 'upper_quartile', 'third_quartile', 'quartile_3', '75th_percentile', 'percentile_75'],
  observable: ['observable', 'variable', 'measure', 'analyte'],
  group: ['group', 'arm', 'cohort'],
  dose: ['dose'],
  unit: ['unit', 'units'],
  id: ['id', 'subject', 'subject_id', 'patient', 'patient_id'],
  value: ['value', 'dv', 'observation'],
  lloq: ['lloq', 'loq', 'llq', 'lower_limit_of_quantification'],
  n_blq: ['n_blq', 'n_bql', 'nblq', 'blq_n', 'n_below_lloq'],
  route: ['route', 'administration', 'admin_route'],
  duration: ['duration', 'infusion_duration', 'tinf', 'infusion_time'],
  interval: ['interval', 'dosing_interval', 'tau', 'ii'],
  doses: ['doses', 'n_doses', 'number_of_doses', 'ndoses', 'dose_count'],
};

const BY_ALIAS = new Map<string, ColumnKey>();
for (const [key, names] of Object.entries(COLUMN_ALIASES) as [ColumnKey, readonly string[]][]) {
  for (const name of names) BY_ALIAS.set(name, key);
}

export const AGGREGATE_REQUIRED: readonly ColumnKey[] = ['time', 'mean', 'n'];
/** what can stand for the mean column: the arithmetic mean, else a geometric mean, else a median (summary-conversion.ts) */
export const CENTRE_KEYS = ['mean', 'geo_mean', 'median'] as const;
export type CentreKey = (typeof CENTRE_KEYS)[number];
export const AGGREGATE_ALLOWED: readonly ColumnKey[] = ['time', 'mean', 'sd', 'n', 'sem', 'ci_low', 'ci_high', 'cv', 'geo_mean', 'geo_cv', 'geo_sd', 'median', 'q1', 'q3', 'observable', 'group', 'dose', 'unit', 'lloq', 'n_blq', 'route', 'duration', 'interval', 'doses'];
export const INDIVIDUAL_REQUIRED: readonly ColumnKey[] = ['id', 'time', 'value'];
export const INDIVIDUAL_ALLOWED: readonly ColumnKey[] = ['id', 'time', 'value', 'observable', 'group', 'dose', 'unit', 'lloq'];

export interface HeaderCell {
  /** as written (trimmed): used in messages so the user finds the column */
  label: string;
  /** the label without its unit */
  name: string;
  key: ColumnKey | null;
  /** from "time (h)" / "mean [mg/L]" */
  unit?: string;
}

/** the longest header read for a combined centre and spread */
export const MAX_HEADER_PARSED = 300;

/**
 * "time (h)" → { name: "time", unit: "h" }; "mean [mg/L]" → mean, mg/L; "mean ()" → mean, no unit;
 * null where the label does not end in one bracketed part after a name. Scanned from the end, in
 * time linear in the label (a pattern with a lazy name and optional spaces was cubic on a long
 * pasted header).
 */
export function splitUnitSuffix(label: string): { name: string; unit?: string } | null {
  const close = label[label.length - 1];
  if (close !== ')' && close !== ']') return null;
  let open = label.length - 2;
  while (open >= 0 && !'()[]'.includes(label[open]!)) open--;
  if (open < 0 || (label[open] !== '(' && label[open] !== '[')) return null;
  const name = label.slice(0, open).trimEnd(), unit = label.slice(open + 1, -1).trim();
  if (name === '') return null;
  return unit !== '' ? { name, unit } : { name };
}

export function readHeaderCell(raw: string): HeaderCell {
  const label = raw.trim();
  let name = label;
  let unit: string | undefined;
  const m = splitUnitSuffix(label);
  if (m) {
    name = m.name;
    unit = m.unit;
  }
  const normalized = name.toLowerCase().replace(/[\s.-]+/g, '_');
  return { label, name, key: BY_ALIAS.get(normalized) ?? null, unit };
}

/** Column positions by key; built once per table. */
export type ColumnMap = Partial<Record<ColumnKey, number>>;
