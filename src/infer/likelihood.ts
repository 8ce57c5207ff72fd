// The joint aggregate likelihood of one observed series (one group × observable: visit means,
// SDs and n) given the virtual cohort's moments. Formulas and their derivation: docs/likelihood.md.
//
//   z = [ ȳ_k (all visits) ; log s²_k (visits with an SD) ] ~ N(m, K)
//
// with every moment of the observed deviations e = d + ε (d = y − μ from the virtual cohort,
// ε residual error with variance v = σa² + σp² f²) expressed through the cohort's E[d d],
// E[d² d²] and E[d d²], which the ensemble backend reduces on the device.

import { censoredLogLik, type CensoredVisit } from './censored.ts';
import { digamma, trigamma } from './polygamma.ts';

/** Moments of one (particle, group, observable) block as the backend returns them. */
export interface MomentBlock {
  /** number of output times in the simulation grid */
  T: number;
  mean: Float64Array;
  meanOffset: number;
  cov: Float64Array;
  m22: Float64Array;
  m12: Float64Array;
  /** offset of the T×T block in cov/m22/m12 */
  matOffset: number;
}

/** An observed series mapped onto the simulation grid. */
export interface SeriesData {
  /** index of each visit in the simulation time grid */
  timeIdx: number[];
  mean: number[];
  sd: (number | null)[];
  n: number[];
  /** variance floor (added to the additive residual variance): keeps K positive definite when the model predicts no spread */
  floorVar: number;
  /**
   * visits with subjects below the LLOQ: a binomial term each (censored.ts); a visit where all were
   * below is left out of the Gaussian (marginalised), a partly censored one keeps its mean and SD
   */
  censored?: CensoredVisit[];
}

export interface LikelihoodOptions {
  /** virtual subjects behind the moments (Monte-Carlo error terms) */
  subjects: number;
  /** shrinkage of K toward its diagonal, in [0, 1) */
  shrinkage?: number;
  /** relative jitter on the diagonal */
  jitter?: number;
}

export const DEFAULT_SHRINKAGE = 0.05;
export const DEFAULT_JITTER = 1e-9;

export interface SeriesGaussian {
  dim: number;
  /** observed vector z */
  z: Float64Array;
  /** predicted mean of z */
  m: Float64Array;
  /** dim × dim covariance of z (before regularisation) */
  K: Float64Array;
  /** how many leading entries are visit means (the rest are log variances) */
  nMeans: number;
  /** visit index of each log-variance entry */
  sdVisits: number[];
}

// Work arrays that never leave these functions, reused: they run for every particle and series of
// every sweep on the main thread, and fresh allocations there cost as much as the arithmetic.
const work = new Map<string, Float64Array>();
function scratch(name: string, size: number): Float64Array {
  let a = work.get(name);
  if (!a || a.length < size) {
    a = new Float64Array(size);
    work.set(name, a);
  }
  return a;
}

/**
 * Builds the joint Gaussian for one series. `reuse` puts z, m and K in this module's work arrays
 * (for seriesLogLik, which consumes them at once).
 *
 * It runs for every particle and series of every sweep, O(visits²), so the moments are indexed
 * directly rather than through small helpers; each sum keeps its order of terms (E4, Evv, E3 as
 * in docs/likelihood.md), so the numbers are those of the helper-based version, bit for bit.
 */
