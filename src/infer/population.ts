// The population model on hyperparameters φ = (log θ_pop for every parameter, log ω for the
// parameters that vary between subjects, log σ for the residual error of each fitted observable),
// the priors on φ taken from the spec, the common-random-number η draws, and the
// particles × groups × subjects parameter matrix for ONE ensemble call.
import type { CompiledModel } from '../model/compiled.ts';
import type { ParameterSpec, Prior } from '../model/spec.ts';
import type { Rng } from './rng.ts';
import { haltonNormals } from './qmc.ts';
import { DEFAULT_OMEGA_PRIOR } from '../model/omega.ts';

/** A prior on one coordinate u of φ (u = log of the natural-scale quantity). */
export type LogPrior =
  | { type: 'normal'; mean: number; sd: number }
  /** natural-scale uniform on [lower, upper]: density of u ∝ e^u on [log lower, log upper] */
  | { type: 'uniform'; lower: number; upper: number }
  /** log-uniform: u uniform on [log lower, log upper] */
  | { type: 'loguniform'; lower: number; upper: number };

export interface HyperParameter {
  /** report name: the parameter name, `omega_<p>`, `sigma_add`, `sigma_prop` (+ `_<observable>` when several) */
  name: string;
  kind: 'theta' | 'omega' | 'sigma';
  /** theta/omega: index into model.parameterNames */
  param?: number;
  /** sigma: which error component and which fitted observable (index into model.observableNames) */
  error?: 'additive' | 'proportional';
  observable?: number;
  prior: LogPrior;
}

export interface PopulationLayout {
  hyper: HyperParameter[];
  /** for each model parameter, the φ index of its log θ_pop */
  thetaIndex: number[];
  /** for each model parameter, the φ index of its log ω, or -1 if fixed between subjects */
  omegaIndex: number[];
  /** indices of varying parameters (into model.parameterNames), in η column order */
  varying: number[];
  /** per model observable: φ indices of log σ_add / log σ_prop, -1 if absent */
  sigmaAdd: number[];
  sigmaProp: number[];
}

/** Defaults when the spec is silent (documented in docs/likelihood.md). */
export const DEFAULT_PROPORTIONAL_PRIOR = { median: 0.1, gsd: 2 };
/** additive SD prior median = this fraction of the observable's data scale */
export const DEFAULT_ADDITIVE_FRACTION = 0.05;

export function logPriorFromSpec(p: Prior): LogPrior {
  if (p.type === 'lognormal') return { type: 'normal', mean: Math.log(p.median), sd: Math.log(p.gsd) };
  return { type: p.type, lower: p.lower, upper: p.upper };
}

function lognormal(median: number, gsd: number): LogPrior {
  return { type: 'normal', mean: Math.log(median), sd: Math.log(gsd) };
}

/**
 * Builds the φ layout. `observed` lists the model observable indices that have data, with a
 * data scale (largest |visit mean|) used for a default additive-error prior.
 */
export function buildLayout(model: CompiledModel, observed: { observable: number; scale: number }[]): PopulationLayout {
  const specParams = new Map<string, ParameterSpec>(model.spec.parameters.map((p) => [p.name, p]));
  const hyper: HyperParameter[] = [];
  const thetaIndex: number[] = [];
  const omegaIndex: number[] = [];
  const varying: number[] = [];
  model.parameterNames.forEach((name, i) => {
    const ps = specParams.get(name);
    if (!ps) throw new Error(`parameter "${name}" has no entry in the spec's parameters`);
    thetaIndex.push(hyper.length);
    hyper.push({ name, kind: 'theta', param: i, prior: logPriorFromSpec(ps.prior) });
  });
  model.parameterNames.forEach((name, i) => {
    const ps = specParams.get(name)!;
    if (!ps.varies) { omegaIndex.push(-1); return; }
    omegaIndex.push(hyper.length);
    varying.push(i);
    const o = ps.omega ?? DEFAULT_OMEGA_PRIOR;
    hyper.push({ name: `omega_${name}`, kind: 'omega', param: i, prior: lognormal(o.median, o.gsd) });
  });
  const errModel = model.spec.error?.model ?? 'proportional';
  const sigmaAdd = model.observableNames.map(() => -1);
  const sigmaProp = model.observableNames.map(() => -1);
  const suffix = (o: number) => (observed.length > 1 ? `_${model.observableNames[o]}` : '');
  for (const { observable, scale } of observed) {
    if (errModel === 'additive' || errModel === 'combined') {
      const a = model.spec.error?.additive;
      const median = a?.median ?? DEFAULT_ADDITIVE_FRACTION * (scale > 0 ? scale : 1);
      sigmaAdd[observable] = hyper.length;
      hyper.push({ name: `sigma_add${suffix(observable)}`, kind: 'sigma', error: 'additive', observable, prior: lognormal(median, a?.gsd ?? 3) });
    }
    if (errModel === 'proportional' || errModel === 'combined') {
      const p = model.spec.error?.proportional ?? { median: DEFAULT_PROPORTIONAL_PRIOR.median, gsd: DEFAULT_PROPORTIONAL_PRIOR.gsd };
      sigmaProp[observable] = hyper.length;
      hyper.push({ name: `sigma_prop${suffix(observable)}`, kind: 'sigma', error: 'proportional', observable, prior: lognormal(p.median, p.gsd) });
    }
  }
  return { hyper, thetaIndex, omegaIndex, varying, sigmaAdd, sigmaProp };
}

