// The time a request will take, estimated from its input before any of it starts:
//   seconds = (sweeps × sweepMs + backend calls × callMs
//              + trajectories × (trajectoryUs + steps × step cost)) / loadedToTypical
// Three things dominate, all measured, not guessed:
// - the step cost grows with the model's generated code, not its state count: V8 stops
//   optimising a function past a size (a dense 32-state spec is ~270k characters of JS and runs
//   ~5× slower per character than a small one), a Rosenbrock step evaluates the Jacobian (≈3× an
//   explicit step), and a linear model on the CPU's exact path pays a matrix exponential per
//   segment (∝ states⁴ as measured at 2 and 8 states);
// - the steps per trajectory, which no formula predicts on a stiff model, are counted first by a
//   pilot (work-pilot.ts, a bounded number of steps); without one STEPS_PER_INTERVAL per output or
//   dose interval is assumed;
// - in a fit every data group is its own virtual cohort, so a sweep makes at least one backend
//   call per group: 3,000 groups cost 3,000 calls a sweep whatever the trajectories.
// The constants were fitted to `node scripts/run-ts.mjs scripts/work-budget/estimate-vs-actual.ts`
// on the 2-core development VM (CPU pool of 2 workers, other sessions running: load 10–20), whose
// table is in docs/likelihood.md ("Work budget"), then scaled to a typical load
// (COST.loadedToTypical); a machine with more cores is faster, so there the estimate errs long. A
// WebGPU device is taken as COST.gpuSpeedup× the CPU pool (not measured here). An estimate above
// WORK_LIMITS.warnSeconds is announced before the work starts; one above
// WORK_LIMITS.refuseSeconds is refused, with the estimate and what to reduce.
import type { CompiledModel } from '../model/compiled.ts';
import { propagatesExactly } from '../simulate/cpu/linear.ts';

export const WORK_LIMITS = {
  /** say how long it will take, and go on (a default CPU fit of an example takes up to ~1 min) */
  warnSeconds: 120,
  /** refuse: more than an hour of computing is not what a session here is for */
  refuseSeconds: 3600,
} as const;

/**
 * solver steps between two consecutive outputs or dose events when no pilot counted them (small
 * smooth models at the fit tolerance take 2–3: growth-logistic 6 steps for 3 visits, 23 for the
 * 10 visits of growth-20-groups)
 */
export const STEPS_PER_INTERVAL = 3;
/** SMC sweeps a fit takes (typically 40–60 on the examples) */
export const EXPECTED_SWEEPS = 50;
/**
 * SMC sweeps a fit without between-subject variability takes: it sweeps until the particles forget
 * their start (fit-policy.ts NO_BSV_MOVES) at a finer tempering (NO_BSV_ESS_TARGET) — measured
 * 355–602 on the epidemic curves of Yap at 128–1,536 particles (SIR 401–403, SEIR 355–602)
 */
export const EXPECTED_SWEEPS_NO_BSV = 450;
/** the sweeps to expect of a fit simulating this many subjects per cohort (one: no random effects) */
export const expectedSweeps = (simulatedSubjects: number): number => (simulatedSubjects === 1 ? EXPECTED_SWEEPS_NO_BSV : EXPECTED_SWEEPS);

