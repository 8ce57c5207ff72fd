// The Dataset: what the data stage hands to inference, discovery and the UI.

/** One observable in one group: aggregate statistics at each visit (times strictly increasing). */
export interface Series {
  observable: string;
  group: string;
  unit?: string;
  times: number[];
  mean: number[];
  /** between-subject SD at each visit; null where the source had a mean only */
  sd: (number | null)[];
  /** number of subjects contributing at each visit */
  n: number[];
  /** lower limit of quantification at each visit (null: not stated); absent when the data give none */
  lloq?: (number | null)[];
  /** how many of the n subjects were below the LLOQ at each visit (null: not stated); absent when the data give none */
  nBlq?: (number | null)[];
  /** true where the table reports the visit's mean only as below the LLOQ (a censored mean, docs/likelihood.md); absent when no visit does */
  meanBelowLloq?: boolean[];
}

/**
 * How a group was dosed (docs/data-format.md, "Dosing regimens"): `count` administrations of the
 * group's `dose` covariate, `interval` apart from t = 0, by one route; an infusion runs for
 * `duration` time units at rate dose/duration. Absent: one dose at t = 0 (route unknown).
 */
export interface Regimen {
  /** absent when the table gives a schedule but no route (discovery then reads it from the shape) */
  route?: 'oral' | 'iv' | 'infusion';
  /** infusion length (time units of the data), > 0; only for route 'infusion' */
  duration?: number;
  /** time between administrations, > 0; with count ≥ 2 */
  interval?: number;
  /** number of administrations (default 1) */
  count?: number;
  /**
   * The first administration (at t = 0) is given at steady state: the same dose has been given at
   * `interval` long enough before, so a pre-dose visit is a trough, not a drug-free sample. Needs
   * `interval`; not with `administrations` (docs/data-format.md, "Steady state").
   */
  steadyState?: boolean;
  /**
   * An irregular schedule (a dosing table): every administration, sorted by time, by this one
   * route. When present, interval and count are absent and the group's `dose` covariate is the
   * first administration's amount.
   */
  administrations?: Administration[];
}

/** One administration of an irregular schedule. */
export interface Administration {
  time: number;
  amount: number;
  /** infusion length, > 0 (route 'infusion' only); the regimen's duration when absent */
  duration?: number;
}

export interface Group {
  name: string;
  /** covariate values for the group (e.g. { dose: 100, WT: 72.5 }); `dose` when the data has one, others from covariate columns */
  covariates: Record<string, number>;
  /** the group's dosing regimen when the data describe one */
  regimen?: Regimen;
}

export interface Dataset {
  name?: string;
  timeUnit?: string;
  /** the unit of the groups' `dose` covariate, when the dose column states one ("dose (mg)") */
  doseUnit?: string;
  observables: { name: string; unit?: string }[];
  /** the covariate columns other than dose (docs/data-format.md, "Covariate columns"), with their units; absent when none */
  covariates?: { name: string; unit?: string }[];
  groups: Group[];
  series: Series[];
  /** where it came from: aggregate rows, or individual rows aggregated locally */
  source: { format: 'aggregate' | 'individual'; rows: number; subjects?: number };
  /** the caption a table was copied with (one-cell lines above its header); discovery reads it as the context when none is given */
  caption?: string;
  /**
   * Individual-level rows when the source was individual data (kept locally, never sent anywhere);
   * lets inference use the exact joint moments. Absent for aggregate sources.
   */
  individuals?: { id: string; group: string; observable: string; time: number; value: number }[];
}

/** A problem in input data, pointing at the cell. Rows are 1-based data rows as a spreadsheet shows them (header = row 1). */
export interface DataIssue {
  code: string;
  message: string;
  row?: number;
  column?: string;
}

export class DataError extends Error {
  readonly issues: DataIssue[];
  constructor(issues: DataIssue[]) {
    super(issues.map((i) => (i.row !== undefined ? `row ${i.row}` : '') + (i.column ? ` column "${i.column}"` : '') + `: ${i.message}`).join('\n'));
    this.name = 'DataError';
    this.issues = issues;
  }
}
