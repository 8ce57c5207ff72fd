// Header names → the columns the data stage knows. Case-insensitive, trimmed; spaces, dashes
// and dots count as underscores; a trailing "(unit)" or "[unit]" is read as the column's unit.

export type ColumnKey =
  | 'time' | 'mean' | 'sd' | 'n' | 'sem' | 'ci_low' | 'ci_high'
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
export const AGGREGATE_ALLOWED: readonly ColumnKey[] = ['time', 'mean', 'sd', 'n', 'sem', 'ci_low', 'ci_high', 'observable', 'group', 'dose', 'unit', 'lloq', 'n_blq', 'route', 'duration', 'interval', 'doses'];
export const INDIVIDUAL_REQUIRED: readonly ColumnKey[] = ['id', 'time', 'value'];
export const INDIVIDUAL_ALLOWED: readonly ColumnKey[] = ['id', 'time', 'value', 'observable', 'group', 'dose', 'unit'];

export interface HeaderCell {
  /** as written (trimmed): used in messages so the user finds the column */
  label: string;
  /** the label without its unit */
  name: string;
  key: ColumnKey | null;
  /** from "time (h)" / "mean [mg/L]" */
  unit?: string;
}

const UNIT_SUFFIX = /^(.*?)\s*[([]\s*([^()[\]]*?)\s*[)\]]$/;

export function readHeaderCell(raw: string): HeaderCell {
  const label = raw.trim();
  let name = label;
  let unit: string | undefined;
  const m = UNIT_SUFFIX.exec(label);
  if (m && m[1] !== '') {
    name = m[1];
    if (m[2] !== '') unit = m[2];
  }
  const normalized = name.toLowerCase().replace(/[\s.-]+/g, '_');
  return { label, name, key: BY_ALIAS.get(normalized) ?? null, unit };
}

/** Column positions by key; built once per table. */
export type ColumnMap = Partial<Record<ColumnKey, number>>;
