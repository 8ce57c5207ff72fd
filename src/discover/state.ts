// What the discovery loop knows between its steps (src/discover/steps/): the facts fixed for a
// run (RunContext: data, budget and clock, fit sizes, policy, injected dependencies) and the
// value that the steps pass along (DiscoveryState: candidates, history, round, fits, log).
// Steps never change a state they were given; they return a new one.
import type { Dataset } from '../data/types.ts';
import type { FitModel } from '../infer/api.ts';
import type { FitReport } from '../infer/report.ts';
import type { Regimen } from '../data/types.ts';
import type { CompiledModel } from '../model/compiled.ts';
import type { ModelSpec } from '../model/spec.ts';
import type { EnsembleBackend } from '../simulate/types.ts';
import type { DiscoveryOptions, DiscoveryProgress, HistoryEntry, Proposer } from './api.ts';
import type { DiscoveryPolicy } from './policy.ts';
import type { DiscoveryFitSizes } from './sizes.ts';
import { throwIfCancelled } from './errors.ts';

/** what the loop is given: the fitter, the compiler, the structural key, a clock, and policy overrides */
export interface DiscoveryDeps {
  fit: FitModel;
  compile: (spec: ModelSpec) => CompiledModel;
  /** structural key: equal for structurally identical candidates (canonical AST + BSV + error model) */
  key: (spec: ModelSpec) => string;
  /** milliseconds (injectable for tests) */
  now?: () => number;
  /** candidates per round: first round, later rounds */
  perRound?: [number, number];
  /** full fits per round */
  fullPerRound?: number;
  /** re-fit close leaders at twice the size when the budget allows (default true) */
  refine?: boolean;
  /** fit sizes (default: discoveryFitSizes of the backend) */
  sizes?: DiscoveryFitSizes;
}

/** an admitted candidate: compiled, keyed by structure, with its fits so far */
export interface Candidate {
  key: string;
  spec: ModelSpec;
  compiled: CompiledModel;
  rationale: string;
  origin: { proposer: 'library' | 'webllm' | 'user'; round: number };
  /** the name of the candidate this one extends with added parameters (Proposal.extends) */
  extends?: string;
  screen?: FitReport;
  full?: FitReport;
  /** not screened for lack of time: screened later when time allows (a later round, or settle) */
  deferred?: boolean;
  screenSeconds?: number;
  /** screenings run again with other seeds because the first looked like a lost mode (lost-modes.ts) */
  rescreens?: number;
  /** the full fit was run again with another seed and pooled, as a lost mode (steps/refit-lost-modes.ts) */
  refitted?: true;
  fullSeconds?: number;
}

export interface DiscoveryState {
  /** the round in progress (0 before the first) */
  readonly round: number;
  /** admitted candidates in the order they came; their keys are unique */
  readonly candidates: readonly Candidate[];
  /** what the proposer is told: every fitted, invalid or failed candidate */
  readonly history: readonly HistoryEntry[];
  /** fits that returned (screening, full and refinement) */
  readonly fitted: number;
  /** the run log, each line stamped with the seconds since the start */
  readonly log: readonly string[];
}

/** the facts of one run, fixed before the first round */
export interface RunContext {
  readonly fit: FitModel;
  readonly compile: (spec: ModelSpec) => CompiledModel;
  readonly key: (spec: ModelSpec) => string;
  /** milliseconds */
  readonly now: () => number;
  readonly policy: DiscoveryPolicy;
  /** re-fit close leaders after the last round */
  readonly refine: boolean;
  readonly proposer: Proposer;
  /** the data as modelled (observables no mechanism links are left out: `focus`) */
  readonly data: Dataset;
  readonly options: DiscoveryOptions;
  readonly backend: EnsembleBackend;
  readonly signal?: AbortSignal;
  readonly seed: number;
  readonly rounds: number;
  /** start (ms on `now`), the whole budget (ms) and the deadline of the rounds (ms on `now`) */
  readonly t0: number;
  readonly budgetMs: number;
  readonly deadline: number;
  readonly sizes: DiscoveryFitSizes;
  /** the data's schedule, given to every candidate with doses */
  readonly regimen?: Regimen;
  /** oral and IV groups modelled together (route-focus.ts): specs dosed both ways keep an entry per route */
  readonly mixedRoutes?: boolean;
  readonly identifiers: Map<string, string>;
  readonly dataObservables: string[];
  readonly primary: { group: string; observable: string };
  /** observables left out (focus.ts), groups left out (route-focus.ts), and the notes that say so */
  readonly focus: { dropped: string[]; droppedGroups?: string[]; note?: string };
  /** what a design without a dose table means for the models */
  readonly design?: string;
  /** every visit has n = 1: candidates are fitted without between-subject variability (one-series.ts) */
  readonly oneSeries: boolean;
  /** the field's conventional structures (domain.ts conventionalMotifs) */
  readonly conventions?: ReadonlySet<string>;
  readonly onProgress?: (p: DiscoveryProgress) => void;
}

export const best = (c: Candidate): FitReport | undefined => c.full ?? c.screen;
export const median = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); return s.length ? s[Math.floor(s.length / 2)]! : NaN; };

export function initialState(log: readonly string[] = []): DiscoveryState {
  return { round: 0, candidates: [], history: [], fitted: 0, log };
}

/** the state with one more log line */
export function note(state: DiscoveryState, ctx: Pick<RunContext, 'now' | 't0'>, message: string): DiscoveryState {
  return { ...state, log: [...state.log, stamp(ctx, message)] };
}

export function stamp(ctx: Pick<RunContext, 'now' | 't0'>, message: string): string {
  return `[${((ctx.now() - ctx.t0) / 1000).toFixed(1)} s] ${message}`;
}

/** the state with the candidate of this key changed */
export function updateCandidate(state: DiscoveryState, key: string, change: Partial<Candidate>): DiscoveryState {
  return { ...state, candidates: state.candidates.map((c) => (c.key === key ? { ...c, ...change } : c)) };
}

export function candidate(state: DiscoveryState, key: string): Candidate {
  return state.candidates.find((c) => c.key === key)!;
}

/** the candidates admitted in the round in progress */
export const freshCandidates = (state: DiscoveryState): Candidate[] => state.candidates.filter((c) => c.origin.round === state.round);

/** typical screening time so far (ms; NaN before the first) */
export const typicalScreenMs = (state: DiscoveryState): number =>
  median(state.candidates.filter((x) => x.screenSeconds !== undefined).map((x) => x.screenSeconds!)) * 1000;

export function reportProgress(ctx: Pick<RunContext, 'now' | 't0' | 'budgetMs' | 'onProgress'>, p: Omit<DiscoveryProgress, 'fraction' | 'etaSeconds'> & { fraction?: number }): void {
  const elapsed = ctx.now() - ctx.t0;
  const fraction = Math.min(1, p.fraction ?? elapsed / ctx.budgetMs);
  ctx.onProgress?.({ ...p, fraction, etaSeconds: Math.max(0, (ctx.budgetMs - elapsed) / 1000) });
}

export const checkCancel = (ctx: Pick<RunContext, 'signal'>): void => throwIfCancelled(ctx.signal);