export function seriesGaussian(mb: MomentBlock, s: SeriesData, sigmaAdd: number, sigmaProp: number, opts: LikelihoodOptions, reuse = false): SeriesGaussian {
  const K0 = s.timeIdx.length;
  const T = mb.T;
  const M = opts.subjects;
  const a = sigmaAdd * sigmaAdd + s.floorVar;
  const p = sigmaProp * sigmaProp;
  const mu = scratch('mu', K0), c = scratch('c', K0), b = scratch('b', K0), V = scratch('V', K0), Sd = scratch('Sd', K0);
  // the visits' K0×K0 blocks of the T×T moment matrices, gathered once: S = E[d_k d_l],
  // M22 = E[d_k² d_l²], M12 = E[d_k d_l²]
  const S = scratch('S', K0 * K0), M22 = scratch('m22', K0 * K0), M12 = scratch('m12', K0 * K0);
  for (let k = 0; k < K0; k++) {
    const row = mb.matOffset + s.timeIdx[k]! * T;
    for (let l = 0; l < K0; l++) {
      const off = row + s.timeIdx[l]!;
      S[k * K0 + l] = mb.cov[off]!;
      M22[k * K0 + l] = mb.m22[off]!;
      M12[k * K0 + l] = mb.m12[off]!;
    }
  }
  for (let k = 0; k < K0; k++) {
    const skk = S[k * K0 + k]!;
    Sd[k] = skk;
    mu[k] = mb.mean[mb.meanOffset + s.timeIdx[k]!]!;
    c[k] = a + p * mu[k]! * mu[k]!;
    b[k] = 2 * p * mu[k]!;
    V[k] = skk + c[k]! + p * skk;
  }
  // E[v_k v_l], v = c + b d + p d² (residual variance of one subject's value)
  const Evv = (k: number, l: number): number =>
    c[k]! * c[l]! + c[k]! * p * Sd[l]! + c[l]! * p * Sd[k]! + b[k]! * b[l]! * S[k * K0 + l]! + b[k]! * p * M12[k * K0 + l]! + b[l]! * p * M12[l * K0 + k]! + p * p * M22[k * K0 + l]!;
  // E[e_k⁴] of the observed deviation e = d + ε
  const E4diag = (k: number): number => {
    const kk = k * K0 + k;
    const Edv = c[k]! * Sd[k]! + b[k]! * M12[kk]! + p * M22[kk]!;
    return M22[kk]! + 6 * Edv + 3 * Evv(k, k);
  };

  const sdVisits: number[] = [];
  for (let k = 0; k < K0; k++) {
    const sd = s.sd[k];
    if (sd !== null && sd > 0 && s.n[k]! >= 2) sdVisits.push(k);
  }
  const nSd = sdVisits.length;
  const dim = K0 + nSd;
  // every entry of z, m and K is written below, so reused arrays need no clearing
  const z = reuse ? scratch('z', dim) : new Float64Array(dim);
  const m = reuse ? scratch('mz', dim) : new Float64Array(dim);
  const K = reuse ? scratch('K', dim * dim) : new Float64Array(dim * dim);
  const n = s.n;
  for (let k = 0; k < K0; k++) {
    z[k] = s.mean[k]!;
    m[k] = mu[k]!;
    for (let l = 0; l < K0; l++) {
      const skl = S[k * K0 + l]!;
      K[k * dim + l] = (k === l ? V[k]! : skl) / Math.max(n[k]!, n[l]!) + skl / M;
    }
  }
  // the log variances: the delta method's correlations (Cov(s_k², s_l²)/(σ_k² σ_l²), and with the
  // means Cov(ȳ_j, s_k²)/σ_k²), each log variance's SD and mean from logVarianceMoments
  const target = scratch('target', nSd), e4 = scratch('e4', nSd);
  for (let x = 0; x < nSd; x++) e4[x] = E4diag(sdVisits[x]!);
  for (let x = 0; x < nSd; x++) {
    const k = sdVisits[x]!;
    const nk = n[k]!;
    const sd = s.sd[k]!;
    const Vk = V[k]!, Skk = Sd[k]!, ck = c[k]!, bk = b[k]!;
    z[K0 + x] = Math.log(sd * sd);
    const lv = logVarianceMoments(e4[x]! / (Vk * Vk), nk);
    m[K0 + x] = Math.log(Vk) + lv.bias;
    // the virtual cohort's own variance, estimated from M subjects: its kurtosis capped and matched the same way
    const mc = Skk > 0 ? matchedLogVariance((cappedKurtosis(M22[k * K0 + k]! / (Skk * Skk), M) - 1) / M) * (Skk / Vk) ** 2 : 0;
    target[x] = lv.variance + mc;
    const rowK = (K0 + x) * dim + K0;
    for (let y = 0; y < nSd; y++) {
      const l = sdVisits[y]!;
      const kl = k * K0 + l, lk = l * K0 + k;
      const m22kl = M22[kl]!;
      let E4kl: number, Vkl: number;
      if (k === l) {
        E4kl = e4[x]!;
        Vkl = Vk;
      } else {
        // E[e_k² e_l²] = E[d_k² d_l²] + E[d_k² v_l] + E[d_l² v_k] + E[v_k v_l]
        const Edkvl = c[l]! * Skk + b[l]! * M12[lk]! + p * m22kl;
        const Edlvk = ck * Sd[l]! + bk * M12[kl]! + p * m22kl;
        E4kl = m22kl + Edkvl + Edlvk + Evv(k, l);
        Vkl = S[kl]!;
      }
      const nkl = Math.max(nk, n[l]!);
      const Vl = V[l]!;
      const covS2 = (E4kl - Vk * Vl) / nkl + (2 * Vkl ** 2) / (nkl * (nkl - 1));
      const mcS2 = (m22kl - Skk * Sd[l]!) / M;
      K[rowK + y] = (covS2 + mcS2) / (Vk * Vl);
    }
    // cross-covariance Cov(ȳ_j, log s²_k) from third moments, E[e_j e_k²]
    for (let j = 0; j < K0; j++) {
      const jk = j * K0 + k;
      const m12jk = M12[jk]!;
      const E3 = j === k ? m12jk + 3 * (bk * Skk + p * m12jk) : m12jk + bk * S[jk]! + p * m12jk;
      const cross = E3 / (Math.max(n[j]!, nk) * Vk) + m12jk / (M * Vk);
      K[j * dim + K0 + x] = cross;
      K[(K0 + x) * dim + j] = cross;
    }
  }
  // rescaling rows and columns to those variances keeps K positive semi-definite and every
  // correlation as the delta method gives it
  for (let x = 0; x < nSd; x++) {
    const delta = K[(K0 + x) * dim + K0 + x]!;
    const sx = delta > 0 && Number.isFinite(delta) ? Math.sqrt(target[x]! / delta) : 1;
    for (let i = 0; i < dim; i++) {
      K[(K0 + x) * dim + i] *= sx;
      K[i * dim + K0 + x] *= sx;
    }
  }
  return { dim, z, m, K, nMeans: K0, sdVisits };
}

