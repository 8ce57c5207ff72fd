// The CPU engine (f64): runs trajectories one by one through the stop list (outputs, boluses,
// infusion boundaries) with the chosen method. One Engine per (model, request) and per thread;
// all scratch space is allocated once, in the constructor.
import type { CompiledModel, JsModelFunctions } from '../../model/compiled.ts';
import { buildSchedule, type Schedule } from '../schedule.ts';
import { SOLVER_DEFAULTS } from '../request.ts';
import { DOPRI5, EXPLICIT_TABLEAUX, RODAS4, type ExplicitTableau } from '../tableaux.ts';
import { Status, type SolverOptions, type StepStats } from '../types.ts';
import { integrateAdaptive, STIFF } from './adaptive.ts';
import { explicitMethod, integrateExplicitFixed } from './explicit.ts';
import { rosenbrockMethod } from './rosenbrock.ts';
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
  /** the primary integrator interpolates outputs between hard stops (dense output) */
  private readonly primaryDense: boolean;
  /** point k is a hard stop: a bolus, or the infusions change there (outputs alone are soft) */
  private readonly hard: Uint8Array;
  /** an interpolated state, copied out of ws.dense for recording */
  private readonly yAt: Float64Array;

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
    this.hard = hardStops(this.sched);
    this.yAt = new Float64Array(this.nS);
    this.ws = new Workspace(this.nS, this.nP, this.nC, m.observableNames.length, Math.max(DOPRI5.stages, RODAS4.stages));
    this.ws.soft = this.sched.points;
    this.ws.dense = new Float64Array(this.sched.points.length * this.nS);
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
    const rodas = rosenbrockMethod(fns, ws, RODAS4, s);
    const rosenbrock: SegmentFn = (ta, tb) => integrateAdaptive(fns, ws, rodas, s, ta, tb);
    let dense = false;
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
      dense = !fixed && tab.dense !== null;
      const special = e.kernels?.(tab, ws, s, fixed, fns) ?? null;
      const explicit = fixed ? null : explicitMethod(fns, ws, tab, s);
      this.primary = special ?? (explicit
        ? (ta, tb) => integrateAdaptive(fns, ws, explicit, s, ta, tb)
        : (ta, tb) => integrateExplicitFixed(fns, ws, tab, s.hFixed, ta, tb));
      this.fallback = auto ? rosenbrock : null;
    }
    this.primaryDense = dense;
  }

  /**
   * Simulates one trajectory: parameters at params[pOff …], covariates at cov[cOff …]; writes
   * nTimes × nOut values at out[oOff …] (NaN if it fails). Returns its Status code.
   */
  run(params: Float64Array, pOff: number, cov: Float64Array, cOff: number, out: Float64Array, oOff: number): number {
    const ws = this.ws;
    for (let j = 0; j < this.nP; j++) ws.p[j] = params[pOff + j]!;
    for (let j = 0; j < this.nC; j++) ws.c[j] = cov[cOff + j]!;
    let st = this.trajectory(this.primary, this.primaryDense, out, oOff);
    // a trajectory that reached max-steps explicitly is redone with the fallback from t0 (a stiff
    // one has already been continued by the fallback inside trajectory())
    if (this.fallback && (st === STIFF || st === Status.maxSteps)) st = this.trajectory(this.fallback, false, out, oOff);
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

  /**
   * Integrates one trajectory through the stop list. With a dense integrator, the segment runs
   * from one hard stop to the next and the outputs in between (points ws.softFrom … softTo − 1)
   * come back interpolated in ws.dense; otherwise every point ends a segment.
   */
  private trajectory(primary: SegmentFn, primaryDense: boolean, out: Float64Array, oOff: number): number {
    const { ws, fns, sched, nS } = this;
    let segment = primary;
    let dense = primaryDense;
    const { y, p, c, inf } = ws;
    ws.startTrajectory(this.h0);
    fns.init(p, c, y);
    const K = sched.points.length;
    for (let k = 0; k < K; k++) {
      const t = sched.points[k]!;
      // outputs first (pre-dose), then boluses at this time
      if (!this.record(k, y, 0, out, oOff)) return Status.nonFinite;
      for (let b = sched.bolusStart[k]!; b < sched.bolusStart[k + 1]!; b++) y[sched.bolusState[b]] += fns.dose(sched.bolusDose[b]!, p, c);
      if (k === K - 1) break;
      // without infusions inf is never written and stays all zero
      if (this.hasInfusions) {
        inf.fill(0);
        for (let q = sched.infStart[k]!; q < sched.infStart[k + 1]!; q++) inf[sched.infState[q]] += fns.dose(sched.infDose[q]!, p, c);
      }
      for (let i = 0; i < y.length; i++) if (!Number.isFinite(y[i]!)) return Status.nonFinite;
      let next = k + 1;
      if (dense) while (next < K - 1 && !this.hard[next]) next++;
      ws.softFrom = k + 1;
      ws.softTo = next;
      const st = segment(t, sched.points[next]!);
      if (st === STIFF && this.fallback && segment !== this.fallback) {
        // found stiff: keep the outputs already interpolated, and continue from where the
        // explicit method stopped with the fallback, for the rest of the trajectory
        const filled = dense ? ws.softNext : k + 1;
        for (let q = k + 1; q < filled; q++) if (!this.record(q, ws.dense, (q - k - 1) * nS, out, oOff)) return Status.nonFinite;
        segment = this.fallback;
        dense = false;
        // the fallback lands on each remaining point up to the hard stop (recorded there below)
        for (let q = filled, from = ws.reached; q <= next; from = sched.points[q++]!) {
          const r = segment(from, sched.points[q]!);
          if (r !== Status.ok) return r;
          if (q < next && !this.record(q, y, 0, out, oOff)) return Status.nonFinite;
        }
        k = next - 1;
        continue;
      }
      if (st !== Status.ok) return st;
      for (let q = k + 1; q < next; q++) if (!this.record(q, ws.dense, (q - k - 1) * nS, out, oOff)) return Status.nonFinite;
      k = next - 1;
    }
    return Status.ok;
  }

  /** Writes the outputs at point k from the state at state[sOff …]; false if one is not finite. */
  private record(k: number, state: Float64Array, sOff: number, out: Float64Array, oOff: number): boolean {
    const { ws, fns, sched, nOut, yAt } = this;
    const from = sched.outStart[k]!, to = sched.outStart[k + 1]!;
    if (from === to) return true;
    let y = state;
    if (sOff !== 0 || state.length !== this.nS) {
      for (let i = 0; i < this.nS; i++) yAt[i] = state[sOff + i]!;
      y = yAt;
    }
    const src = this.saveStates ? y : ws.obs;
    if (!this.saveStates) fns.observe(sched.points[k]!, y, ws.p, ws.c, ws.obs);
    for (let o = from; o < to; o++) {
      const base = oOff + o * nOut;
      for (let j = 0; j < nOut; j++) {
        const v = src[j]!;
        if (!Number.isFinite(v)) return false;
        out[base + j] = v;
      }
    }
    return true;
  }
}

/** Hard stops of a schedule: points with a bolus or where the set of active infusions changes. */
function hardStops(s: Schedule): Uint8Array {
  const K = s.points.length;
  const hard = new Uint8Array(K);
  const infusions = (k: number) => {
    const list: string[] = [];
    for (let q = s.infStart[k]!; q < s.infStart[k + 1]!; q++) list.push(`${s.infState[q]}:${s.infDose[q]}`);
    return list.sort().join(',');
  };
  for (let k = 0; k < K; k++) {
    if (s.bolusStart[k + 1]! > s.bolusStart[k]!) hard[k] = 1;
    else if (k > 0 && k < K - 1 && infusions(k) !== infusions(k - 1)) hard[k] = 1;
  }
  return hard;
}
