// The result of fitting one model to one dataset: what the CLI writes (`mechanist fit --out`),
// what discovery ranks, and what the UI shows. Plain JSON (no typed arrays), so it persists as is.
import type { ModelSpec } from '../model/spec.ts';
import type { DerivedQuantities } from '../derive/types.ts';
import type { FlipFlop } from './flip-flop.ts';

export interface Quantiles { median: number; q05: number; q95: number; q25?: number; q75?: number }

/** Predictive band at each time for one group × observable. */
export interface Band { times: number[]; median: number[]; q05: number[]; q95: number[] }

export interface PredictiveSeries {
  group: string;
  observable: string;
  /** posterior predictive of the cohort mean */
  mean: Band;
  /** posterior predictive of the cohort SD */
  sd: Band;
  /** predictive band for an individual subject's trajectory */
  individual: Band;
  /**
   * The lowest point of the model's own cohort mean (over virtual subjects, no residual error;
   * median over particles) and its time: below zero, the model itself is impossible for a quantity
   * that cannot be negative, whatever the floored bands show. Absent in reports from before it.
   */
  lowestModelMean?: { value: number; time: number };
}

export interface ResidualRow { group: string; observable: string; time: number; meanZ: number; sdZ: number | null }

export interface Diagnostics {
  residuals: ResidualRow[];
  /** human-readable patterns found in the residuals, e.g. "late mean over-predicted" */
  patterns: string[];
  identifiability: {
    /** posterior SD / prior SD of each hyperparameter (log scale); near 1 = not informed by data */
    contraction: Record<string, number>;
    /** pairs of hyperparameters with |posterior correlation| > 0.95 */
    correlated: { a: string; b: string; corr: number }[];
    /** hyperparameters whose posterior piles up at a prior edge */
    atPriorEdge: string[];
  };
  /** fraction of simulated trajectories that failed (max-steps, non-finite, underflow) */
  failedFraction: number;
  warnings: string[];
}

export interface FitReport {
  model: string;
  spec: ModelSpec;
  backend: 'cpu' | 'webgpu';
  particles: number;
  subjects: number;
  seed: number;
  logEvidence: number;
  logEvidenceSE: number;
  /** population medians θ_pop */
  parameters: Record<string, Quantiles>;
  /** between-subject variability of parameters marked `varies` */
  bsv: Record<string, { omega: Quantiles; cvPercent: number }>;
  residualError: Record<string, Quantiles>;
  /** one-compartment oral models: the two flip-flop modes (ka > k presented) */
  flipFlop?: FlipFlop;
  diagnostics: Diagnostics;
  predictive: PredictiveSeries[];
  /** clinical quantities (half-lives, Cmax, AUC, time to nadir, …) with posterior intervals and cohort ranges (src/derive) */
  derived?: DerivedQuantities;
  timing: { wallSeconds: number; sweeps: number; trajectories: number; temperatures?: number };
  /** Monte-Carlo error budget: sd of the log-likelihood over virtual-cohort draws at fixed φ, SMC particle SE of logEvidence, last acceptance rate */
  monteCarlo?: { logLikelihoodSD: number; particleSE: number; acceptance: number };
}
