// Sequential Monte Carlo with adaptive tempering: p_β(φ) ∝ prior(φ) · L(φ)^β, β from 0 to 1.
// Each step picks the next β by bisection so that the effective sample size of the incremental
// weights is `essTarget`·N, resamples systematically, and moves every particle with Metropolis–
// Hastings sweeps that alternate two kernels, both built from the current particles: an
// independence proposal from a Gaussian fitted to them (South, Pettitt & Drovandi 2019, Bayesian
// Analysis 14:753 — it moves most particles in one sweep where the tempered target is near-Gaussian,
// and jumps between separated modes) and a random walk with the particle covariance (scale tuned to
// the acceptance rate; it keeps mixing where the Gaussian fits badly). Each kernel leaves the
// tempered target invariant, so any cycle of them does.
// The product of the mean incremental weights estimates the evidence Z = ∫ prior · L. Optionally
// the path starts on a cheaper likelihood (SmcTarget.coarse) and is reweighted onto L at a fixed β:
// the intermediate targets change, the final one and the evidence do not.
import { createRng, type Rng } from './rng.ts';
import { choleskyInPlace } from './likelihood.ts';

export interface SmcTarget {
  dim: number;
  logPrior(phi: Float64Array, offset: number): number;
  samplePrior(rng: Rng, out: Float64Array, offset: number): void;
  /** log-likelihoods of `count` particles (rows of phis, count × dim): ONE batched evaluation */
  logLikelihood(phis: Float64Array, count: number, signal?: AbortSignal): Promise<Float64Array>;
  /**
   * A cheaper likelihood (e.g. fewer virtual subjects) for the start of the path: tempering runs on
   * prior · coarse^β up to β = `until`, where the particles are reweighted to prior · L^β (one
   * evaluation of L) and the path continues on L. The final target is unchanged.
   */
  coarse?: { logLikelihood: SmcTarget['logLikelihood']; until: number };
}

export interface SmcOptions {
  particles: number;
  seed: number;
  /** ESS fraction kept at each tempering step (default 0.5) */
  essTarget?: number;
  /** Metropolis sweeps per tempering step: at least min, at most max; in between, until a fraction `moveTarget` of the particles has moved */
  minMoves?: number;
  moveTarget?: number;
  maxMoves?: number;
  /** at least this many moves at β = 1 (default minMoves) */
  finalMoves?: number;
  /** alternate independence-proposal sweeps with the random-walk ones (default true) */
  independence?: boolean;
  /**
   * When set, the adaptive sweeps stop (between minMoves and maxMoves) once every coordinate's
   * correlation between the particles before and after them is below this, instead of once a
   * fraction `moveTarget` has moved: a particle that moved once can still sit next to the copy
   * resampling made, and on a sharp likelihood the next evidence increment is then taken over
   * particles that do not represent the tempered target (docs/likelihood.md, "Fits without random
   * effects sweep until the particles forget their start").
   */
  decorrelateBelow?: number;
  signal?: AbortSignal;
  onStep?: (info: SmcStepInfo) => void;
}

export interface SmcStepInfo {
  stage: 'init' | 'tempering' | 'mutation';
  temperature: number;
  sweeps: number;
  acceptance?: number;
  logEvidence: number;
}

export interface SmcResult {
  dim: number;
  particles: number;
  /** final particles (equally weighted), particles × dim */
  phi: Float64Array;
  logLik: Float64Array;
  logEvidence: number;
  /** rough particle-noise variance of logEvidence: Σ_t CV²(incremental weights)/N */
  logEvidenceVar: number;
  temperatures: number[];
  acceptance: number[];
  /** likelihood sweeps (batched evaluations) */
  sweeps: number;
  /** particles whose log-likelihood was −∞ at the prior stage */
  initialInvalid: number;
  /** ESS fraction of the weights that moved the particles from the coarse to the full likelihood (null: no coarse start) */
  coarseSwitchEss: number | null;
}

function logMeanExp(x: Float64Array, scale: number): number {
  let m = -Infinity;
  for (let i = 0; i < x.length; i++) if (scale * x[i] > m) m = scale * x[i];
  if (m === -Infinity) return -Infinity;
  let s = 0;
  for (let i = 0; i < x.length; i++) s += Math.exp(scale * x[i] - m);
  return m + Math.log(s / x.length);
}

