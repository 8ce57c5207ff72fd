// Exact propagation of linear time-invariant models (dy/dt = A·y + c, with A and c depending
// only on parameters, covariates and the segment's infusion rates): most compartmental PK models.
// Over a segment of length Δ,
//   [y(t+Δ); 1] = exp(Δ·[[A, c], [0, 0]]) · [y(t); 1],
// so one small matrix exponential replaces every Runge–Kutta step (no step-size control, no
// tolerance, no stiffness). exp is computed by scaling and squaring with the diagonal (6, 6) Padé
// approximant (Higham, SIAM J. Matrix Anal. Appl. 26:1179, 2005), in generated straight-line code
// (src/model/codegen/expm.ts): with ‖Δ·A‖₁ scaled below 1/2, the Padé remainder is below 1e-16 relative. It needs no eigen-decomposition, so repeated
// eigenvalues (ka = CL/V in oral PK, the flip-flop point) are no special case.
import type { CompiledModel, JsModelFunctions } from '../../model/compiled.ts';
import { Status } from '../types.ts';
import { expmKernelSource, MAX_EXPM_STATES } from '../../model/codegen/expm.ts';
import type { Workspace } from './workspace.ts';

/**
 * exp(X)^(2^squarings) into out (row-major m×m, m = n or n + 1), X = scale·A or
 * scale·[[A, c], [0, 0]]; A is n×n row-major, c has n entries. False if the result is not finite.
 */
export type ExpmKernel = (A: Float64Array, c: Float64Array, scale: number, squarings: number, out: Float64Array) => boolean;

const expmKernels = new Map<string, ExpmKernel>();

/** The generated exponential for n states (one per size and shape, kept for the process). */
export function expmKernel(n: number, affine: boolean): ExpmKernel {
  const key = `${n}${affine ? 'a' : ''}`;
  let k = expmKernels.get(key);
  if (!k) {
    k = new Function(expmKernelSource(n, affine))() as ExpmKernel;
    expmKernels.set(key, k);
  }
  return k;
}

/** Models with more states than this keep the Runge–Kutta path (the dense algebra grows as n³). */
export const MAX_LINEAR_STATES = MAX_EXPM_STATES;

/** ‖Δ·A‖₁ is scaled below this before the Padé approximant (see src/model/codegen/expm.ts). */
const THETA = 0.5;

/** More squarings than this means Δ·A is not finite (2^1100 exceeds the double range). */
const MAX_SQUARINGS = 1100;

/** 2^−s for the scaling (Math.pow costs ~50 ns in V8; the table holds the same exact powers of two). */
const POW2_NEG = Float64Array.from({ length: MAX_SQUARINGS + 1 }, (_, s) => Math.pow(2, -s));

/** Propagators kept per system: a trajectory's segments often repeat a length (outputs every 1 h, 4 h …). */
const CACHE_ENTRIES = 8;

export class LinearPropagator {
  private readonly n: number;
  private readonly A: Float64Array;
  private readonly c: Float64Array;
  private affine = false;
  /** ‖A‖₁ (largest column sum): the scaling for a segment of length Δ comes from Δ·‖A‖₁ */
  private normA = 0;
  private readonly expN: ExpmKernel;
  private readonly expN1: ExpmKernel;
  // propagators of the current system by segment length (exact matches only: never changes a result)
  private readonly keyDt = new Float64Array(CACHE_ENTRIES).fill(NaN);
  private readonly props: Float64Array[];
  private readonly col: Float64Array;
  private next = 0;

  constructor(nStates: number) {
    const n = nStates;
    if (!(n >= 1 && n <= MAX_LINEAR_STATES)) throw new Error(`linear propagation: ${n} states (at most ${MAX_LINEAR_STATES})`);
    this.n = n;
    this.A = new Float64Array(n * n);
    this.c = new Float64Array(n);
    this.expN = expmKernel(n, false);
    this.expN1 = expmKernel(n, true);
    this.props = Array.from({ length: CACHE_ENTRIES }, () => new Float64Array((n + 1) * (n + 1)));
    this.col = new Float64Array(n);
  }