/**
 * The mean offset E[log s²] − log σ² and the variance Var(log s²) of a visit's log sample
 * variance, from the kurtosis E[e⁴]/σ⁴ of one subject's value (fourth moments: any population) and
 * n. The delta method on Var(s²) = (κ − (n−3)/(n−1))σ⁴/n is right for near-Gaussian cohorts but
 * not for heavy tails: for a log-normal spread of ω = 1 and n = 30 it gives log s² an SD of 1.9
 * where it has 0.85, and an offset of −1.9 where it has −0.44 (ω = 1.5: 18 and −168 against 1.3
 * and −1.3), so a model could make a visit's SD uninformative by making its population
 * heavy-tailed: on real warfarin PCA a baseline SD of 6 was "explained" by a spread of 140. Here:
 * - the kurtosis counts up to 2n (cappedKurtosis);
 * - s² is moment-matched to a log-normal (matchedLogVariance), the offset half of that variance
 *   with its sign, which follows the heavy-tailed truth far more closely;
 * - both are scaled so that Gaussian data get their exact values (gaussianScale), which holds them
 *   at small n (n = 3: SD 1.28, where the delta method gives 1.0).
 * Checked against simulated cohorts in test/infer/likelihood.test.ts.
 */
export function logVarianceMoments(kurtosis: number, n: number): { variance: number; bias: number } {
  const matched = matchedLogVariance((cappedKurtosis(kurtosis, n) - (n - 3) / (n - 1)) / n);
  const g = gaussianScale(n);
  return { variance: g.variance * matched, bias: g.bias * matched };
}

/** a sample of n values shows a kurtosis of at most about n: a population's beyond 2n comes from outliers its n subjects almost never include */
const cappedKurtosis = (kurtosis: number, n: number): number => Math.min(Math.max(kurtosis, 1), 2 * n);

/** Var(log X) of a log-normal X with relative variance Var(X)/E[X]² = `relVar` */
const matchedLogVariance = (relVar: number): number => Math.log1p(Math.max(0, relVar));

