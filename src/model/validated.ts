// What validation hands to code generation: the spec plus resolved ASTs. Every identifier node
// in these ASTs has `ref` set (state/parameter/covariate/observable index, or time).
import type { Expr } from './ast.ts';
import type { ModelSpec, ParameterSpec } from './spec.ts';

export interface ValidatedDose {
  kind: 'bolus' | 'infusion';
  /** target state index */
  state: number;
  /** bolus: administration times; infusion: start times */
  times: number[];
  /** infusion duration (0 for bolus) */
  duration: number;
  /** amount (bolus) or rate (infusion); references parameters and covariates only */
  expr: Expr;
}

export interface ValidatedModel {
  spec: ModelSpec;
  states: { name: string; unit?: string; initial: Expr }[];
  parameters: ParameterSpec[];
  /** covariates; index 0 is always `dose` (default 0) */
  covariates: { name: string; unit?: string; default: number }[];
  /** d(state_i)/dt, indexed like `states` */
  equations: Expr[];
  /** observables in declaration order; may reference states, parameters, covariates, t and other observables */
  observables: { name: string; unit?: string; expr: Expr }[];
  /** an order of observable indices in which each only references earlier ones (no cycles) */
  observableOrder: number[];
  doses: ValidatedDose[];
}