  /** The system dy/dt = A·y + c (A row-major n×n) for the following advance() calls; forgets the propagators of the previous one. */
  setSystem(A: Float64Array, c: Float64Array): void {
    const n = this.n;
    for (let i = 0; i < n * n; i++) this.A[i] = A[i]!;
    let affine = false;
    for (let i = 0; i < n; i++) {
      this.c[i] = c[i]!;
      if (c[i] !== 0) affine = true;
    }
    this.affine = affine;
    let norm = 0;
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += Math.abs(A[i * n + j]!);
      norm = Math.max(norm, s);
    }
    this.normA = norm;
    this.keyDt.fill(NaN);
  }

  /**
   * y ← y(t + dt) under the current system. Returns false when the result is not finite
   * (non-finite coefficients, or growth beyond the double range).
   */
  advance(y: Float64Array, dt: number): boolean {
    const n = this.n;
    if (!(dt > 0)) return true;
    let slot = -1;
    for (let k = 0; k < CACHE_ENTRIES; k++) if (this.keyDt[k] === dt) { slot = k; break; }
    if (slot < 0) {
      slot = this.next;
      this.next = (this.next + 1) % CACHE_ENTRIES;
      this.keyDt[slot] = NaN;
      if (!this.exponential(dt, this.props[slot]!)) return false;
      this.keyDt[slot] = dt;
    }
    // y ← R·[y; 1] (R is n×n when c = 0)
    const R = this.props[slot]!;
    const { col } = this;
    const m = this.affine ? n + 1 : n;
    for (let i = 0; i < n; i++) {
      let s = this.affine ? R[i * m + n]! : 0;
      for (let j = 0; j < n; j++) s += R[i * m + j]! * y[j]!;
      col[i] = s;
    }
    for (let i = 0; i < n; i++) {
      if (!Number.isFinite(col[i]!)) return false;
      y[i] = col[i]!;
    }
    return true;
  }

  /** exp(dt·[[A, c], [0, 0]]) (just exp(dt·A) when c = 0) into out. */
  private exponential(dt: number, out: Float64Array): boolean {
    const norm = this.normA * dt;
    if (!Number.isFinite(norm)) return false;
    const squarings = norm > THETA ? Math.ceil(Math.log2(norm / THETA)) : 0;
    if (squarings > MAX_SQUARINGS) return false;
    const scale = dt * POW2_NEG[squarings]!;
    return (this.affine ? this.expN1 : this.expN)(this.A, this.c, scale, squarings, out);
  }
}

/** Whether the CPU engine's 'auto' method propagates this model exactly (linear, time-invariant, ≤ MAX_LINEAR_STATES states). */
export function propagatesExactly(model: Pick<CompiledModel, 'linearTimeInvariant' | 'stateNames'>): boolean {
  return model.linearTimeInvariant && model.stateNames.length <= MAX_LINEAR_STATES;
}

/**
 * The segment integrator of exactly propagated trajectories: A = the Jacobian and f(0) are
 * evaluated once per trajectory (they depend on parameters and covariates only), c = f(0) + the
 * segment's infusion rates.
 */
export function linearSegments(fns: JsModelFunctions, ws: Workspace): (ta: number, tb: number) => number {
  const n = ws.nS;
  const prop = new LinearPropagator(n);
  const A = ws.J;
  const f0 = ws.dfdt;
  const c = ws.rhsb;
  let trajectory = -1;
  return (ta, tb) => {
    // the system changes with the trajectory (A, f(0)) and with the infusion rates (c)
    let changed = false;
    if (trajectory !== ws.trajectories) {
      trajectory = ws.trajectories;
      fns.jac(ta, ws.y, ws.p, ws.c, A);
      ws.ys.fill(0);
      fns.rhs(ta, ws.ys, ws.p, ws.c, f0);
      changed = true;
    }
    for (let i = 0; i < n; i++) {
      const ci = f0[i]! + ws.inf[i]!;
      if (!(ci === c[i])) changed = true;
      c[i] = ci;
    }
    if (changed) prop.setSystem(A, c);
    if (!prop.advance(ws.y, tb - ta)) return Status.nonFinite;
    ws.accepted++;
    return Status.ok;
  };
}