const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

export function logPriorDensity(prior: LogPrior, u: number): number {
  switch (prior.type) {
    case 'normal': {
      const z = (u - prior.mean) / prior.sd;
      return -0.5 * z * z - Math.log(prior.sd) - LOG_SQRT_2PI;
    }
    case 'uniform': {
      const x = Math.exp(u);
      return x >= prior.lower && x <= prior.upper ? u - Math.log(prior.upper - prior.lower) : -Infinity;
    }
    case 'loguniform': {
      const lo = Math.log(prior.lower), hi = Math.log(prior.upper);
      return u >= lo && u <= hi ? -Math.log(hi - lo) : -Infinity;
    }
  }
}

export function samplePrior(prior: LogPrior, rng: Rng): number {
  switch (prior.type) {
    case 'normal': return prior.mean + prior.sd * rng.normal();
    case 'uniform': return Math.log(prior.lower + (prior.upper - prior.lower) * rng.uniform());
    case 'loguniform': return Math.log(prior.lower) + (Math.log(prior.upper) - Math.log(prior.lower)) * rng.uniform();
  }
}

/** Natural-scale bounds of a prior's support on u, or null for unbounded. */
export function priorBounds(prior: LogPrior): [number, number] | null {
  return prior.type === 'normal' ? null : [Math.log(prior.lower), Math.log(prior.upper)];
}

export function logPriorJoint(layout: PopulationLayout, phi: ArrayLike<number>, offset = 0): number {
  let s = 0;
  for (let k = 0; k < layout.hyper.length; k++) s += logPriorDensity(layout.hyper[k].prior, phi[offset + k]);
  return s;
}

/**
 * Common random numbers: M standard-normal rows per data group (one column per varying
 * parameter), drawn once per fit. Default: randomly shifted Halton points (quasi-Monte Carlo);
 * 'antithetic': pseudo-random pairs ±z. Either way each column is then centred and rescaled to
 * unit sample variance: less Monte-Carlo noise in the cohort moments.
 */
export function drawEta(rng: Rng, groups: number, subjects: number, nVarying: number, kind: 'qmc' | 'antithetic' = 'qmc'): Float64Array[] {
  const out: Float64Array[] = [];
  for (let g = 0; g < groups; g++) {
    if (kind === 'qmc') { out.push(standardize(haltonNormals(rng, subjects, nVarying), subjects, nVarying)); continue; }
    const eta = new Float64Array(subjects * nVarying);
    const half = Math.floor(subjects / 2);
    for (let j = 0; j < half; j++) {
      for (let v = 0; v < nVarying; v++) {
        const z = rng.normal();
        eta[j * nVarying + v] = z;
        eta[(half + j) * nVarying + v] = -z;
      }
    }
    if (subjects % 2 === 1) for (let v = 0; v < nVarying; v++) eta[(subjects - 1) * nVarying + v] = 0;
    out.push(standardize(eta, subjects, nVarying));
  }
  return out;
}

