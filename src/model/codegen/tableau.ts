// The shape of the solver coefficient tables the generators unroll (JS kernels, WGSL steps). The
// numbers themselves live in src/simulate/tableaux.ts, which owns the methods; they are passed in
// as data, so this stage never imports the simulate stage.

/**
 * Explicit Runge–Kutta tableau. Stage i (0-based) evaluates f at t + c[i]·h and
 * y + h·Σ_{j<i} a[i][j]·k_j; the step is y + h·Σ b_i k_i; the local error estimate is
 * h·Σ e_i k_i with e = b − b̂ (difference between the solution and the embedded solution).
 */
export interface ExplicitTableau {
  readonly family: 'explicit';
  readonly name: 'rk4' | 'dopri5' | 'tsit5';
  readonly stages: number;
  /** strictly lower triangular: a[i] has i entries */
  readonly a: readonly (readonly number[])[];
  readonly b: readonly number[];
  readonly c: readonly number[];
  /** error weights b − b̂; null for fixed-step methods */
  readonly e: readonly number[] | null;
  /** order of the propagated solution */
  readonly order: number;
  /** order of the embedded solution (0 when there is none); the controller uses min(order, errorOrder) + 1 */
  readonly errorOrder: number;
  /** first-same-as-last: the last stage is f(t+h, y_new), reusable as the next step's first stage */
  readonly fsal: boolean;
  /**
   * Dense output (continuous extension) of an FSAL method, Hairer's form: with ydiff = y_new − y,
   * bspl = h·k_0 − ydiff, r4 = ydiff − h·k_last − bspl and r5 = h·Σ d_j k_j,
   *   y(t + θh) = y + θ·(ydiff + (1−θ)·(bspl + θ·(r4 + (1−θ)·r5))).
   * The CPU engines then interpolate the outputs between two doses instead of stepping to them
   * (the WGSL kernels keep stepping to every output: lanes of a SIMD group synchronise at the
   * outputs anyway, and on SwiftShader the dense variant measured 5% slower). null: none.
   */
  readonly dense: readonly number[] | null;
}

/**
 * Rosenbrock tableau in the Hairer–Wanner "transformed" form (as in RODAS and KPP), which needs no
 * matrix–vector products with J inside the stages:
 *   G = I/(h·γ) − J(t, y)                  (one LU per step)
 *   G·K_i = f(t + α_i h, y + Σ_{j<i} A_ij K_j) + Σ_{j<i} (C_ij / h) K_j + h·γ_i · ∂f/∂t(t, y)
 *   y_new = y + Σ M_i K_i,   error = Σ E_i K_i
 */
export interface RosenbrockTableau {
  readonly family: 'rosenbrock';
  readonly name: 'rodas4';
  readonly stages: number;
  /** diagonal γ */
  readonly gamma: number;
  /** strictly lower triangular, a[i] has i entries */
  readonly a: readonly (readonly number[])[];
  /** strictly lower triangular, c[i] has i entries (the "C" matrix) */
  readonly c: readonly (readonly number[])[];
  /** stage times α_i */
  readonly alpha: readonly number[];
  /** γ_i = Σ_j γ_ij, multiplies h·∂f/∂t */
  readonly gammaSum: readonly number[];
  readonly m: readonly number[];
  readonly e: readonly number[];
  /** stage i needs a fresh f evaluation (false: reuse stage i−1's, its stage point is identical) */
  readonly newF: readonly boolean[];
  readonly order: number;
  readonly errorOrder: number;
}
