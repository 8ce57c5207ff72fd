// The CPU engine (f64): runs trajectories one by one through the stop list (outputs, boluses,
// infusion boundaries) with the chosen method. One Engine per (model, request) and per thread;
// all scratch space is allocated once, in the constructor.
import type { CompiledModel, JsModelFunctions } from '../../model/compiled.ts';
import { buildSchedule, type Schedule } from '../schedule.ts';
import { SOLVER_DEFAULTS } from '../request.ts';
import { DOPRI5, EXPLICIT_TABLEAUX, RODAS4, type ExplicitTableau } from '../tableaux.ts';
import { Status, type SolverOptions, type StepStats } from '../types.ts';
import { integrateExplicitAdaptive, integrateExplicitFixed, STIFF } from './explicit.ts';
import { integrateRosenbrock } from './rosenbrock.ts';
import { linearSegments, propagatesExactly } from './linear.ts';
import { Workspace, type ResolvedSolver } from './workspace.ts';

/** Integrates ws.y over one segment; returns a Status code (or STIFF). */
type SegmentFn = (ta: number, tb: number) => number;

/** Optional specialised (generated) segment integrator for explicit methods: see kernels.ts. */
export type KernelFactory = (tab: ExplicitTableau, ws: Workspace, s: ResolvedSolver, fixed: boolean, fns: JsModelFunctions) => SegmentFn | null;

export interface EngineSetup {
  model: CompiledModel;
  fns: JsModelFunctions;
  t0: number;
  times: Float64Array;
  solver: SolverOptions;
  save: 'observables' | 'states';
  kernels?: KernelFactory;
}

export class Engine {
  readonly nS: number;
  readonly nP: number;
  readonly nC: number;
  readonly nOut: number;
  readonly nTimes: number;
  readonly stats: StepStats = { accepted: 0, rejected: 0, maxStepsHit: 0, nonFinite: 0, underflow: 0 };
  private readonly fns: JsModelFunctions;
  private readonly sched: Schedule;
  private readonly ws: Workspace;
  private readonly saveStates: boolean;
  private readonly primary: SegmentFn;
  /** 'auto': the Rosenbrock re-run for trajectories found stiff */
  private readonly fallback: SegmentFn | null;
  private readonly h0: number;
  private readonly hasInfusions: boolean;

  constructor(e: EngineSetup) {
    const m = e.model;
    this.fns = e.fns;
    this.nS = m.stateNames.length;
    this.nP = m.parameterNames.length;
    this.nC = m.covariateNames.length;
    this.saveStates = e.save === 'states';
    this.nOut = this.saveStates ? this.nS : m.observableNames.length;
    this.nTimes = e.times.length;
    this.sched = buildSchedule(e.times, m.doses, e.t0);
    this.hasInfusions = this.sched.infState.length > 0;
    this.ws = new Workspace(this.nS, this.nP, this.nC, m.observableNames.length, Math.max(DOPRI5.stages, RODAS4.stages));
    const span = e.times[e.times.length - 1]! - e.t0;
    const method = e.solver.method;
    const auto = method === 'auto';
    const s: ResolvedSolver = {
      rtol: e.solver.rtol ?? SOLVER_DEFAULTS.rtol,
      atol: e.solver.atol ?? SOLVER_DEFAULTS.atol,
      hFixed: span / (e.solver.steps ?? SOLVER_DEFAULTS.steps),
      maxSteps: e.solver.maxSteps ?? SOLVER_DEFAULTS.maxSteps,
      h0: e.solver.h0 ?? NaN,
      detectStiffness: auto,
    };
    this.h0 = s.h0;
    const fns = this.fns;
    const ws = this.ws;
    const rosenbrock: SegmentFn = (ta, tb) => integrateRosenbrock(fns, ws, RODAS4, s, ta, tb);
    if (auto && propagatesExactly(m)) {
      // linear time-invariant: exact matrix-exponential propagation, no steps to control
      this.primary = linearSegments(fns, ws);
      this.fallback = null;
    } else if (method === 'rosenbrock' || (auto && m.stiff)) {
      this.primary = rosenbrock;
      this.fallback = null;
    } else {
      const tab = auto ? DOPRI5 : EXPLICIT_TABLEAUX[method];
      const fixed = tab.e === null;
      const special = e.kernels?.(tab, ws, s, fixed, fns) ?? null;
      this.primary = special ?? (fixed
        ? (ta, tb) => integrateExplicitFixed(fns, ws, tab, s.hFixed, ta, tb)
        : (ta, tb) => integrateExplicitAdaptive(fns, ws, tab, s, ta, tb));
      this.fallback = auto ? rosenbrock : null;
    }
  }

  /**
   * Simulates one trajectory: parameters at params[pOff …], covariates at cov[cOff …]; writes
   * nTimes × nOut values at out[oOff …] (NaN if it fails). Returns its Status code.
   */
  run(params: Float64Array, pOff: number, cov: Float64Array, cOff: number, out: Float64Array, oOff: number): number {
    const ws = this.ws;
    for (let j = 0; j < this.nP; j++) ws.p[j] = params[pOff + j]!;
    for (let j = 0; j < this.nC; j++) ws.c[j] = cov[cOff + j]!;
    let st = this.trajectory(this.primary, out, oOff);
    if (this.fallback && (st === STIFF || st === Status.maxSteps)) st = this.trajectory(this.fallback, out, oOff);
    if (st !== Status.ok) {
      out.fill(NaN, oOff, oOff + this.nTimes * this.nOut);
      if (st === Status.maxSteps) this.stats.maxStepsHit++;
      else if (st === Status.stepUnderflow) this.stats.underflow++;
      else this.stats.nonFinite++;
    }
    this.stats.accepted = ws.accepted;
    this.stats.rejected = ws.rejected;
    return st;
  }

  private trajectory(segment: SegmentFn, out: Float64Array, oOff: number): number {
    const { ws, fns, sched, nOut } = this;
    const { y, p, c, inf } = ws;
    ws.startTrajectory(this.h0);
    fns.init(p, c, y);
    const K = sched.points.length;
    for (let k = 0; k < K; k++) {
      const t = sched.points[k]!;
      // outputs first (pre-dose), then boluses at this time
      for (let o = sched.outStart[k]!; o < sched.outStart[k + 1]!; o++) {
        const src = this.saveStates ? y : ws.obs;
        if (!this.saveStates) fns.observe(t, y, p, c, ws.obs);
        const base = oOff + o * nOut;
        for (let j = 0; j < nOut; j++) {
          const v = src[j]!;
          if (!Number.isFinite(v)) return Status.nonFinite;
          out[base + j] = v;
        }
      }
      for (let b = sched.bolusStart[k]!; b < sched.bolusStart[k + 1]!; b++) y[sched.bolusState[b]] += fns.dose(sched.bolusDose[b]!, p, c);
      if (k === K - 1) break;
      // without infusions inf is never written and stays all zero
      if (this.hasInfusions) {
        inf.fill(0);
        for (let q = sched.infStart[k]!; q < sched.infStart[k + 1]!; q++) inf[sched.infState[q]] += fns.dose(sched.infDose[q]!, p, c);
      }
      for (let i = 0; i < y.length; i++) if (!Number.isFinite(y[i]!)) return Status.nonFinite;
      const st = segment(t, sched.points[k + 1]!);
      if (st !== Status.ok) return st;
    }
    return Status.ok;
  }
}