function standardize(eta: Float64Array, rows: number, cols: number): Float64Array {
  for (let v = 0; v < cols; v++) {
    let s = 0;
    for (let j = 0; j < rows; j++) s += eta[j * cols + v];
    const m = s / rows;
    let ss = 0;
    for (let j = 0; j < rows; j++) ss += (eta[j * cols + v] - m) ** 2;
    const sd = Math.sqrt(ss / rows);
    for (let j = 0; j < rows; j++) eta[j * cols + v] = sd > 0 ? (eta[j * cols + v] - m) / sd : 0;
  }
  return eta;
}

/**
 * Parameter and covariate matrices for one ensemble call: rows ordered particle-major, then data
 * group, then virtual subject, so each consecutive block of `subjects` rows is one (particle,
 * group) — the `groupSize` of the moments request. θ_ij = exp(log θ_pop + ω η_j).
 */
export function buildEnsembleInputs(
  layout: PopulationLayout,
  phis: Float64Array,
  count: number,
  eta: Float64Array[],
  subjects: number,
  groupCovariates: Float64Array[],
): { params: Float64Array; covariates: Float64Array } {
  const nP = layout.thetaIndex.length;
  const D = layout.hyper.length;
  const G = eta.length;
  const nC = groupCovariates[0]?.length ?? 0;
  const nV = layout.varying.length;
  const rows = count * G * subjects;
  const params = new Float64Array(rows * nP);
  // groups with the same covariates (always so with one group): one row the backend broadcasts
  const first = groupCovariates[0] ?? new Float64Array(0);
  const broadcast = groupCovariates.every((g) => g.length === nC && g.every((v, i) => v === first[i]));
  const covariates = broadcast ? Float64Array.from(first) : new Float64Array(rows * nC);
  const logTheta = new Float64Array(nP);
  const typical = new Float64Array(nP);
  const omega = new Float64Array(nV);
  const varying = Int32Array.from(layout.varying);
  let r = 0;
  // this runs on the main thread for every particle × subject of every sweep: one exp per varying
  // parameter and row, the fixed ones copied from a per-particle row
  for (let p = 0; p < count; p++) {
    const base = p * D;
    for (let i = 0; i < nP; i++) {
      logTheta[i] = phis[base + layout.thetaIndex[i]];
      typical[i] = Math.exp(logTheta[i]);
    }
    for (let v = 0; v < nV; v++) omega[v] = Math.exp(phis[base + layout.omegaIndex[varying[v]]]);
    for (let g = 0; g < G; g++) {
      const e = eta[g];
      const cov = groupCovariates[g];
      for (let j = 0; j < subjects; j++, r++) {
        const row = r * nP;
        for (let i = 0; i < nP; i++) params[row + i] = typical[i];
        for (let v = 0; v < nV; v++) params[row + varying[v]] = Math.exp(logTheta[varying[v]] + omega[v] * e[j * nV + v]);
        if (!broadcast) for (let i = 0; i < nC; i++) covariates[r * nC + i] = cov[i];
      }
    }
  }
  return { params, covariates };
}

/**
 * Parameter rows of particles first … first+count−1 for ONE virtual cohort (`subjects` rows per
 * particle, η from `eta`), written into `out` (at least count × subjects × nParams long): the
 * per-call form of buildEnsembleInputs, so a sweep can be cut into calls without new arrays.
 */
export function fillCohortParams(layout: PopulationLayout, phis: Float64Array, first: number, count: number, eta: Float64Array, subjects: number, out: Float64Array): Float64Array {
  const nP = layout.thetaIndex.length;
  const D = layout.hyper.length;
  const nV = layout.varying.length;
  const varying = layout.varying;
  const logTheta = new Float64Array(nP);
  const typical = new Float64Array(nP);
  const omega = new Float64Array(nV);
  let r = 0;
  for (let p = first; p < first + count; p++) {
    const base = p * D;
    for (let i = 0; i < nP; i++) {
      logTheta[i] = phis[base + layout.thetaIndex[i]];
      typical[i] = Math.exp(logTheta[i]);
    }
    for (let v = 0; v < nV; v++) omega[v] = Math.exp(phis[base + layout.omegaIndex[varying[v]]]);
    for (let j = 0; j < subjects; j++, r++) {
      const row = r * nP;
      for (let i = 0; i < nP; i++) out[row + i] = typical[i];
      for (let v = 0; v < nV; v++) out[row + varying[v]] = Math.exp(logTheta[varying[v]] + omega[v] * eta[j * nV + v]);
    }
  }
  return out.subarray(0, r * nP);
}
