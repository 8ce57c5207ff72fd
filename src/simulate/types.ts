// The ensemble simulation interface shared by the WebGPU and CPU backends.
import type { CompiledModel } from '../model/compiled.ts';

/**
 * 'auto' lets the backend choose: on the CPU, exact matrix-exponential propagation for linear
 * time-invariant models (≤ 8 states), otherwise DOPRI5 with dense output, stiffness detection and
 * a switch to RODAS4; RODAS4 directly for specs marked stiff. On WebGPU the same without the exact
 * path. docs/simulation.md has the details.
 */
export type Method = 'rk4' | 'dopri5' | 'tsit5' | 'rosenbrock' | 'auto';

/** Per-trajectory outcome. Values are stable (stored in Uint8Arrays and on the GPU). */
export const Status = { ok: 0, maxSteps: 1, nonFinite: 2, stepUnderflow: 3 } as const;
export type StatusCode = (typeof Status)[keyof typeof Status];

export interface SolverOptions {
  method: Method;
  /** relative / absolute tolerances for adaptive methods */
  rtol?: number;
  atol?: number;
  /** fixed-step methods: number of steps between t0 and the last output time */
  steps?: number;
  /** adaptive: cap on accepted+rejected steps per trajectory */
  maxSteps?: number;
  /** first step size (adaptive); default chosen from the output span */
  h0?: number;
}

export interface EnsembleRequest {
  model: CompiledModel;
  /** n × nParams, row-major (natural scale, not log) */
  params: Float64Array;
  /** n × nCovariates row-major, or one row broadcast to all trajectories; default: covariateDefaults */
  covariates?: Float64Array;
  /** initial time (default 0, or the first dose when a model doses before 0: a steady-state lead-in) */
  t0?: number;
  /** sorted output times, each ≥ t0 */
  times: Float64Array;
  solver: SolverOptions;
  /** what to save at each output time (default 'observables') */
  save?: 'observables' | 'states';
}

export interface StepStats { accepted: number; rejected: number; maxStepsHit: number; nonFinite: number; underflow: number }

export interface EnsembleResult {
  n: number;
  nTimes: number;
  /** outputs per time: nObservables or nStates */
  nOut: number;
  /** n × nTimes × nOut, row-major; entries of failed trajectories are NaN */
  outputs: Float64Array;
  status: Uint8Array;
  stats: StepStats;
  backend: 'cpu' | 'webgpu';
}

/**
 * Reduced form for inference: trajectories come in consecutive groups of `groupSize`
 * (e.g. one particle's M virtual subjects). Per group, per observable, across the group's
 * successful trajectories: mean over times, covariance across times, and the fourth/third-order
 * cross moments the aggregate likelihood needs. Failed trajectories are excluded and counted.
 */
export interface MomentsRequest extends EnsembleRequest {
  groupSize: number;
  /**
   * arrays to write the result into (each at least as long as the result needs; the result's
   * arrays are then views of them): a caller that sweeps again and again reuses them instead of
   * leaving new arrays for the garbage collector every call. Contents are overwritten.
   */
  into?: MomentTarget;
}

/** Caller-owned storage for a MomentsResult. */
export interface MomentTarget {
  okCount: Uint32Array;
  mean: Float64Array;
  cov: Float64Array;
  m22: Float64Array;
  m12: Float64Array;
}

/** The result arrays for nGroups × nObs × nTimes moments: views of `into` when given, else new. */
export function momentStorage(nGroups: number, nObs: number, nTimes: number, into?: MomentTarget): MomentTarget {
  const m = nGroups * nObs * nTimes;
  const sq = m * nTimes;
  if (!into) return { okCount: new Uint32Array(nGroups), mean: new Float64Array(m), cov: new Float64Array(sq), m22: new Float64Array(sq), m12: new Float64Array(sq) };
  if (into.okCount.length < nGroups || into.mean.length < m || into.cov.length < sq || into.m22.length < sq || into.m12.length < sq) {
    throw new Error(`moments: the arrays given in 'into' are too short for ${nGroups} groups × ${nObs} × ${nTimes} times`);
  }
  return { okCount: into.okCount.subarray(0, nGroups), mean: into.mean.subarray(0, m), cov: into.cov.subarray(0, sq), m22: into.m22.subarray(0, sq), m12: into.m12.subarray(0, sq) };
}

/** The per-group moment arrays of a moments request (computed by moments.ts on the CPU, moments.wgsl on the GPU). */
export interface MomentArrays {
  nGroups: number;
  nTimes: number;
  nObs: number;
  /** successful trajectories per group */
  okCount: Uint32Array;
  /** nGroups × nObs × nTimes */
  mean: Float64Array;
  /** nGroups × nObs × nTimes × nTimes: E[d_i d_j], d = y − mean (divisor: okCount) */
  cov: Float64Array;
  /** nGroups × nObs × nTimes × nTimes: E[d_i² d_j²] */
  m22: Float64Array;
  /** nGroups × nObs × nTimes × nTimes: E[d_i d_j²] */
  m12: Float64Array;
}

export interface MomentsResult extends MomentArrays {
  stats: StepStats;
  backend: 'cpu' | 'webgpu';
}

export interface EnsembleBackend {
  readonly name: 'cpu' | 'webgpu';
  /** human description (adapter name or "CPU × 4 workers") */
  readonly description: string;
  simulate(req: EnsembleRequest, signal?: AbortSignal): Promise<EnsembleResult>;
  moments(req: MomentsRequest, signal?: AbortSignal): Promise<MomentsResult>;
  dispose(): Promise<void>;
}