/**
 * For Gaussian data (log s² of a χ²_ν/ν, ν = n − 1: variance ψ'(ν/2), mean ψ(ν/2) − log(ν/2)),
 * those two over the log-normal match log(1 + 2/ν). They depend on n alone, so they are computed
 * once per n, not for every particle and visit of every sweep.
 */
function gaussianScale(n: number): { variance: number; bias: number } {
  let g = gaussianScales.get(n);
  if (!g) {
    const nu = n - 1;
    const matched = Math.log1p(2 / nu);
    g = { variance: trigamma(nu / 2) / matched, bias: (digamma(nu / 2) - Math.log(nu / 2)) / matched };
    gaussianScales.set(n, g);
  }
  return g;
}
const gaussianScales = new Map<number, { variance: number; bias: number }>();

/**
 * In-place Cholesky of a symmetric dim×dim matrix (lower triangle); returns log det, or NaN
 * when the matrix is not positive definite.
 *
 * Below the diagonal, four rows are reduced together: each entry's dot product still runs in k
 * order (the same numbers as one row at a time), but four independent sums keep the floating-point
 * unit busy where one waits on its own last subtraction — twice as fast at a hundred visits.
 */
export function choleskyInPlace(A: Float64Array, dim: number): number {
  let logdet = 0;
  for (let j = 0; j < dim; j++) {
    const rj = j * dim;
    let d = A[rj + j]!;
    for (let k = 0; k < j; k++) d -= A[rj + k]! * A[rj + k]!;
    if (!(d > 0)) return NaN;
    const ljj = Math.sqrt(d);
    A[rj + j] = ljj;
    logdet += 2 * Math.log(ljj);
    let i = j + 1;
    for (; i + 3 < dim; i += 4) {
      const r0 = i * dim, r1 = r0 + dim, r2 = r1 + dim, r3 = r2 + dim;
      let v0 = A[r0 + j]!, v1 = A[r1 + j]!, v2 = A[r2 + j]!, v3 = A[r3 + j]!;
      for (let k = 0; k < j; k++) {
        const ljk = A[rj + k]!;
        v0 -= A[r0 + k]! * ljk;
        v1 -= A[r1 + k]! * ljk;
        v2 -= A[r2 + k]! * ljk;
        v3 -= A[r3 + k]! * ljk;
      }
      A[r0 + j] = v0 / ljj;
      A[r1 + j] = v1 / ljj;
      A[r2 + j] = v2 / ljj;
      A[r3 + j] = v3 / ljj;
    }
    for (; i < dim; i++) {
      const ri = i * dim;
      let v = A[ri + j]!;
      for (let k = 0; k < j; k++) v -= A[ri + k]! * A[rj + k]!;
      A[ri + j] = v / ljj;
    }
  }
  return logdet;
}

const LOG_2PI = Math.log(2 * Math.PI);

/** Gaussian log density of z under N(m, K) after shrinkage toward the diagonal and jitter. */
export function gaussianLogDensity(g: SeriesGaussian, shrinkage = DEFAULT_SHRINKAGE, jitter = DEFAULT_JITTER): number {
  const { dim } = g;
  if (isDiagonal(g.K, dim)) return diagonalLogDensity(g, jitter);
  const A = scratch('A', dim * dim);
  for (let i = 0; i < dim; i++) {
    for (let j = 0; j < dim; j++) A[i * dim + j] = i === j ? g.K[i * dim + j] * (1 + jitter) : (1 - shrinkage) * g.K[i * dim + j];
  }
  for (let i = 0; i < dim; i++) if (!Number.isFinite(A[i * dim + i]) || !(A[i * dim + i] > 0)) return -Infinity;
  let logdet = choleskyInPlace(A, dim);
  if (Number.isNaN(logdet)) return -Infinity;
  // forward substitution L w = z − m
  const w = scratch('w', dim);
  let q = 0;
  for (let i = 0; i < dim; i++) {
    let v = g.z[i] - g.m[i];
    for (let k = 0; k < i; k++) v -= A[i * dim + k] * w[k];
    w[i] = v / A[i * dim + i];
    q += w[i] * w[i];
  }
  if (!Number.isFinite(q)) return -Infinity;
  logdet = Number.isFinite(logdet) ? logdet : Infinity;
  return -0.5 * (q + logdet + dim * LOG_2PI);
}

