// Preallocated per-worker scratch space, so the stepping loops never allocate, plus the
// integration state that a trajectory carries from one segment to the next.
import type { JsModelFunctions } from '../../model/compiled.ts';
import { newStepControl, resetStepControl, type StepControl } from '../controller.ts';

/** Solver settings resolved to numbers (defaults applied once, not per step). */
export interface ResolvedSolver {
  rtol: number;
  atol: number;
  /** fixed-step methods: nominal step (span / steps) */
  hFixed: number;
  maxSteps: number;
  /** user first step, or NaN for the heuristic */
  h0: number;
  /** explicit adaptive: watch for stiffness (method 'auto') */
  detectStiffness: boolean;
}

export class Workspace {
  readonly nS: number;
  readonly y: Float64Array;
  readonly ynew: Float64Array;
  readonly ys: Float64Array;
  /** stage point of the second-to-last stage (stiffness estimate) */
  readonly ysPrev: Float64Array;
  readonly err: Float64Array;
  /** stage derivatives, stage-major: K[s·nS + i] */
  readonly K: Float64Array;
  /** K split per stage (views made once) */
  readonly Ks: Float64Array[];
  readonly f0: Float64Array;
  readonly f1: Float64Array;
  readonly dfdt: Float64Array;
  readonly rhsb: Float64Array;
  readonly J: Float64Array;
  readonly G: Float64Array;
  readonly piv: Int32Array;
  readonly p: Float64Array;
  readonly c: Float64Array;
  /** infusion rates added to d(state)/dt on the current segment */
  readonly inf: Float64Array;
  readonly obs: Float64Array;

  /** the step controller's state, carried across the segments of one trajectory */
  readonly ctl: StepControl = newStepControl();

  // dense output: the segment being integrated may pass output points soft[softFrom … softTo − 1];
  // a dense integrator writes the state at each into dense[(q − softFrom)·nS …]
  soft: Float64Array = new Float64Array(0);
  softFrom = 0;
  softTo = 0;
  dense: Float64Array = new Float64Array(0);
  /** where an explicit segment stopped on finding the trajectory stiff: time, next unfilled soft point */
  reached = NaN;
  softNext = 0;

  // batch totals
  /** trajectories started (lets per-trajectory work be done once) */
  trajectories = 0;
  accepted = 0;
  rejected = 0;

  constructor(nS: number, nP: number, nC: number, nO: number, maxStages: number) {
    this.nS = nS;
    this.y = new Float64Array(nS);
    this.ynew = new Float64Array(nS);
    this.ys = new Float64Array(nS);
    this.ysPrev = new Float64Array(nS);
    this.err = new Float64Array(nS);
    this.K = new Float64Array(nS * maxStages);
    this.Ks = Array.from({ length: maxStages }, (_, st) => this.K.subarray(st * nS, (st + 1) * nS));
    this.f0 = new Float64Array(nS);
    this.f1 = new Float64Array(nS);
    this.dfdt = new Float64Array(nS);
    this.rhsb = new Float64Array(nS);
    this.J = new Float64Array(nS * nS);
    this.G = new Float64Array(nS * nS);
    this.piv = new Int32Array(nS);
    this.p = new Float64Array(Math.max(nP, 1));
    this.c = new Float64Array(Math.max(nC, 1));
    this.inf = new Float64Array(nS);
    this.obs = new Float64Array(Math.max(nO, 1));
  }

  /** Resets the per-trajectory integration state. */
  startTrajectory(h0: number): void {
    this.trajectories++;
    resetStepControl(this.ctl, h0);
  }
}

/** f(t, y) of the model plus the current segment's infusion rates. */
export function evalRhs(fns: JsModelFunctions, ws: Workspace, t: number, y: Float64Array, dy: Float64Array): void {
  fns.rhs(t, y, ws.p, ws.c, dy);
  const inf = ws.inf;
  for (let i = 0; i < ws.nS; i++) dy[i] += inf[i]!;
}

/** RMS of err_i / (atol + rtol·max(|y_i|, |ynew_i|)) (Hairer's norm); NaN when anything is not finite. */
export function errorNorm(ws: Workspace, s: ResolvedSolver): number {
  const { y, ynew, err, nS } = ws;
  let acc = 0;
  for (let i = 0; i < nS; i++) {
    const sc = s.atol + s.rtol * Math.max(Math.abs(y[i]!), Math.abs(ynew[i]!));
    const r = err[i]! / sc;
    acc += r * r;
  }
  const n = Math.sqrt(acc / nS);
  return Number.isFinite(n) ? n : NaN;
}
