// Resolves an ensemble request for the GPU (f32) kernels. Bad input fails here, with the same
// messages as the CPU backend (shared checks), before anything reaches the device.
import { checkRequest, RequestError, SOLVER_DEFAULTS } from '../request.ts';
import { f32FirstStep } from '../controller.ts';
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

/** Checks the request with the shared checks (../request.ts), then converts it for the GPU. */
export function resolveRequest(req: EnsembleRequest): ResolvedRequest {
  const shape = checkRequest(req);
  const { n, nP, nC, covStride, t0 } = shape;
  for (let i = 0; i < req.params.length; i++) {
    if (!Number.isFinite(req.params[i]!)) {
      throw new RequestError(`params[${Math.floor(i / nP)}][${req.model.parameterNames[i % nP]}] is not a finite number (${req.params[i]})`);
    }
  }
  let covs = Float32Array.from(shape.covariates);
  if (covs.length === 0) covs = new Float32Array(1);
  const s = req.solver;
  const span = req.times[req.times.length - 1]! - t0;
  const method: KernelMethod = s.method === 'auto' ? (req.model.stiff ? 'rosenbrock' : 'dopri5') : s.method;
  return {
    n, nP, nC, covStride, covs,
    params: Float32Array.from(req.params),
    t0,
    times: Float64Array.from(req.times),
    method,
    autoStiff: s.method === 'auto' && method !== 'rosenbrock',
    save: req.save ?? 'observables',
    rtol: Math.max(s.rtol ?? SOLVER_DEFAULTS.rtol, F32_MIN_RTOL),
    atol: s.atol ?? SOLVER_DEFAULTS.atol,
    h0: s.h0 ?? f32FirstStep(span),
    maxSteps: Math.min(s.maxSteps ?? SOLVER_DEFAULTS.maxSteps, 0xffffffff),
    steps: s.steps ?? SOLVER_DEFAULTS.steps,
  };
}