/** Measured cost constants (see the header): µs and ms of wall time on the 2-worker CPU pool. */
export const COST = {
  /** explicit (DOPRI5) step, µs per 1000 characters of generated code, while V8 optimises it */
  explicitUsPerKChar: 1,
  /** generated code beyond this many characters runs unoptimised … */
  largeCodeChars: 24_000,
  /** … at this many times the cost per character (measured 3–7× on 40k–270k-character specs) */
  largeCodeFactor: 5,
  /** a Rosenbrock (RODAS4) step: Jacobian, LU and six stages, relative to an explicit step */
  rosenbrockFactor: 3,
  /** an 'auto' trajectory with many more steps than a smooth one switched to Rosenbrock part-way */
  stiffSwitchFactor: 2,
  /** exact propagation of a linear model (CPU 'auto'): µs per segment per state⁴ (0.25 µs at 2 states, 200 µs at 8) */
  exactUsPerState4: 0.05,
  /** smallest cost of a step, µs */
  minStepUs: 0.3,
  /** per trajectory: set-up, initial values, outputs, moments, µs */
  trajectoryUs: 1,
  /** per backend call (dispatch to the workers, moments back, the likelihood of its series), ms */
  callMs: { cpu: 5, webgpu: 5 },
  /** per likelihood sweep of a fit (resampling, moves, the calls' set-up), ms */
  sweepMs: 30,
  /** a WebGPU device against the CPU pool, on trajectories (an assumption, not measured here) */
  gpuSpeedup: 10,
  /**
   * The constants above were measured at load 10–20 (2 cores shared by six sessions); alone, the
   * VM runs the same work 4.9× faster (soybean fit: 211 s at load 8–15, 43.1 s alone; README,
   * "Measured"). Estimates are divided by 2.2, the geometric middle, to be within ~2.5× of both.
   */
  loadedToTypical: 2.2,
} as const;

export interface WorkEstimate {
  trajectories: number;
  /** likelihood sweeps the estimate assumes (0 for work that is not a fit) */
  sweeps: number;
  stepsPerTrajectory: number;
  /** µs of one solver step of this model */
  stepMicros: number;
  /** backend calls (one per virtual cohort per sweep in a fit) */
  calls: number;
  seconds: number;
  /** the steps are an upper bound (the pilot hit its step cap): "up to" */
  upTo: boolean;
  /** with upTo: the time at the steps the pilot did count (a lower bound) */
  minSeconds: number;
}

export class WorkBudgetError extends Error {
  override name = 'WorkBudgetError';
}

type CostModel = Pick<CompiledModel, 'js' | 'stiff' | 'stateNames'> & Partial<Pick<CompiledModel, 'linearTimeInvariant'>>;
export type SolverPath = 'explicit' | 'rosenbrock' | 'exact' | 'switching';

/** µs of one explicit step of a model with this much generated code */
function explicitStepUs(chars: number): number {
  const k = chars / 1000;
  return Math.max(COST.minStepUs, COST.explicitUsPerKChar * k * (chars > COST.largeCodeChars ? COST.largeCodeFactor : 1));
}

/** The solver path a request takes: 'auto' on the CPU propagates linear models exactly. */
export function solverPath(model: CostModel, method: string, backend: 'cpu' | 'webgpu'): SolverPath {
  if (method === 'rosenbrock' || (method === 'auto' && model.stiff)) return 'rosenbrock';
  if (method === 'auto' && backend === 'cpu' && propagatesExactly({ stateNames: model.stateNames, linearTimeInvariant: model.linearTimeInvariant === true })) return 'exact';
  return 'explicit';
}

/** µs of one solver step of `model` on `path` */
export function stepMicros(model: CostModel, path: SolverPath): number {
  const n = model.stateNames.length;
  if (path === 'exact') return Math.max(COST.minStepUs, COST.exactUsPerState4 * n ** 4);
  const e = explicitStepUs(model.js.length);
  return path === 'rosenbrock' ? COST.rosenbrockFactor * e : path === 'switching' ? COST.stiffSwitchFactor * e : e;
}

/** steps per trajectory when nothing was counted: STEPS_PER_INTERVAL per output or dose interval */
export function assumedSteps(outputs: number, doseEvents: number, path: SolverPath = 'explicit'): number {
  // the exact path takes one step per segment
  return (path === 'exact' ? 1 : STEPS_PER_INTERVAL) * (outputs + doseEvents + 1);
}