/** true when every off-diagonal entry is 0: one trajectory without random effects, whose visits are independent */
function isDiagonal(K: Float64Array, dim: number): boolean {
  for (let i = 0; i < dim; i++) for (let j = 0; j < dim; j++) if (i !== j && K[i * dim + j] !== 0) return false;
  return true;
}

/**
 * The same density for a diagonal K, in O(dim) instead of a Cholesky's O(dim³): a daily outbreak
 * curve (185 visits) had spent most of a fit factorising matrices that were diagonal.
 */
function diagonalLogDensity(g: SeriesGaussian, jitter: number): number {
  let q = 0, logdet = 0;
  for (let i = 0; i < g.dim; i++) {
    const v = g.K[i * g.dim + i] * (1 + jitter);
    if (!Number.isFinite(v) || !(v > 0)) return -Infinity;
    const r = g.z[i] - g.m[i];
    q += (r * r) / v;
    logdet += Math.log(v);
  }
  if (!Number.isFinite(q)) return -Infinity;
  return -0.5 * (q + logdet + g.dim * LOG_2PI);
}

export function seriesLogLik(mb: MomentBlock, s: SeriesData, sigmaAdd: number, sigmaProp: number, opts: LikelihoodOptions): number {
  let g = seriesGaussian(mb, s, sigmaAdd, sigmaProp, opts, true);
  for (let i = 0; i < g.dim; i++) if (!Number.isFinite(g.m[i])) return -Infinity;
  let censored = 0;
  if (s.censored && s.censored.length > 0) {
    const a = sigmaAdd * sigmaAdd + s.floorVar, p = sigmaProp * sigmaProp;
    for (const c of s.censored) {
      const t = s.timeIdx[c.k];
      const mu = mb.mean[mb.meanOffset + t];
      const S = mb.cov[mb.matOffset + t * mb.T + t];
      censored += censoredLogLik(c, mu, S + a + p * (mu * mu + S));
    }
    if (!Number.isFinite(censored)) return -Infinity;
    g = withoutCensoredMeans(g, s.censored);
  }
  if (g.dim === 0) return censored;
  return censored + gaussianLogDensity(g, opts.shrinkage ?? DEFAULT_SHRINKAGE, opts.jitter ?? DEFAULT_JITTER);
}

/**
 * The Gaussian of the visits that are not wholly censored (a marginal of a Gaussian drops its
 * rows and columns). Where some subjects were below the LLOQ, their reported values were
 * substituted (0, LLOQ/2 or LLOQ): the mean's variance gets (fraction below · LLOQ/2)² for that.
 */
function withoutCensoredMeans(g: SeriesGaussian, censored: CensoredVisit[]): SeriesGaussian {
  const drop = new Set(censored.filter((c) => c.all).map((c) => c.k));
  const keep: number[] = [];
  for (let i = 0; i < g.dim; i++) if (!(i < g.nMeans && drop.has(i)) && !(i >= g.nMeans && drop.has(g.sdVisits[i - g.nMeans]))) keep.push(i);
  const dim = keep.length;
  const z = new Float64Array(dim), m = new Float64Array(dim), K = new Float64Array(dim * dim);
  keep.forEach((src, i) => {
    z[i] = g.z[src];
    m[i] = g.m[src];
    for (let j = 0; j < dim; j++) K[i * dim + j] = g.K[src * g.dim + keep[j]];
  });
  for (const c of censored) {
    if (c.all) continue;
    const i = keep.indexOf(c.k);
    if (i >= 0) K[i * dim + i] += ((c.below / c.n) * c.lloq * 0.5) ** 2;
  }
  const nMeans = keep.filter((i) => i < g.nMeans).length;
  return { dim, z, m, K, nMeans, sdVisits: keep.filter((i) => i >= g.nMeans).map((i) => g.sdVisits[i - g.nMeans]) };
}
