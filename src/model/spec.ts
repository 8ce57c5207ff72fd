// TypeScript view of modelspec.schema.json (the schema is the single source of truth;
// keep the two in step — test/model/schema-types.test.ts checks the examples against both).

export interface LogNormalPrior { type: 'lognormal'; median: number; gsd: number }
export interface BoundedPrior { type: 'uniform' | 'loguniform'; lower: number; upper: number }
export type Prior = LogNormalPrior | BoundedPrior;

export interface StateSpec { name: string; unit?: string; initial: string }

export interface ParameterSpec {
  name: string;
  unit?: string;
  description?: string;
  prior: Prior;
  /** true: log-normal between-subject variability */
  varies?: boolean;
  /** prior on ω, the SD of log(parameter) between subjects */
  omega?: LogNormalPrior;
}

export interface CovariateSpec {
  name: string;
  unit?: string;
  default?: number;
  /** group indicator: 1 in the data group of this name, 0 in every other (default when no group applies) */
  group?: string;
}

export interface ObservableSpec {
  name: string;
  /** the data's own label when it is not a valid name ("CD4 count"); see labels.ts */
  label?: string;
  unit?: string;
  expression: string;
}

export interface BolusDose {
  type: 'bolus';
  state: string;
  amount: string;
  time: number;
  every?: number;
  count?: number;
  /** the data's administrations this entry takes (infer/regimen.ts): 'oral' (by mouth or another depot route) or 'iv' (bolus or infusion); absent: every route */
  route?: DoseRoute;
}

export interface InfusionDose {
  type: 'infusion';
  state: string;
  rate: string;
  start: number;
  duration: number;
  every?: number;
  count?: number;
  route?: DoseRoute;
}

/** which of the data's routes a dose entry takes: a model dosed both ways has one entry per route */
export type DoseRoute = 'oral' | 'iv';

export type DoseSpec = BolusDose | InfusionDose;

export interface ErrorSpec {
  model: 'additive' | 'proportional' | 'combined';
  additive?: LogNormalPrior;
  proportional?: LogNormalPrior;
}

export interface ModelSpec {
  $schema?: string;
  name: string;
  description?: string;
  rationale?: string;
  timeUnit?: string;
  states: StateSpec[];
  parameters: ParameterSpec[];
  covariates?: CovariateSpec[];
  equations: Record<string, string>;
  observables: ObservableSpec[];
  doses?: DoseSpec[];
  error?: ErrorSpec;
  stiff?: boolean;
}