/** `minSteps`: with an upper bound for `steps`, the steps known to be taken */
export function estimateWork(args: { trajectories: number; steps: number; stepMicros: number; calls: number; sweeps?: number; backend: 'cpu' | 'webgpu'; minSteps?: number }): WorkEstimate {
  const time = (steps: number) => {
    const perTrajectory = (COST.trajectoryUs + steps * args.stepMicros) / (args.backend === 'webgpu' ? COST.gpuSpeedup : 1);
    return (((args.sweeps ?? 0) * COST.sweepMs + args.calls * COST.callMs[args.backend]) / 1e3 + (args.trajectories * perTrajectory) / 1e6) / COST.loadedToTypical;
  };
  const seconds = time(args.steps);
  const upTo = args.minSteps !== undefined && args.minSteps < args.steps;
  return { trajectories: args.trajectories, sweeps: args.sweeps ?? 0, stepsPerTrajectory: args.steps, stepMicros: args.stepMicros, calls: args.calls, seconds, upTo, minSeconds: upTo ? time(args.minSteps!) : seconds };
}

/** dose events per trajectory over all of the model's doses */
export function doseEvents(model: Pick<CompiledModel, 'doses'>): number {
  return model.doses.reduce((n, d) => n + (d.kind === 'bolus' ? d.times.length : 2 * d.intervals.length), 0);
}

/**
 * What a pilot trajectory counted (work-pilot.ts): its steps, or with `capped` the solver's
 * maxSteps as an upper bound and the steps it took before the cap in `atLeast`.
 */
export interface PilotSteps { steps: number; atLeast: number; capped: boolean; path: SolverPath }

/**
 * A fit: `shape.sweeps` sweeps (EXPECTED_SWEEPS unless said), each of particles × subjects × groups
 * trajectories in `callsPerSweep` backend calls (one per group at least).
 */
export function estimateFitWork(
  model: CostModel & Pick<CompiledModel, 'doses'>, shape: { groups: number; times: number; callsPerSweep?: number; sweeps?: number },
  sizes: { particles: number; subjects: number }, backend: 'cpu' | 'webgpu', pilot?: PilotSteps,
): WorkEstimate {
  const path = pilot?.path ?? solverPath(model, 'auto', backend);
  const sweeps = shape.sweeps ?? EXPECTED_SWEEPS;
  return estimateWork({
    trajectories: sizes.particles * sizes.subjects * shape.groups * sweeps,
    steps: pilot?.steps ?? assumedSteps(shape.times, doseEvents(model), path),
    stepMicros: stepMicros(model, path),
    calls: (shape.callsPerSweep ?? shape.groups) * sweeps,
    sweeps,
    backend,
    ...(pilot?.capped ? { minSteps: pilot.atLeast } : {}),
  });
}

export function formatSeconds(s: number): string {
  if (s < 90) return `${Math.max(1, Math.round(s))} s`;
  if (s < 5400) return `${Math.round(s / 60)} min`;
  if (s < 48 * 3600) return `${(s / 3600).toFixed(1)} h`;
  return `${Number((s / 86400).toPrecision(2))} days`;
}

const micros = (us: number) => (us < 1000 ? `${Number(us.toPrecision(2))} µs` : `${Number((us / 1000).toPrecision(2))} ms`);

export function describeWork(e: WorkEstimate): string {
  const calls = e.calls > 1 ? ` + ${e.calls.toExponential(1)} backend calls` : '';
  return `${e.upTo ? 'up to' : 'about'} ${formatSeconds(e.seconds)} (${e.trajectories.toExponential(1)} trajectories × ${e.upTo ? '≤' : '~'}${Math.round(e.stepsPerTrajectory)} steps × ${micros(e.stepMicros)} per step${calls})`;
}

/**
 * Throws WorkBudgetError above the refusal limit (an "up to" estimate only when even its lower
 * bound is above it); returns a warning sentence above the warning limit, else null. `what` names
 * the request ("this fit"); `reduce` says what would make it smaller.
 */
export function checkWork(e: WorkEstimate, what: string, reduce: string): string | null {
  if (e.minSeconds > WORK_LIMITS.refuseSeconds)
    throw new WorkBudgetError(`${what} would take ${describeWork(e)}, more than the limit of ${formatSeconds(WORK_LIMITS.refuseSeconds)}; ${reduce}`);
  if (e.seconds > WORK_LIMITS.warnSeconds) return `${what} will take ${describeWork(e)}; ${reduce} to make it shorter`;
  return null;
}
