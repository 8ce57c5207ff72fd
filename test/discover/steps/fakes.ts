// Small fakes for the discovery steps: a clock that fits advance, a fitter that returns a chosen
// log-evidence per model name, a compiler that only names the observables.
import type { Dataset } from '../../../src/data/types.ts';
import type { FitOptions } from '../../../src/infer/api.ts';
import type { Diagnostics, FitReport } from '../../../src/infer/report.ts';
import type { CompiledModel } from '../../../src/model/compiled.ts';
import type { ModelSpec } from '../../../src/model/spec.ts';
import type { EnsembleBackend } from '../../../src/simulate/types.ts';
import type { Proposer } from '../../../src/discover/api.ts';
import { DISCOVERY_POLICY } from '../../../src/discover/policy.ts';
import { initialState, type Candidate, type DiscoveryState, type RunContext } from '../../../src/discover/state.ts';

export const DATA: Dataset = {
  timeUnit: 'h',
  observables: [{ name: 'y', unit: 'mg/L' }], groups: [{ name: 'all', covariates: {} }],
  series: [{ observable: 'y', group: 'all', times: [0, 1, 2, 3], mean: [5, 4, 3, 2], sd: [1, 1, 1, 1], n: [10, 10, 10, 10] }],
  source: { format: 'aggregate', rows: 4 },
};

export function spec(name: string, observable = 'y'): ModelSpec {
  return { name, states: [{ name: 'A', initial: '5' }], parameters: [{ name: 'k', prior: { type: 'lognormal', median: 0.3, gsd: 2 } }], equations: { A: '-k*A' }, observables: [{ name: observable, expression: 'A' }] } as ModelSpec;
}

const diagnostics: Diagnostics = {
  residuals: [0, 1, 2, 3].map((time) => ({ group: 'all', observable: 'y', time, meanZ: 0.2, sdZ: null })),
  patterns: [], identifiability: { contraction: {}, correlated: [], atPriorEdge: [] }, failedFraction: 0, warnings: [],
};

export function report(name: string, logEvidence: number, logEvidenceSE = 0.3): FitReport {
  const times = [0, 1, 2, 3], median = [5, 4, 3, 2];
  const band = { times, median, q05: median, q95: median };
  return {
    model: name, spec: spec(name), backend: 'cpu', particles: 64, subjects: 32, seed: 1, logEvidence, logEvidenceSE,
    parameters: { k: { median: 0.3, q05: 0.2, q95: 0.4 } }, bsv: {}, residualError: {}, diagnostics,
    predictive: [{ group: 'all', observable: 'y', mean: band, sd: band, individual: band }],
    timing: { wallSeconds: 1, sweeps: 1, trajectories: 1 },
  };
}

export const compile = (s: ModelSpec) => ({ spec: s, observableNames: s.observables.map((o) => o.name) }) as unknown as CompiledModel;

export function candidate(name: string, round: number, fits: { screen?: number; full?: number; screenSeconds?: number; fullSeconds?: number; se?: number } = {}): Candidate {
  const s = spec(name);
  return {
    key: name, spec: s, compiled: compile(s), rationale: `why ${name}`, origin: { proposer: 'library', round },
    ...(fits.screen !== undefined ? { screen: report(name, fits.screen, fits.se) } : {}),
    ...(fits.full !== undefined ? { full: report(name, fits.full, fits.se) } : {}),
    ...(fits.screenSeconds !== undefined ? { screenSeconds: fits.screenSeconds } : {}),
    ...(fits.fullSeconds !== undefined ? { fullSeconds: fits.fullSeconds } : {}),
  };
}

/** a candidate named after a library motif (so of its family), with this many parameters */
export function motif(name: string, parameters: number, fits: Parameters<typeof candidate>[2] = {}): Candidate {
  const c = candidate(name, 1, fits);
  const p = c.spec.parameters[0]!;
  const spec = { ...c.spec, parameters: Array.from({ length: parameters }, (_, i) => ({ ...p, name: `p${i}` })) };
  return { ...c, spec, compiled: { ...c.compiled, spec } as Candidate['compiled'] };
}

export function stateOf(round: number, candidates: Candidate[], more: Partial<DiscoveryState> = {}): DiscoveryState {
  return { ...initialState(), round, candidates, ...more };
}

export interface FitCall { name: string; options: FitOptions }

/**
 * A run context on a fake clock (ms): each fit advances it by `seconds[name]` (default 1 s) and
 * returns `evidence[name]` (a function of the options' particles when given one); a name
 * without evidence fails with "diverged".
 */
export function fakeContext(o: {
  evidence?: Record<string, number | ((opts: FitOptions) => number)>;
  seconds?: Record<string, number>;
  budgetSeconds?: number;
  policy?: Partial<RunContext['policy']>;
  proposer?: Proposer;
  signal?: AbortSignal;
  clock?: { ms: number };
  refine?: boolean;
} = {}): RunContext & { calls: FitCall[]; clock: { ms: number } } {
  const clock = o.clock ?? { ms: 0 };
  const calls: FitCall[] = [];
  const budgetMs = (o.budgetSeconds ?? 600) * 1000;
  const policy = { ...DISCOVERY_POLICY, ...o.policy };
  const backend: EnsembleBackend = { name: 'cpu', description: 'fake', simulate: async () => { throw new Error('no simulation'); }, moments: async () => { throw new Error('no simulation'); }, dispose: async () => {} };
  return {
    calls, clock,
    fit: async (model, _data, options) => {
      const name = model.spec.name;
      calls.push({ name, options });
      clock.ms += 1000 * (o.seconds?.[name] ?? 1);
      const e = o.evidence?.[name];
      if (e === undefined) throw new Error('diverged');
      return report(name, typeof e === 'function' ? e(options) : e);
    },
    compile, key: (s) => s.name.replace(/-copy$/, ''), now: () => clock.ms,
    policy, refine: o.refine ?? true,
    proposer: o.proposer ?? { name: 'library', propose: async () => [] },
    data: DATA, options: {}, backend, signal: o.signal, seed: 1, rounds: 3,
    t0: 0, budgetMs, deadline: budgetMs * policy.budgetShare,
    sizes: { screen: { particles: 8, subjects: 4 }, full: { particles: 32, subjects: 16 } },
    identifiers: new Map([['y', 'y']]), dataObservables: ['y'], primary: { group: 'all', observable: 'y' },
    focus: { dropped: [] }, oneSeries: false,
  };
}

/** the log without its time stamps */
export const lines = (s: DiscoveryState) => s.log.map((l) => l.replace(/^\[[\d.]+ s\] /, ''));
