// What the model stage hands to the simulation stage: plain data (structured-cloneable, so it
// can be posted to workers) holding generator-produced code and the resolved trees it came from.
import type { Expr } from './ast.ts';
import type { ModelSpec } from './spec.ts';

/** A dose event schedule, resolved to indices; amounts/rates come from generated code (k = index). */
export interface CompiledBolus { kind: 'bolus'; state: number; times: number[]; amountIndex: number }
export interface CompiledInfusion { kind: 'infusion'; state: number; intervals: [number, number][]; rateIndex: number }
export type CompiledDose = CompiledBolus | CompiledInfusion;

/**
 * The resolved expression trees behind the generated code (every identifier has its `ref`), for
 * the generators that run later, per solver (src/model/codegen/js-kernels.ts). Names and units
 * are not needed: generators read refs only.
 */
export interface ModelTrees {
  nStates: number;
  nParams: number;
  nCovariates: number;
  /** d(state_i)/dt */
  equations: Expr[];
  /** initial value of state_i (parameters and covariates only) */
  initial: Expr[];
  /** observable expressions (may reference earlier observables in observableOrder) */
  observables: Expr[];
  /** an order of observable indices in which each only references earlier ones */
  observableOrder: number[];
  /** distinct dose amount / rate expressions (CompiledDose amountIndex / rateIndex) */
  doseExprs: Expr[];
}

export interface CompiledModel {
  /** the validated spec it came from */
  spec: ModelSpec;
  /** canonical hash of the model structure (cache key for pipelines and compiled functions) */
  hash: string;
  stateNames: string[];
  parameterNames: string[];
  /** covariate names; 'dose' is always index 0 */
  covariateNames: string[];
  covariateDefaults: number[];
  observableNames: string[];
  doses: CompiledDose[];
  /** number of distinct dose amount / infusion-rate expressions (indices used by doses) */
  nDoseExprs: number;
  /**
   * Body of a JS module-like function: `new Function(js)()` returns a JsModelFunctions object.
   * Generated from the AST only.
   */
  js: string;
  /**
   * WGSL declarations (constants NS, NP, NC, NO, NDOSE and functions model_rhs, model_init,
   * model_observe, model_jac, model_dose) to be spliced into the kernel templates in shaders/.
   * Generated from the AST only. See src/model/codegen/wgsl.ts for the exact signatures.
   */
  wgsl: string;
  /** LaTeX for KaTeX: one display line per equation/observable */
  latex: { equations: string[]; observables: string[]; initial: string[] };
  /** true when the spec asks for a stiff solver */
  stiff: boolean;
  /**
   * The trees the code was generated from. null only in hand-made models (tests write js/wgsl by
   * hand): those run on the generic engines over `js`, with no generated kernels.
   */
  trees: ModelTrees | null;
  /** dy/dt = A·y + c with A, c free of states and time (src/model/linearity.ts); false when trees is null */
  linearTimeInvariant: boolean;
}

/**
 * Generated JS functions (f64). All arrays are flat; p = parameters, c = covariates.
 * jac writes the nS×nS Jacobian d(rhs_i)/d(y_j) row-major into J.
 */
export interface JsModelFunctions {
  rhs(t: number, y: Float64Array, p: Float64Array, c: Float64Array, dy: Float64Array): void;
  init(p: Float64Array, c: Float64Array, y0: Float64Array): void;
  observe(t: number, y: Float64Array, p: Float64Array, c: Float64Array, out: Float64Array): void;
  jac(t: number, y: Float64Array, p: Float64Array, c: Float64Array, J: Float64Array): void;
  /** amount (bolus) or rate (infusion) of dose expression k */
  dose(k: number, p: Float64Array, c: Float64Array): number;
}
