// The work a request will take, estimated from its input before any of it starts:
//   trajectories × steps per trajectory × cost of one step,
// where a step costs about one unit per 400 characters of the model's generated code (≈ one
// unit per state for a small model; a large dense model costs far more per step) and twice that
// for a stiff model (Jacobian and linear solves), and an adaptive solver takes about
// STEPS_PER_INTERVAL steps between consecutive outputs or doses. The rate was measured on the
// 2-core development VM (a pk-1cmt-oral fit on the DOPRI5 path: 22.6M trajectories in 57 s);
// a GPU is taken to be 10× faster. An estimate above WORK_LIMITS.warnSeconds is reported before
// the work starts; one above WORK_LIMITS.refuseSeconds is refused, with the estimate and what
// to reduce. The estimate is deliberately rough (a factor of a few either way).
import type { CompiledModel } from '../model/compiled.ts';

export const WORK_LIMITS = {
  /** say how long it will take, and go on */
  warnSeconds: 60,
  /** refuse: more than an hour of computing is not what a session here is for */
  refuseSeconds: 3600,
} as const;

/** solver steps between two consecutive outputs or dose events (adaptive RK on smooth problems) */
export const STEPS_PER_INTERVAL = 20;
/** SMC sweeps a fit takes (typically 40–60 on the examples) */
export const EXPECTED_SWEEPS = 50;
/** units per second on the CPU path (2 workers); a GPU is taken as 10× that */
export const CPU_UNITS_PER_SECOND = 2e8;

export interface WorkEstimate {
  trajectories: number;
  stepsPerTrajectory: number;
  /** cost of one step (≈ states for a small model) */
  stepCost: number;
  units: number;
  seconds: number;
}

export class WorkBudgetError extends Error {
  override name = 'WorkBudgetError';
}

/** cost of one solver step of `model` */
export function stepCost(model: Pick<CompiledModel, 'js' | 'stiff' | 'stateNames'>): number {
  const base = Math.max(model.stateNames.length, model.js.length / 400);
  return model.stiff ? 2 * base : base;
}

export function estimateWork(args: { trajectories: number; outputs: number; doseEvents: number; stepCost: number; backend: 'cpu' | 'webgpu' }): WorkEstimate {
  const stepsPerTrajectory = STEPS_PER_INTERVAL * (args.outputs + args.doseEvents + 1);
  const units = args.trajectories * stepsPerTrajectory * args.stepCost;
  const rate = CPU_UNITS_PER_SECOND * (args.backend === 'webgpu' ? 10 : 1);
  return { trajectories: args.trajectories, stepsPerTrajectory, stepCost: args.stepCost, units, seconds: units / rate };
}

/** dose events per trajectory over all of the model's doses */
export function doseEvents(model: Pick<CompiledModel, 'doses'>): number {
  return model.doses.reduce((n, d) => n + (d.kind === 'bolus' ? d.times.length : 2 * d.intervals.length), 0);
}

/** a fit: particles × subjects × groups trajectories per sweep, EXPECTED_SWEEPS sweeps */
export function estimateFitWork(model: Pick<CompiledModel, 'js' | 'stiff' | 'stateNames' | 'doses'>, shape: { groups: number; times: number }, sizes: { particles: number; subjects: number }, backend: 'cpu' | 'webgpu'): WorkEstimate {
  return estimateWork({
    trajectories: sizes.particles * sizes.subjects * shape.groups * EXPECTED_SWEEPS,
    outputs: shape.times,
    doseEvents: doseEvents(model),
    stepCost: stepCost(model),
    backend,
  });
}

export function formatSeconds(s: number): string {
  if (s < 90) return `${Math.max(1, Math.round(s))} s`;
  if (s < 5400) return `${Math.round(s / 60)} min`;
  if (s < 48 * 3600) return `${(s / 3600).toFixed(1)} h`;
  return `${Number((s / 86400).toPrecision(2))} days`;
}

export function describeWork(e: WorkEstimate): string {
  return `about ${formatSeconds(e.seconds)} (${e.trajectories.toExponential(1)} trajectories × ~${e.stepsPerTrajectory} steps × ${e.stepCost.toPrecision(2)} per step)`;
}

/**
 * Throws WorkBudgetError above the refusal limit; returns a warning sentence above the warning
 * limit, else null. `what` names the request ("this fit"); `reduce` says what would make it smaller.
 */
export function checkWork(e: WorkEstimate, what: string, reduce: string): string | null {
  if (e.seconds > WORK_LIMITS.refuseSeconds)
    throw new WorkBudgetError(`${what} would take ${describeWork(e)}, more than the limit of ${formatSeconds(WORK_LIMITS.refuseSeconds)}; ${reduce}`);
  if (e.seconds > WORK_LIMITS.warnSeconds) return `${what} will take ${describeWork(e)}; ${reduce} to make it shorter`;
  return null;
}
