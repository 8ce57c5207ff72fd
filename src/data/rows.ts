// Typed rows between the table and the Dataset: what the editable table in the app edits.
import type { Dataset, DataIssue, Regimen } from './types.ts';
import type { SubjectDoses } from './subject-doses.ts';

/** One visit of one observable in one group. `row` is the spreadsheet row it came from, for messages. */
export interface AggregateRow {
  row?: number;
  observable: string;
  group: string;
  time: number;
  mean: number;
  /** null: mean-only row */
  sd: number | null;
  n: number;
  dose?: number;
  unit?: string;
  /** lower limit of quantification at this visit */
  lloq?: number;
  /** how many of the n subjects were below the LLOQ */
  nBlq?: number;
  /**
   * the table reports the visit's mean only as below the LLOQ ("BLQ", "<0.5" in the mean cell): a
   * censored mean; `mean` then holds LLOQ/2 (0 when no LLOQ is stated) and `sd` is null
   */
  meanBelowLloq?: true;
  /** the group's dosing regimen (constant within a group) */
  regimen?: Regimen;
  /** the group's covariates other than dose, by name (constant within a group; covariates.ts) */
  covariates?: Record<string, number>;
}

/** One measurement of one subject. */
export interface IndividualRow {
  row?: number;
  id: string;
  observable: string;
  group: string;
  time: number;
  /** the measured value (0 and unused when `blq`) */
  value: number;
  /** below the lower limit of quantification ("<0.1", "BLQ" in the value cell) */
  blq?: true;
  /** the LLOQ the cell or the row's lloq column states */
  lloq?: number;
  dose?: number;
  unit?: string;
  /** the subject's covariates (constant within a subject; the group gets their mean) */
  covariates?: Record<string, number>;
}

export type DataFormat = 'aggregate' | 'individual';

export interface ParseOptions {
  name?: string;
  format?: 'auto' | DataFormat;
  /** overrides a unit given in the time column's header, e.g. "time (h)" */
  timeUnit?: string;
  /** each subject's dose times (from a dosing table with a subject column): individual rows' visits never join samples that followed different doses */
  subjectDoses?: SubjectDoses;
}

export type ParseResult =
  | { ok: true; dataset: Dataset; warnings: DataIssue[] }
  | { ok: false; issues: DataIssue[]; warnings: DataIssue[] };

export const DEFAULT_GROUP = 'all';
export const DEFAULT_OBSERVABLE = 'y';