/** ESS fraction of weights exp(δ ℓ) */
function essFraction(ll: Float64Array, delta: number): number {
  let m = -Infinity;
  for (let i = 0; i < ll.length; i++) if (delta * ll[i] > m) m = delta * ll[i];
  if (m === -Infinity) return 0;
  let s = 0, s2 = 0;
  for (let i = 0; i < ll.length; i++) {
    const w = Math.exp(delta * ll[i] - m);
    s += w; s2 += w * w;
  }
  return (s * s) / s2 / ll.length;
}

/** Systematic resampling: indices of the particles kept, given unnormalised log weights. */
export function systematicResample(logW: Float64Array, rng: Rng): Int32Array {
  const N = logW.length;
  let m = -Infinity;
  for (let i = 0; i < N; i++) if (logW[i] > m) m = logW[i];
  const w = new Float64Array(N);
  let s = 0;
  for (let i = 0; i < N; i++) { w[i] = Math.exp(logW[i] - m); s += w[i]; }
  const out = new Int32Array(N);
  const u0 = rng.uniform() / N;
  let c = w[0] / s, j = 0;
  for (let i = 0; i < N; i++) {
    const u = u0 + i / N;
    while (u > c && j < N - 1) { j++; c += w[j] / s; }
    out[i] = j;
  }
  return out;
}

/** Mean and Cholesky factor (lower, row-major) of the particle covariance plus a small ridge. */
function particleGaussian(phi: Float64Array, N: number, D: number): { mean: Float64Array; L: Float64Array } {
  const mean = new Float64Array(D);
  for (let i = 0; i < N; i++) for (let d = 0; d < D; d++) mean[d] += phi[i * D + d] / N;
  const C = new Float64Array(D * D);
  for (let i = 0; i < N; i++) {
    for (let a = 0; a < D; a++) {
      const da = phi[i * D + a] - mean[a];
      for (let b = 0; b <= a; b++) C[a * D + b] += (da * (phi[i * D + b] - mean[b])) / (N - 1);
    }
  }
  for (let a = 0; a < D; a++) for (let b = 0; b < a; b++) C[b * D + a] = C[a * D + b];
  for (let ridge = 1e-10; ; ridge *= 100) {
    const A = C.slice();
    for (let d = 0; d < D; d++) A[d * D + d] += ridge + 1e-12;
    if (!Number.isNaN(choleskyInPlace(A, D))) {
      for (let a = 0; a < D; a++) for (let b = a + 1; b < D; b++) A[a * D + b] = 0;
      return { mean, L: A };
    }
    if (ridge > 1) { // degenerate: fall back to a diagonal
      const L = new Float64Array(D * D);
      for (let d = 0; d < D; d++) L[d * D + d] = Math.sqrt(Math.max(C[d * D + d], 1e-6));
      return { mean, L };
    }
  }
}

/** Independence proposals: the particle Gaussian widened by this factor (heavier than the target's tails). */
export const INDEPENDENCE_WIDTH = 1.25;

/** log density (up to a constant) of the widened particle Gaussian at x[o …]: −½‖(L·w)⁻¹(x − mean)‖². */
function independenceLogDensity(x: Float64Array, o: number, mean: Float64Array, L: Float64Array, D: number, w: Float64Array): number {
  let q = 0;
  for (let a = 0; a < D; a++) {
    let v = x[o + a] - mean[a];
    for (let b = 0; b < a; b++) v -= L[a * D + b] * w[b];
    w[a] = v / L[a * D + a];
    q += w[a] * w[a];
  }
  return (-0.5 * q) / (INDEPENDENCE_WIDTH * INDEPENDENCE_WIDTH);
}

function throwIfAborted(signal?: AbortSignal): void {
  if (signal?.aborted) throw signal.reason instanceof Error ? signal.reason : new DOMException('The fit was cancelled', 'AbortError');
}

/** No particle drawn from the prior has a finite likelihood: the fit cannot start. */
export class NoValidParticleError extends Error {
  override name = 'NoValidParticleError';
  constructor(message = 'no particle drawn from the prior has a finite likelihood (every simulated cohort failed or could not be compared with the data)') {
    super(message);
  }
}

/**
 * The largest |correlation| over coordinates between two particle sets of the same particles
 * (rows of a and b, N × D): how much the moves still remember where they started. A coordinate
 * that does not vary in either set counts as 0.
 */
