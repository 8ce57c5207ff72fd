// Header names → the columns the data stage knows. Case-insensitive, trimmed; spaces, dashes
// and dots count as underscores (and may be left out: "S.D.", "StdDev"); a trailing "(unit)" or
// "[unit]" is read as the column's unit.

export type ColumnKey =
  | 'time' | 'mean' | 'sd' | 'n' | 'sem' | 'ci_low' | 'ci_high' | 'cv'
  | 'geo_mean' | 'geo_cv' | 'geo_sd' | 'median' | 'q1' | 'q3' | 'min' | 'max'
  | 'observable' | 'group' | 'dose' | 'unit' | 'id' | 'value' | 'lloq' | 'n_blq' | 'route' | 'duration' | 'interval' | 'doses' | 'steady_state';

/** Accepted spellings (after normalization). Documented in docs/data-format.md. */
export const COLUMN_ALIASES: Record<ColumnKey, readonly string[]> = {
  time: ['time', 't'],
  mean: ['mean', 'avg', 'average', 'arithmetic_mean', 'mean_value', 'mean_conc', 'mean_concentration', 'mean_level'],
  sd: ['sd', 'std', 'stdev', 'std_dev', 'standard_deviation', 'standard_dev'],
  n: ['n', 'count', 'n_subjects', 'n_subj', 'n_patients', 'n_animals', 'no_of_subjects', 'no_of_patients', 'no_of_animals', 'number_of_subjects', 'number_of_patients', 'number_of_animals', 'sample_size'],
  sem: ['sem', 'se', 'std_err', 'std_error', 'standard_error', 'se_mean', 'standard_error_of_mean', 'standard_error_of_the_mean'],
  ci_low: ['ci_low', 'ci_lower', 'lower_ci', 'lcl', 'lci', 'ci95_low', 'ci95_lower', '95%_ci_low', '95%_ci_lower', 'lower_95%_ci', 'lower_95_ci', 'lower_cl'],
  ci_high: ['ci_high', 'ci_upper', 'upper_ci', 'ucl', 'uci', 'ci95_high', 'ci95_upper', '95%_ci_high', '95%_ci_upper', 'upper_95%_ci', 'upper_95_ci', 'upper_cl'],
  // CV in percent, as tables write it ("CV%", "CV (%)")
  cv: ['cv', 'cv%', '%cv', 'cv_pct', 'cv_percent', 'pct_cv', 'percent_cv', 'coefficient_of_variation'],
  geo_mean: ['geo_mean', 'geomean', 'geometric_mean', 'gmean', 'g_mean'],
  geo_cv: ['geo_cv', 'geocv', 'gcv', 'gcv%', 'geo_cv%', 'geocv%', '%gcv', 'geometric_cv', 'geometric_cv%', 'cv_geo', 'gcv_pct', 'geo_cv_pct'],
  geo_sd: ['geo_sd', 'geosd', 'gsd', 'geometric_sd', 'geometric_standard_deviation'],
  median: ['median'],
  q1: ['q1', 'p25', 'iqr_low', 'iqr_lower', 'lower_quartile', 'first_quartile', 'quartile_1', '25th_percentile', 'percentile_25'],
  q3: ['q3', 'p75', 'iqr_high', 'iqr_upper', 'upper_quartile', 'third_quartile', 'quartile_3', '75th_percentile', 'percentile_75'],
  // the smallest and largest value of a visit (a median's or a mean's range)
  min: ['min', 'minimum', 'range_low', 'range_lower', 'range_min', 'lowest'],
  max: ['max', 'maximum', 'range_high', 'range_upper', 'range_max', 'highest'],
  observable: ['observable', 'variable', 'measure', 'analyte', 'parameter', 'param', 'paramcd', 'pctest', 'lbtest', 'biomarker', 'endpoint'],
  group: ['group', 'arm', 'cohort', 'treatment', 'treatment_group', 'treatment_arm', 'trt', 'dose_group', 'study_arm'],
  dose: ['dose'],
  unit: ['unit', 'units'],
  id: ['id', 'subject', 'subject_id', 'patient', 'patient_id', 'subj', 'subjid', 'usubjid', 'animal_id'],
  value: ['value', 'dv', 'observation', 'result', 'aval', 'measurement'],
  lloq: ['lloq', 'loq', 'llq', 'lower_limit_of_quantification', 'lower_limit_of_quantitation', 'limit_of_quantification', 'limit_of_quantitation', 'lod', 'limit_of_detection'],
  n_blq: ['n_blq', 'n_bql', 'nblq', 'blq_n', 'n_bloq', 'n_below_lloq', 'n_below_loq', 'n_below_lod', 'n_<lloq', 'number_blq', 'no_blq', 'n_not_detected'],
  route: ['route', 'administration', 'admin_route'],
  duration: ['duration', 'infusion_duration', 'tinf', 'infusion_time'],
  interval: ['interval', 'dosing_interval', 'tau', 'ii'],
  doses: ['doses', 'n_doses', 'number_of_doses', 'ndoses', 'dose_count'],
  // yes/no: the first dose is given at steady state (NONMEM's SS)
  steady_state: ['steady_state', 'ss', 'at_steady_state'],
};

const BY_ALIAS = new Map<string, ColumnKey>();
/** the aliases without their underscores ("S.D." → sd, "StdDev" → std_dev, "S.E.M." → sem); a spelling two keys share is left out */
const BY_COMPACT = new Map<string, ColumnKey | null>();
const compact = (normalized: string) => normalized.replace(/_/g, '');
for (const [key, names] of Object.entries(COLUMN_ALIASES) as [ColumnKey, readonly string[]][]) {
  for (const name of names) {
    BY_ALIAS.set(name, key);
    const c = compact(name), seen = BY_COMPACT.get(c);
    BY_COMPACT.set(c, seen === undefined || seen === key ? key : null);
  }
}

/** a header's name as the aliases spell it: lower case, runs of spaces, dots and dashes one "_", none at the ends */
export const normalizeHeaderName = (name: string): string => name.trim().toLowerCase().replace(/[\s.-]+/g, '_').replace(/^_+|_+$/g, '');

/** a header's name → its column key: the spelling itself, else the same letters without separators */
function keyOf(name: string): ColumnKey | null {
  const normalized = normalizeHeaderName(name);
  return BY_ALIAS.get(normalized) ?? BY_COMPACT.get(compact(normalized)) ?? null;
}

export const AGGREGATE_REQUIRED: readonly ColumnKey[] = ['time', 'mean', 'n'];
/** what can stand for the mean column: the arithmetic mean, else a geometric mean, else a median (summary-conversion.ts) */
export const CENTRE_KEYS = ['mean', 'geo_mean', 'median'] as const;
export type CentreKey = (typeof CENTRE_KEYS)[number];
export const AGGREGATE_ALLOWED: readonly ColumnKey[] = ['time', 'mean', 'sd', 'n', 'sem', 'ci_low', 'ci_high', 'cv', 'geo_mean', 'geo_cv', 'geo_sd', 'median', 'q1', 'q3', 'min', 'max', 'observable', 'group', 'dose', 'unit', 'lloq', 'n_blq', 'route', 'duration', 'interval', 'doses', 'steady_state'];
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
  return { label, name, key: keyOf(name), unit };
}

/** Column positions by key; built once per table. */
export type ColumnMap = Partial<Record<ColumnKey, number>>;
