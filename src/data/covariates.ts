// Per-group covariates beyond dose (docs/data-format.md, "Covariate columns"): mean body weight,
// age, … A numeric column the aggregate format does not otherwise know is a covariate when it
// holds one value per group. A recognised name (weight, age, …) that changes within a group is an
// error — the user meant a covariate and a fit without it would be wrong; any other numeric
// column that changes within a group (a visit number, a CV%) is left out with a warning.
import type { IssueCollector } from './issues.ts';
import { rowOf } from './consistency.ts';
import { MAX_ABS_VALUE } from './value-limits.ts';

/** Body-weight spellings (normalised: lower case, underscores); the library's PK motifs scale allometrically with them. */
export const WEIGHT_NAMES: readonly string[] = ['weight', 'wt', 'bw', 'body_weight', 'bodyweight', 'weight_kg', 'wt_kg', 'mean_weight', 'mean_wt'];

/** Covariate names recognised as such: documented in docs/data-format.md. */
export const RECOGNISED_COVARIATES: readonly string[] = [
  ...WEIGHT_NAMES, 'age', 'height', 'ht', 'bmi', 'bsa', 'lbm', 'ffm', 'crcl', 'egfr', 'gfr', 'scr', 'creatinine', 'albumin', 'alb', 'sex', 'male', 'female',
];

/** |covariate| bound, as for measured values (docs/data-format.md, "Text encoding, delimiters, numbers") */
export const MAX_ABS_COVARIATE = MAX_ABS_VALUE;

const normalised = (name: string): string => name.trim().toLowerCase().replace(/[\s.-]+/g, '_');

export const isBodyWeight = (name: string): boolean => WEIGHT_NAMES.includes(normalised(name));
export const isRecognisedCovariate = (name: string): boolean => RECOGNISED_COVARIATES.includes(normalised(name));

/**
 * The covariate's name as a model may use it: the header without its unit, every run of other
 * characters than letters, digits and `_` made one `_` ("body weight (kg)" → body_weight); a name
 * that does not start with a letter gets the prefix `cov_`. Spelling and case are kept (`WT`).
 */
export function covariateName(header: string): string {
  const name = header.trim().replace(/[^A-Za-z0-9_]+/g, '_').replace(/^_+|_+$/g, '').slice(0, 32);
  return /^[A-Za-z]/.test(name) ? name : `cov_${name}`.slice(0, 32);
}

interface WithCovariates {
  row?: number;
  group: string;
  id?: string;
  covariates?: Record<string, number>;
}

/** what one covariate value belongs to: a group (aggregate rows) or a subject (individual rows) */
export interface CovariateUnit {
  key: (r: WithCovariates) => string;
  name: (r: WithCovariates) => string;
  what: string;
  /** a recognised covariate that changes is an error (per group), not a time-varying value left out (per subject) */
  strict: boolean;
}

export const PER_GROUP: CovariateUnit = { key: (r) => r.group, name: (r) => `group "${r.group}"`, what: 'group (the group\'s mean)', strict: true };
/** as in NONMEM tables (nonmem.ts): a value that changes within a subject is time-varying, which a group mean cannot carry */
export const PER_SUBJECT: CovariateUnit = { key: (r) => JSON.stringify([r.group, r.id ?? '']), name: (r) => `subject "${r.id ?? ''}"`, what: 'subject', strict: false };

/**
 * One value per group (or subject) and covariate: the first stated. A group that states two
 * values is an error for a recognised name; otherwise (and for a subject: a time-varying value)
 * the covariate is dropped with a warning. `labels`
 * gives the header text of each covariate for messages. Keyed by `unit.key`.
 */
export function checkCovariatesPerGroup(rows: readonly WithCovariates[], issues: IssueCollector, labels: ReadonlyMap<string, string> = new Map(), unit: CovariateUnit = PER_GROUP): Map<string, Record<string, number>> {
  const first = new Map<string, Map<string, { value: number; row: number }>>(); // covariate → group → first
  const dropped = new Set<string>();
  rows.forEach((r, i) => {
    for (const [name, value] of Object.entries(r.covariates ?? {})) {
      if (dropped.has(name)) continue;
      let byGroup = first.get(name);
      if (!byGroup) first.set(name, (byGroup = new Map()));
      const key = unit.key(r);
      const seen = byGroup.get(key);
      const at = rowOf(r, i);
      if (!seen) { byGroup.set(key, { value, row: at }); continue; }
      if (seen.value === value) continue;
      const column = labels.get(name) ?? name;
      const change = `${unit.name(r)} has ${column} ${seen.value} at row ${seen.row} but ${value} here`;
      if (unit.strict && isRecognisedCovariate(name)) {
        issues.error({ code: 'inconsistent-covariate', row: at, column, message: `${change}; a covariate is one value per ${unit.what}, so give the same value on every row (or use separate groups)` });
      } else {
        dropped.add(name);
        issues.warn({ code: 'unused-column', row: at, column, message: `column "${column}" is not used as a covariate: ${change} (a covariate is one value per ${unit.what})` });
      }
    }
  });
  const out = new Map<string, Record<string, number>>();
  for (const [name, byGroup] of first) {
    if (dropped.has(name)) continue;
    for (const [key, { value }] of byGroup) out.set(key, { ...out.get(key), [name]: value });
  }
  return out;
}

/** "dose 100, WT 72.33 kg": a group's covariates for display (4 significant digits, units from the dataset) */
export function describeCovariates(covariates: Record<string, number>, units: readonly { name: string; unit?: string }[] = []): string {
  return Object.entries(covariates)
    .map(([name, v]) => { const unit = units.find((c) => c.name === name)?.unit; return `${name} ${Number(v.toPrecision(4))}${unit ? ` ${unit}` : ''}`; })
    .join(', ');
}
