// The result of a discovery run: ranked candidate models with posterior model weights.
import type { Band, Diagnostics, FitReport, Quantiles } from '../infer/report.ts';
import type { ModelSpec } from '../model/spec.ts';

export interface RankedModel {
  rank: number;
  name: string;
  spec: ModelSpec;
  /** posterior model probability among the candidates (equal prior model weights) */
  weight: number;
  /** Monte-Carlo standard error of the weight */
  weightSE?: number;
  logEvidence: number;
  logEvidenceSE: number;
  parameters: Record<string, Quantiles>;
  bsv: FitReport['bsv'];
  /** residual error SDs of the fit (for model exchange) */
  residualError?: FitReport['residualError'];
  diagnostics: Diagnostics;
  rationale: string;
  /** short "why this model" explanation for a human */
  explanation: string;
  /** cohort mean at the data's times plus any forecast times (first group/observable), and the full fit */
  predictive: { mean: Band; series: FitReport['predictive'] };
  /** derived quantities of the fit (half-lives, Cmax, AUC, …): derived.{NAME}.{median,q05,q95} */
  derived?: FitReport['derived'];
  /** which proposer and round produced it */
  origin: { proposer: 'library' | 'webllm' | 'user'; round: number };
}

export interface DiscoveryReport {
  version: string;
  seed: number;
  proposer: 'library' | 'webllm';
  backend: 'cpu' | 'webgpu';
  rounds: number;
  dataset: { name?: string; observables: string[]; groups: string[]; times: number[] };
  context?: string;
  models: RankedModel[];
  timing: { wallSeconds: number; candidatesFitted: number };
  log: string[];
}
