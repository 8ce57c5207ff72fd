// Checks an ensemble request and resolves its defaults for the GPU (f32) kernels. Bad input
// fails here with a message naming the field, before anything reaches the device.
import { CONTROLLER } from '../tableaux.ts';
import { checkTimes } from '../schedule.ts';
import type { EnsembleRequest } from '../types.ts';
import type { KernelMethod, SaveKind } from './kernels.ts';

/** f32 cannot honour tighter relative tolerances; requests below are raised to this. */
export const F32_MIN_RTOL = 1e-6;

export interface ResolvedRequest {
  n: number;
  nP: number;
  nC: number;
  /** covariates per trajectory (0: one row broadcast to all) */
  covStride: number;
  /** covariates as f32: n × nC, or one row */
  covs: Float32Array;
  params: Float32Array;
  t0: number;
  times: Float64Array;
  method: KernelMethod;
  /** 'auto' asked for: rerun trajectories that hit max-steps with the Rosenbrock method */
  autoStiff: boolean;
  save: SaveKind;
  rtol: number;
  atol: number;
  h0: number;
  maxSteps: number;
  steps: number;
}

export class EnsembleRequestError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EnsembleRequestError';
  }
}

function positive(name: string, v: number | undefined, fallback: number): number {
  if (v === undefined) return fallback;
  if (!(Number.isFinite(v) && v > 0)) throw new EnsembleRequestError(`solver.${name} must be a positive number (got ${v})`);
  return v;
}

export function resolveRequest(req: EnsembleRequest): ResolvedRequest {
  const m = req.model;
  const nP = m.parameterNames.length;
  const nC = m.covariateNames.length;
  if (!(req.params instanceof Float64Array)) throw new EnsembleRequestError('params must be a Float64Array (n × nParams, row-major)');
  if (nP === 0 ? req.params.length !== 0 : req.params.length % nP !== 0) {
    throw new EnsembleRequestError(`params has ${req.params.length} values, not a multiple of the model's ${nP} parameters (${m.parameterNames.join(', ')})`);
  }
  const n = nP === 0 ? 0 : req.params.length / nP;
  for (let i = 0; i < req.params.length; i++) {
    if (!Number.isFinite(req.params[i]!)) {
      throw new EnsembleRequestError(`params[${Math.floor(i / nP)}][${m.parameterNames[i % nP]}] is not a finite number (${req.params[i]})`);
    }
  }
  let covStride = 0;
  let covs: Float32Array;
  if (req.covariates === undefined) covs = Float32Array.from(m.covariateDefaults);
  else if (req.covariates.length === nC) covs = Float32Array.from(req.covariates);
  else if (req.covariates.length === n * nC) { covs = Float32Array.from(req.covariates); covStride = nC; }
  else throw new EnsembleRequestError(`covariates has ${req.covariates.length} values: expected ${nC} (one row) or ${n * nC} (n × ${nC})`);
  if (covs.length === 0) covs = new Float32Array(1);
  const t0 = req.t0 ?? 0;
  try { checkTimes(req.times, t0); } catch (e) { throw new EnsembleRequestError((e as Error).message); }
  const s = req.solver;
  const method: KernelMethod = s.method === 'auto' ? (m.stiff ? 'rosenbrock' : 'dopri5') : s.method;
  if (!['rk4', 'dopri5', 'tsit5', 'rosenbrock'].includes(method)) throw new EnsembleRequestError(`unknown solver.method "${s.method}"`);
  const save = req.save ?? 'observables';
  if (save !== 'observables' && save !== 'states') throw new EnsembleRequestError(`save must be 'observables' or 'states' (got ${String(save)})`);
  const span = req.times[req.times.length - 1]! - t0;
  const steps = positive('steps', s.steps, 1000);
  if (!Number.isInteger(steps)) throw new EnsembleRequestError(`solver.steps must be a whole number (got ${steps})`);
  const maxSteps = positive('maxSteps', s.maxSteps, CONTROLLER.maxSteps);
  return {
    n, nP, nC, covStride, covs,
    params: Float32Array.from(req.params),
    t0,
    times: Float64Array.from(req.times),
    method,
    autoStiff: s.method === 'auto' && method !== 'rosenbrock',
    save,
    rtol: Math.max(positive('rtol', s.rtol, 1e-6), F32_MIN_RTOL),
    atol: positive('atol', s.atol, 1e-9),
    h0: positive('h0', s.h0, span > 0 ? span * 1e-3 : 1e-3),
    maxSteps: Math.min(Math.floor(maxSteps), 0xffffffff),
    steps,
  };
}
