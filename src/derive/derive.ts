// Derived quantities of a fitted model from its posterior: for each posterior draw of the
// typical (population) parameters, simulate the primary observable on a fine grid in each group
// and read off the quantities of its family (PK, response, outbreak, growth, decline); their
// posterior median and 5–95% interval are the estimate. The cohort range is the 5–95% range of
// the same quantities over simulated subjects (between-subject variability at the posterior
// median). For PK, an NCA of the observed mean curve is put next to the model's values.
import type { CompiledModel } from '../model/compiled.ts';
import { instantiateJs } from '../model/index.ts';
import type { EnsembleBackend, SolverOptions } from '../simulate/types.ts';
import { familyOf, type Family } from './family.ts';
import { unitsPerYear } from '../data/time-units.ts';
import { buildGrid, type DeriveGrid } from './grid.ts';
import { formationQuantities } from './formation.ts';
import { dispositionNames, halfLivesOf } from './half-lives.ts';
import { nca } from './nca.ts';
import { curveQuantities, type CurveContext, type Regimen } from './quantities.ts';
import { sentenceFor } from './sentences.ts';
import type { DerivedQuantities, DerivedQuantity } from './types.ts';

export interface DeriveArgs {
  model: CompiledModel;
  backend: EnsembleBackend;
  /** draws × nParams, row-major: typical (population) parameter values, one row per posterior draw */
  typical: Float64Array;
  /** subjects × nParams: individual parameter values of simulated subjects (for the cohort range); may be empty */
  individuals: Float64Array;
  groups: { name: string; covariates: Float64Array }[];
  /** where the quantities are read from (the study's clock: its first dose) */
  t0: number;
  /** where the simulation starts, ≤ t0 (a steady-state lead-in's first dose); default t0 */
  simStart?: number;
  /** last observation time */
  tEnd: number;
  /** index of the model observable to summarise */
  observable: number;
  /** unit of that observable */
  unit?: string;
  /** observed mean curve per group (same observable), for the NCA cross-check */
  observed?: { group: string; times: number[]; mean: number[] }[];
  /** also the quantities read from the parameters (half-lives, R0); default true */
  parameterQuantities?: boolean;
  signal?: AbortSignal;
}

/** quantile (type 7) of the finite-or-infinite values, NaNs dropped */
function quantile(values: number[], q: number): number {
  const s = values.filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const h = (s.length - 1) * q, lo = Math.floor(h), hi = Math.min(s.length - 1, lo + 1);
  if (h === lo) return s[lo]!;
  return s[lo]! + (h - lo) * (s[hi]! - s[lo]!);
}

/** the repeated regimen, its first dose the first at or after t0 (a steady-state lead-in lies before) */
function regimenOf(model: CompiledModel, t0: number): Regimen | undefined {
  for (const d of model.spec.doses ?? []) {
    if ((d.count ?? 1) > 1 && d.every) {
      const start = d.type === 'bolus' ? d.time : d.start;
      const last = start + (d.count! - 1) * d.every;
      if (start >= t0) return { first: start, last, tau: d.every };
      return { first: Math.min(last, start + Math.ceil((t0 - start) / d.every - 1e-9) * d.every), last, tau: d.every, atSteadyState: true };
    }
  }
  return undefined;
}

/** when each administration starts (a bolus, an infusion's start) */
function administrationTimes(model: CompiledModel): number[] {
  return model.doses.flatMap((d) => (d.kind === 'bolus' ? d.times : d.intervals.map(([a]) => a)));
}

function doseBreaks(model: CompiledModel): number[] {
  const out: number[] = [];
  for (const d of model.doses) {
    if (d.kind === 'bolus') out.push(...d.times);
    else for (const [a, b] of d.intervals) out.push(a, b);
  }
  return out;
}

function solver(backend: EnsembleBackend, model: CompiledModel): SolverOptions {
  const method = model.stiff ? 'rosenbrock' : 'auto';
  return backend.name === 'cpu' ? { method, rtol: 1e-9, atol: 1e-12, maxSteps: 200000 } : { method, rtol: 1e-6, atol: 1e-9, maxSteps: 50000 };
}

