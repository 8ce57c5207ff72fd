// Checks an EnsembleRequest before any work starts (bad input never crashes a backend: it gets a
// sentence naming the field), and resolves its defaults. Shared by the CPU and WebGPU backends.
import type { EnsembleRequest, Method, MomentsRequest, SolverOptions } from './types.ts';
import type { CompiledModel } from '../model/compiled.ts';
import { checkTimes } from './schedule.ts';

export class RequestError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RequestError';
  }
}

export const METHODS: readonly Method[] = ['rk4', 'dopri5', 'tsit5', 'rosenbrock', 'auto'];

/** Defaults used when SolverOptions leaves a field out (documented in docs/simulation.md). */
export const SOLVER_DEFAULTS = { rtol: 1e-6, atol: 1e-9, steps: 1000, maxSteps: 100_000 } as const;

export interface RequestShape {
  n: number;
  nP: number;
  nC: number;
  nTimes: number;
  nOut: number;
  t0: number;
  /** covariate row stride: nC (one row per trajectory) or 0 (one row broadcast) */
  covStride: number;
  covariates: Float64Array;
}

function positive(name: string, v: number | undefined): void {
  if (v !== undefined && !(Number.isFinite(v) && v > 0)) throw new RequestError(`solver.${name} must be a positive number (got ${v})`);
}

export function checkSolver(s: SolverOptions | undefined): void {
  if (!s || typeof s !== 'object') throw new RequestError('solver: an object with a method is required');
  if (!METHODS.includes(s.method)) throw new RequestError(`solver.method must be one of ${METHODS.join(', ')} (got ${String(s.method)})`);
  positive('rtol', s.rtol);
  positive('atol', s.atol);
  positive('h0', s.h0);
  if (s.steps !== undefined && !(Number.isInteger(s.steps) && s.steps >= 1)) throw new RequestError(`solver.steps must be a positive integer (got ${s.steps})`);
  if (s.maxSteps !== undefined && !(Number.isInteger(s.maxSteps) && s.maxSteps >= 1)) throw new RequestError(`solver.maxSteps must be a positive integer (got ${s.maxSteps})`);
}

/** Validates shapes and values; returns the sizes both backends need. */
export function checkRequest(req: EnsembleRequest | MomentsRequest): RequestShape {
  const m = req.model;
  if (!m || !Array.isArray(m.stateNames) || typeof m.js !== 'string') throw new RequestError('model: a CompiledModel is required');
  const nP = m.parameterNames.length;
  const nC = m.covariateNames.length;
  if (!(req.params instanceof Float64Array)) throw new RequestError('params must be a Float64Array (n × nParams, row-major)');
  if (nP > 0 && req.params.length % nP !== 0) {
    throw new RequestError(`params has ${req.params.length} values, not a multiple of the model's ${nP} parameters (${m.parameterNames.join(', ')})`);
  }
  let covariates: Float64Array;
  let covStride: number;
  if (req.covariates === undefined) {
    covariates = Float64Array.from(m.covariateDefaults);
    covStride = 0;
  } else {
    if (!(req.covariates instanceof Float64Array)) throw new RequestError('covariates must be a Float64Array');
    covariates = req.covariates;
    covStride = req.covariates.length === nC ? 0 : nC;
  }
  const n = nP > 0 ? req.params.length / nP : covStride > 0 && nC > 0 ? covariates.length / nC : 1;
  if (covStride > 0 && covariates.length !== n * nC) {
    throw new RequestError(`covariates has ${covariates.length} values; expected ${nC} (one row for all) or ${n} × ${nC}`);
  }
  const t0 = req.t0 ?? Math.min(0, firstDoseTime(m));
  if (!(req.times instanceof Float64Array)) throw new RequestError('times must be a Float64Array');
  try {
    checkTimes(req.times, t0);
  } catch (e) {
    throw new RequestError((e as Error).message);
  }
  checkSolver(req.solver);
  if (req.save !== undefined && req.save !== 'observables' && req.save !== 'states') throw new RequestError(`save must be 'observables' or 'states' (got ${String(req.save)})`);
  const nOut = req.save === 'states' ? m.stateNames.length : m.observableNames.length;
  if ('groupSize' in req) {
    const g = req.groupSize;
    if (!(Number.isInteger(g) && g >= 1)) throw new RequestError(`groupSize must be a positive integer (got ${g})`);
    if (n % g !== 0) throw new RequestError(`the ${n} trajectories do not split into groups of ${g}`);
  }
  return { n, nP, nC, nTimes: req.times.length, nOut, t0, covStride, covariates };
}

/**
 * When a model's first administration happens (Infinity without doses): before 0 for doses given
 * before the first visit (a steady-state lead-in, infer/regimen.ts), where integration must start.
 */
export function firstDoseTime(m: Pick<CompiledModel, 'doses'>): number {
  return Math.min(...m.doses.map((d) => (d.kind === 'bolus' ? d.times[0] ?? Infinity : d.intervals[0]?.[0] ?? Infinity)));
}
