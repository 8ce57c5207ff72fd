// The result of a discovery run: ranked candidate models with posterior model weights.
import type { Band, Diagnostics, FitReport, Quantiles } from '../infer/report.ts';
import type { ModelSpec } from '../model/spec.ts';
import type { Adequacy } from './adequacy.ts';
import type { PriorNote, Verdict } from './verdict.ts';
import type { ObservableLabel } from './data-labels.ts';

export interface RankedModel {
  rank: number;
  name: string;
  spec: ModelSpec;
  /** posterior model probability among the candidates (equal prior model weights) */
  weight: number;
  /** Monte-Carlo standard error of the weight */
  weightSE?: number;
  /** false when the weight's standard error exceeds it: the weight is undetermined (shown so) */
  weightDetermined?: boolean;
  /** prior model probability (from the context's domain; docs/discovery.md) */
  priorProbability?: number;
  /** sanity checks: physically possible predictions, most visits within ±3 standardized residuals */
  adequacy?: Adequacy;
  logEvidence: number;
  logEvidenceSE: number;
  parameters: Record<string, Quantiles>;
  bsv: FitReport['bsv'];
  /** residual error SDs of the fit (for model exchange) */
  residualError?: FitReport['residualError'];
  /** oral absorption: posterior mass of the two flip-flop modes and the one presented */
  flipFlop?: FitReport['flipFlop'];
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
  /** the data's labels, unchanged; `identifiers`: the name models use for each observable label, and its unit in the data and in specs; `notModelled`: observables of the data left out (docs/discovery.md, "Several observables"); `groupsNotModelled`: groups left out ("Groups dosed by different routes") */
  dataset: { name?: string; observables: string[]; groups: string[]; times: number[]; identifiers?: ObservableLabel[]; notModelled?: string[]; groupsNotModelled?: string[]; design?: { group: string; dosing: string; covariates?: Record<string, number> }[] };
  context?: string;
  /** a best-supported model, or "no model fits these data" with the reasons */
  verdict?: Verdict;
  /** how prior model probabilities were set */
  modelPriors?: PriorNote;
  models: RankedModel[];
  timing: { wallSeconds: number; candidatesFitted: number };
  log: string[];
}