export function maxStartCorrelation(a: Float64Array, b: Float64Array, N: number, D: number): number {
  let worst = 0;
  for (let d = 0; d < D; d++) {
    let ma = 0, mb = 0;
    for (let i = 0; i < N; i++) { ma += a[i * D + d]; mb += b[i * D + d]; }
    ma /= N; mb /= N;
    let sab = 0, saa = 0, sbb = 0;
    for (let i = 0; i < N; i++) {
      const x = a[i * D + d] - ma, y = b[i * D + d] - mb;
      sab += x * y; saa += x * x; sbb += y * y;
    }
    const r = saa > 0 && sbb > 0 ? Math.abs(sab) / Math.sqrt(saa * sbb) : 0;
    if (r > worst) worst = r;
  }
  return worst;
}

export async function runSmc(target: SmcTarget, opts: SmcOptions): Promise<SmcResult> {
  const N = opts.particles, D = target.dim;
  const essTarget = opts.essTarget ?? 0.5;
  const minMoves = opts.minMoves ?? 2, maxMoves = opts.maxMoves ?? 8, finalMoves = opts.finalMoves ?? minMoves;
  const moveTarget = opts.moveTarget ?? 0.8;
  const rng = createRng(opts.seed);
  let phi = new Float64Array(N * D);
  let lp = new Float64Array(N);
  for (let i = 0; i < N; i++) {
    target.samplePrior(rng, phi, i * D);
    lp[i] = target.logPrior(phi, i * D);
  }
  throwIfAborted(opts.signal);
  let coarse = target.coarse && target.coarse.until > 0 && target.coarse.until < 1 ? target.coarse : null;
  const logLikelihood = (x: Float64Array, signal?: AbortSignal) => (coarse ? coarse.logLikelihood : target.logLikelihood)(x, N, signal);
  let ll = await logLikelihood(phi, opts.signal);
  let coarseSwitchEss: number | null = null;
  let sweeps = 1;
  let initialInvalid = 0;
  for (let i = 0; i < N; i++) if (!(ll[i] > -Infinity)) { ll[i] = -Infinity; initialInvalid++; }
  if (initialInvalid === N) {
    throw new NoValidParticleError();
  }
  let beta = 0, logZ = 0, logZVar = 0;
  const temperatures = [0];
  const acceptance: number[] = [];
  let scale = 2.38 / Math.sqrt(D);
  opts.onStep?.({ stage: 'init', temperature: 0, sweeps, logEvidence: 0 });

  const independence = opts.independence ?? true;
  const mutate = async (moves: number | 'adaptive'): Promise<void> => {
    const { mean, L } = particleGaussian(phi, N, D);
    const prop = new Float64Array(N * D);
    const lpProp = new Float64Array(N);
    // log q(current) − log q(proposal) for independence sweeps (0 for the symmetric random walk)
    const logQRatio = new Float64Array(N);
    const z = new Float64Array(D);
    const moved = new Uint8Array(N);
    const decorrelate = opts.decorrelateBelow !== undefined ? { start: phi.slice(), below: opts.decorrelateBelow } : null;
    let done = 0;
    for (;;) {
      // independence first, then alternate: sweep 0, 2, 4, … independence; 1, 3, … random walk
      const indep = independence && done % 2 === 0;
      for (let i = 0; i < N; i++) {
        for (let d = 0; d < D; d++) z[d] = rng.normal();
        for (let a = 0; a < D; a++) {
          let v = 0;
          for (let b = 0; b <= a; b++) v += L[a * D + b] * z[b];
          prop[i * D + a] = indep ? mean[a] + INDEPENDENCE_WIDTH * v : phi[i * D + a] + scale * v;
        }
        logQRatio[i] = indep ? independenceLogDensity(phi, i * D, mean, L, D, z) - independenceLogDensity(prop, i * D, mean, L, D, z) : 0;
        lpProp[i] = target.logPrior(prop, i * D);
        // outside the prior's support: simulate the current point instead (result ignored)
        if (!(lpProp[i] > -Infinity)) for (let d = 0; d < D; d++) prop[i * D + d] = phi[i * D + d];
      }
      throwIfAborted(opts.signal);
      const llProp = await logLikelihood(prop, opts.signal);
      sweeps++;
      let acc = 0;
      for (let i = 0; i < N; i++) {
        if (!(lpProp[i] > -Infinity)) continue;
        const l = Number.isNaN(llProp[i]) ? -Infinity : llProp[i];
        const logA = beta * (l - ll[i]) + lpProp[i] - lp[i] + logQRatio[i];
        if (Number.isNaN(logA)) continue;
        if (logA >= 0 || Math.log(rng.uniform()) < logA) {
          for (let d = 0; d < D; d++) phi[i * D + d] = prop[i * D + d];
          ll[i] = l; lp[i] = lpProp[i];
          acc++; moved[i] = 1;
        }
      }
      const rate = acc / N;
      acceptance.push(rate);
      done++;
      if (!indep) {
        // tune the random walk's scale toward ~25–30% acceptance
        scale *= Math.exp(1.2 * (rate - 0.28));
        scale = Math.min(Math.max(scale, 0.02 / Math.sqrt(D)), 4 / Math.sqrt(D));
      }
      let movedCount = 0;
      for (let i = 0; i < N; i++) movedCount += moved[i];
      opts.onStep?.({ stage: 'mutation', temperature: beta, sweeps, acceptance: rate, logEvidence: logZ });
      if (moves !== 'adaptive') { if (done >= moves) break; continue; }
      if (done >= maxMoves) break;
      if (done < minMoves) continue;
      if (decorrelate ? maxStartCorrelation(decorrelate.start, phi, N, D) < decorrelate.below : movedCount >= moveTarget * N) break;
    }
  };

  /** adds the log mean of the incremental weights to logZ (and its particle-noise variance), then resamples by them */
  const reweightAndResample = (logW: Float64Array): void => {
    const inc = logMeanExp(logW, 1);
    logZ += inc;
    // particle-noise variance of this increment ≈ CV² of the incremental weights / N
    let s = 0, s2 = 0;
    for (let i = 0; i < N; i++) { const w = Math.exp(logW[i] - inc); if (Number.isFinite(w)) { s += w; s2 += w * w; } }
    const m1 = s / N, m2 = s2 / N;
    logZVar += Math.max(0, m2 / (m1 * m1) - 1) / N;
    const idx = systematicResample(logW, rng);
    const phi2 = new Float64Array(N * D), ll2 = new Float64Array(N), lp2 = new Float64Array(N);
    for (let i = 0; i < N; i++) {
      phi2.set(phi.subarray(idx[i] * D, idx[i] * D + D), i * D);
      ll2[i] = ll[idx[i]]; lp2[i] = lp[idx[i]];
    }
    phi = phi2; ll = ll2; lp = lp2;
  };

  while (beta < 1) {
    throwIfAborted(opts.signal);
    if (coarse && beta >= coarse.until) {
      // end of the coarse part of the path: weights L^β / coarse^β move the particles from
      // prior · coarse^β to prior · L^β (a particle L rules out gets weight 0), then the usual moves
      const fine = await target.logLikelihood(phi, N, opts.signal);
      sweeps++;
      const logW = new Float64Array(N);
      for (let i = 0; i < N; i++) {
        const f = fine[i] > -Infinity ? fine[i] : -Infinity;
        logW[i] = f === -Infinity || !(ll[i] > -Infinity) ? -Infinity : beta * (f - ll[i]);
        ll[i] = f;
      }
      if (!(logMeanExp(logW, 1) > -Infinity)) throw new NoValidParticleError('no particle has a finite full likelihood at the end of the coarse start of the path');
      coarse = null;
      coarseSwitchEss = essFraction(logW, 1);
      reweightAndResample(logW);
      opts.onStep?.({ stage: 'tempering', temperature: beta, sweeps, logEvidence: logZ });
      await mutate('adaptive');
      continue;
    }
    // next temperature by bisection on the ESS of the incremental weights (not past the end of
    // the coarse part of the path)
    const cap = coarse ? coarse.until : 1;
    let next = cap;
    if (essFraction(ll, cap - beta) < essTarget) {
      let lo = 0, hi = cap - beta;
      for (let it = 0; it < 60; it++) {
        const mid = 0.5 * (lo + hi);
        if (essFraction(ll, mid) >= essTarget) lo = mid; else hi = mid;
      }
      next = beta + Math.max(lo, 1e-12);
    }
    const delta = next - beta;
    const logW = new Float64Array(N);
    for (let i = 0; i < N; i++) logW[i] = delta * ll[i];
    reweightAndResample(logW);
    beta = next;
    temperatures.push(beta);
    opts.onStep?.({ stage: 'tempering', temperature: beta, sweeps, logEvidence: logZ });
    await mutate('adaptive');
    if (beta >= 1 && finalMoves > minMoves) await mutate(finalMoves - minMoves);
  }
  return { dim: D, particles: N, phi, logLik: ll, logEvidence: logZ, logEvidenceVar: logZVar, temperatures, acceptance, sweeps, initialInvalid, coarseSwitchEss };
}