const TIME_QUANTITIES = /^(t_|Tmax|doubling_time|DT50_)/;

function unitOf(name: string, obsUnit: string | undefined, timeUnit: string | undefined): string | undefined {
  if (TIME_QUANTITIES.test(name)) return timeUnit;
  if (name.startsWith('AUC')) return obsUnit && timeUnit ? `${obsUnit}·${timeUnit}` : undefined;
  if (name === 'accumulation' || name === 'R0' || name === 'max_effect_pct' || name.startsWith('ff_')) return undefined;
  if (name === 'change_per_year') return obsUnit ? `${obsUnit}/year` : undefined;
  return obsUnit;
}

export async function deriveQuantities(args: DeriveArgs): Promise<DerivedQuantities> {
  const { model, backend, groups } = args;
  const nP = model.parameterNames.length, nC = model.covariateNames.length, nS = model.stateNames.length;
  const K = args.typical.length / nP, S = args.individuals.length / nP, G = groups.length;
  if (K < 1 || G < 1 || !(args.tEnd > args.t0)) return {};
  const fns = instantiateJs(model);
  const regimen = regimenOf(model, args.t0);
  const breaks = doseBreaks(model);
  const hasDoses = model.doses.length > 0;
  // several administrations at or after t0 that form no regular regimen (a cohort's mean of each
  // subject's doses): Cmax, Tmax and AUC describe the whole schedule, and the sentences say so
  const severalDoses = !regimen && new Set(administrationTimes(model).filter((t) => t >= args.t0)).size > 1;
  const span = args.tEnd - args.t0;
  const timeUnit = model.spec.timeUnit;

  const J = new Float64Array(nS * nS), y0 = new Float64Array(nS);
  // the typical curve at the coordinate-wise posterior median decides the family
  const medianRow = new Float64Array(nP);
  for (let i = 0; i < nP; i++) medianRow[i] = quantile(Array.from({ length: K }, (_, k) => args.typical[k * nP + i]!), 0.5);
  // groups with the same covariates have the same curves: each distinct covariate row is
  // simulated once (on multi-arm studies without covariates, one row instead of G)
  const { rows: distinct, of: distinctOf } = distinctRows(groups.map((g) => g.covariates));
  const U = distinct.length;
  const simulate = async (grid: DeriveGrid, params: Float64Array, rowsPerGroup: number) => {
    const rows = rowsPerGroup * U;
    const all = new Float64Array(rows * nP), cov = new Float64Array(rows * nC);
    for (let u = 0; u < U; u++) for (let r = 0; r < rowsPerGroup; r++) {
      all.set(params.subarray(r * nP, r * nP + nP), (u * rowsPerGroup + r) * nP);
      cov.set(distinct[u]!, (u * rowsPerGroup + r) * nC);
    }
    const res = await backend.simulate({ model, params: all, covariates: cov, t0: args.simStart ?? args.t0, times: grid.times, solver: solver(backend, model), save: 'observables' }, args.signal);
    const T = grid.times.length;
    return (g: number, r: number): Float64Array => {
      const out = new Float64Array(T);
      const row = distinctOf[g]! * rowsPerGroup + r;
      for (let k = 0; k < T; k++) out[k] = res.outputs[(row * T + k) * res.nOut + args.observable]!;
      return out;
    };
  };
  let horizon = Math.max(args.t0 + 3 * span, regimen ? regimen.last + regimen.tau : -Infinity);
  let grid = buildGrid(args.t0, horizon, [...breaks, args.tEnd, ...(regimen ? [regimen.last + regimen.tau] : [])]);
  const pilot = (await simulate(grid, medianRow, 1))(0, 0);
  if (!pilot.every(Number.isFinite)) return {};
  const preDose = new Float64Array(model.observableNames.length);
  fns.init(medianRow, groups[0]!.covariates, y0);
  fns.observe(args.t0, y0, medianRow, groups[0]!.covariates, preDose);
  const family: Family = familyOf(hasDoses, pilot, preDose[args.observable]);
  if (family === 'growth') {
    horizon = args.t0 + 20 * span;
    grid = buildGrid(args.t0, horizon, [...breaks, args.tEnd]);
  }
  let direction: 1 | -1 | undefined;
  if (family === 'response') {
    const b = pilot[0]!;
    direction = Math.min(...pilot) - b < -(Math.max(...pilot) - b) ? -1 : 1;
  }
  const perYear = unitsPerYear(timeUnit);
  const ctx: CurveContext = { family, t0: args.t0, tEnd: args.tEnd, horizon, ...(regimen && family === 'pk' ? { regimen } : {}), ...(direction ? { direction } : {}), ...(perYear && span / perYear >= 1 / 12 ? { perYear } : {}) };

  // half-lives (linear models with doses) and R0 (SIR-type parameters) from each parameter row
  const linear = hasDoses && model.linearTimeInvariant;
  const dosed = [...new Set(model.doses.map((d) => d.state))];
  // observables that are one state each: the substances of a degradation pathway (formation.ts)
  // (named by the data's label where it is a short word: "parent", not the identifier "parent_2" a clash with a state gave it)
  const substances = model.spec.observables.flatMap((o) => {
    const i = model.stateNames.indexOf(o.expression.trim());
    return i >= 0 ? [{ state: i, name: o.label !== undefined && /^[^\s[\]]{1,32}$/.test(o.label) ? o.label : o.name }] : [];
  });
  const iBeta = model.parameterNames.indexOf('beta'), iGamma = model.parameterNames.indexOf('gamma'), iS = model.stateNames.indexOf('S');
  const paramQuantities = (p: Float64Array, c: Float64Array): Record<string, number> => {
    const q: Record<string, number> = {};
    if (args.parameterQuantities === false) return q;
    if (linear) {
      y0.fill(0);
      fns.jac(args.t0, y0, p, c, J);
      const hl = halfLivesOf(J, nS, dosed);
      if (hl) {
        if (hl.absorption.length === 1) q.t_half_abs = hl.absorption[0]!;
        dispositionNames(hl.disposition.length).forEach((n, k) => { q[n] = hl.disposition[k]!; });
      }
    }
    if (!hasDoses && model.linearTimeInvariant && substances.length >= 2) {
      y0.fill(0);
      fns.jac(args.t0, y0, p, c, J);
      Object.assign(q, formationQuantities(J, nS, substances));
    }
    if (family === 'outbreak' && iBeta >= 0 && iGamma >= 0 && iS >= 0) {
      fns.init(p, c, y0);
      q.R0 = (p[iBeta]! * y0[iS]!) / p[iGamma]!;
    }
    return q;
  };

  const curveOf = await simulate(grid, args.typical, K);
  const cohortOf = S > 0 ? await simulate(grid, args.individuals, S) : undefined;
  const out: DerivedQuantities = {};
  const perGroup: { group: string; values: Record<string, number[]>; cohort: Record<string, number[]> }[] = [];
  // quantities depend on a group only through its covariates: the first group of each distinct
  // row computes them, the others share them
  const firstOf = new Map<number, number>();
  for (let g = 0; g < G; g++) {
    const same = firstOf.get(distinctOf[g]!);
    if (same !== undefined) {
      perGroup.push({ ...perGroup[same]!, group: groups[g]!.name });
      continue;
    }
    firstOf.set(distinctOf[g]!, g);
    const values: Record<string, number[]> = {}, cohort: Record<string, number[]> = {};
    const c = groups[g]!.covariates;
    const add = (into: Record<string, number[]>, q: Record<string, number>) => { for (const [k, v] of Object.entries(q)) (into[k] ??= []).push(v); };
    for (let k = 0; k < K; k++) {
      const y = curveOf(g, k);
      if (!y.every(Number.isFinite)) continue;
      const p = args.typical.subarray(k * nP, k * nP + nP);
      add(values, { ...paramQuantities(p, c), ...curveQuantities(grid, y, ctx) });
    }
    if (cohortOf) for (let s = 0; s < S; s++) {
      const y = cohortOf(g, s);
      if (!y.every(Number.isFinite)) continue;
      const p = args.individuals.subarray(s * nP, s * nP + nP);
      add(cohort, { ...paramQuantities(p, c), ...curveQuantities(grid, y, ctx) });
    }
    perGroup.push({ group: groups[g]!.name, values, cohort });
  }

  // one entry per quantity; a group suffix only where the groups differ
  const names = [...new Set(perGroup.flatMap((pg) => Object.keys(pg.values)))];
  const summarise = (vals: number[], coh: number[] | undefined): Omit<DerivedQuantity, 'sentence'> | null => {
    const median = quantile(vals, 0.5), q05 = quantile(vals, 0.05), q95 = quantile(vals, 0.95);
    if (![median, q05, q95].every(Number.isFinite)) return null;
    const c05 = coh ? quantile(coh, 0.05) : NaN, c95 = coh ? quantile(coh, 0.95) : NaN;
    return { median, q05, q95, ...(Number.isFinite(c05) && Number.isFinite(c95) ? { cohort: { q05: c05, q95: c95 } } : {}) };
  };
  const ncaByGroup = new Map<string, ReturnType<typeof nca>>();
  if (family === 'pk' && !regimen) for (const o of args.observed ?? []) {
    try {
      // extravascular dosing (into a state fed by no other state): the curve starts at 0
      fns.jac(args.t0, y0.fill(0), medianRow, groups[0]!.covariates, J);
      const absorbing = dosed.some((i) => model.stateNames.every((_, j) => j === i || J[i * nS + j] === 0) && model.stateNames.some((_, k) => k !== i && J[k * nS + i] !== 0));
      const ts = [...o.times], cs = [...o.mean];
      if (ts[0]! > args.t0 && absorbing) { ts.unshift(args.t0); cs.unshift(0); }
      ncaByGroup.set(o.group, nca(ts, cs));
    } catch { /* too few points: no cross-check */ }
  }
  const ncaValue = (name: string, group: string): number | undefined => {
    const r = ncaByGroup.get(group);
    if (!r) return undefined;
    const terminal = names.filter((n) => /^t_half_(elim|alpha|beta|gamma|delta)$/.test(n)).sort().pop();
    const v = name === 'Cmax' ? r.Cmax : name === 'Tmax' ? r.Tmax - args.t0 : name === 'AUC_last' ? r.AUC_last : name === 'AUC_inf' ? r.AUC_inf
      : name === (terminal ?? 't_half') ? r.t_half : undefined;
    return v !== undefined && Number.isFinite(v) ? v : undefined;
  };
  for (const name of names) {
    const sums = perGroup.map((pg) => summarise(pg.values[name] ?? [], pg.cohort[name]));
    const same = sums.every((s) => s && sums[0] && s.median === sums[0].median && s.q05 === sums[0].q05 && s.q95 === sums[0].q95);
    const unit = unitOf(name, args.unit, timeUnit);
    const entries = same && G > 1 ? [{ key: name, s: sums[0], group: perGroup[0]!.group, suffix: false }] : perGroup.map((pg, g) => ({ key: G > 1 ? `${name}[${pg.group}]` : name, s: sums[g], group: pg.group, suffix: G > 1 }));
    for (const e of entries) {
      if (!e.s) continue;
      const v = ncaValue(name, e.group);
      out[e.key] = {
        ...e.s,
        ...(v !== undefined && !(same && G > 1) ? { nca: v } : {}),
        ...(unit ? { unit } : {}),
        sentence: sentenceFor({ name, ...e.s, ...(unit ? { unit } : {}), ...(e.suffix ? { group: e.group } : {}), ...(severalDoses && family === 'pk' ? { severalDoses } : {}) }),
      };
    }
  }
  return out;
}

/** The distinct rows (compared value by value) and, for each input row, the index of its distinct row. */
function distinctRows(rows: Float64Array[]): { rows: Float64Array[]; of: Int32Array } {
  const out: Float64Array[] = [];
  const of = new Int32Array(rows.length);
  rows.forEach((row, i) => {
    let u = out.findIndex((d) => d.length === row.length && d.every((v, k) => Object.is(v, row[k])));
    if (u < 0) u = out.push(row) - 1;
    of[i] = u;
  });
  return { rows: out, of };
}
