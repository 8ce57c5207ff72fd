// The discovery stage's entry point, as the CLI and the UI call it.
import type { Dataset } from '../data/types.ts';
import type { ModelSpec } from '../model/spec.ts';
import type { EnsembleBackend } from '../simulate/types.ts';
import type { Diagnostics } from '../infer/report.ts';
import type { DiscoveryReport } from './report.ts';

/** What the user tells us about the data (fed to the LLM proposer, used to pick motifs). */
export interface DiscoveryContext {
  text?: string;
  /** summary of the data the proposers see (never the raw rows) */
  dataSummary?: string;
}

/** A candidate already tried, with what went wrong: the proposers' feedback. */
export interface HistoryEntry {
  spec: ModelSpec;
  logEvidence?: number;
  diagnostics?: Diagnostics;
  /** validator errors when the candidate did not compile */
  errors?: string[];
  round: number;
}

export interface Proposal {
  spec: ModelSpec;
  rationale: string;
  /** the name of the candidate this one extends with added parameters (a group ratio, more BSV), set by the library's mutations */
  extends?: string;
}

export interface Proposer {
  readonly name: 'library' | 'webllm';
  propose(context: DiscoveryContext & { data: Dataset }, history: HistoryEntry[], budget: number, signal?: AbortSignal): Promise<Proposal[]>;
}

export interface DiscoveryOptions {
  proposer?: 'library' | 'webllm';
  /** an explicit proposer instance (e.g. the WebLLM one with its engine); overrides `proposer` */
  proposerInstance?: Proposer;
  rounds?: number;
  budgetSeconds?: number;
  seed?: number;
  predictTimes?: number[];
  context?: string;
  particles?: number;
  subjects?: number;
  /** user-written specs to include as candidates */
  extraSpecs?: ModelSpec[];
}

export interface DiscoveryProgress {
  stage: 'propose' | 'screen' | 'fit' | 'rank' | 'diagnose' | 'done';
  round: number;
  message: string;
  /** overall fraction in [0, 1] */
  fraction: number;
  etaSeconds?: number;
  candidate?: string;
}

export type RunDiscovery = (
  data: Dataset,
  options: DiscoveryOptions,
  backend: EnsembleBackend,
  hooks?: { onProgress?: (p: DiscoveryProgress) => void; signal?: AbortSignal },
) => Promise<DiscoveryReport>;
