// Derived quantities (src/derive) of a fitted model from its posterior: the typical parameters of
// posterior draws give the estimate and its credible interval; simulated subjects at the
// posterior-median hyperparameters give the cohort's 5–95% range; the observed mean curves of
// the primary observable are the NCA cross-check.
import type { CompiledModel } from '../model/compiled.ts';
import type { EnsembleBackend } from '../simulate/types.ts';
import { deriveQuantities, type DerivedQuantities } from '../derive/index.ts';
import type { FitPlan } from './plan.ts';
import { buildEnsembleInputs, drawEta, type PopulationLayout } from './population.ts';
import { quantileSorted } from './results.ts';
import type { Rng } from './rng.ts';

export async function posteriorDerived(args: {
  model: CompiledModel;
  plan: FitPlan;
  layout: PopulationLayout;
  /** posterior draws of the hyperparameters (count × D, log scale) */
  phis: Float64Array;
  count: number;
  /** simulated subjects for the cohort range */
  subjects: number;
  rng: Rng;
  backend: EnsembleBackend;
  /** one-compartment oral models: parameter indices of ka, CL, V — draws with ka < k = CL/V are mirrored to the ka > k mode (same curve) */
  flipFlop?: { ka: number; CL: number; V: number };
  signal?: AbortSignal;
}): Promise<DerivedQuantities> {
  const { model, plan, layout, phis, count, backend } = args;
  const D = layout.hyper.length, nP = layout.thetaIndex.length;
  if (plan.series.length === 0 || count < 1) return {};
  const typical = new Float64Array(count * nP);
  for (let k = 0; k < count; k++) for (let i = 0; i < nP; i++) typical[k * nP + i] = Math.exp(phis[k * D + layout.thetaIndex[i]!]!);
  // subjects at the posterior median of each hyperparameter
  const median = new Float64Array(D);
  for (let j = 0; j < D; j++) {
    const col = Float64Array.from({ length: count }, (_, k) => phis[k * D + j]!).sort();
    median[j] = quantileSorted(col, 0.5);
  }
  const eta = drawEta(args.rng, 1, args.subjects, layout.varying.length);
  const first = plan.groups[0]!.covariates;
  const { params: individuals } = buildEnsembleInputs(layout, median, 1, eta, args.subjects, [first]);
  if (args.flipFlop) { mirrorFlipFlop(typical, nP, args.flipFlop); mirrorFlipFlop(individuals, nP, args.flipFlop); }
  // each observed observable in turn; the first one's quantities carry plain names, the others'
  // are prefixed with the observable ("R.t_nadir"); half-lives and R0 are listed once
  const out: DerivedQuantities = {};
  const observables = [...new Set(plan.series.map((s) => s.observable))];
  for (const [n, o] of observables.entries()) {
    const obsName = model.observableNames[o]!;
    const series = plan.series.filter((s) => s.observable === o);
    const unit = series[0]!.source.unit ?? model.spec.observables.find((x) => x.name === obsName)?.unit;
    // groups dosed on different schedules are simulated by their own models: one call per schedule
    const schedules = [...new Set(plan.groups.map((g) => g.model))];
    const parts: DerivedQuantities[] = [];
    for (const m of schedules) {
      const groups = plan.groups.filter((g) => g.model === m);
      parts.push(await deriveQuantities({
        model: m, backend, typical, individuals,
        groups: groups.map((g) => ({ name: g.name, covariates: g.covariates })),
        // the quantities from the study's clock on; a steady-state lead-in is simulated before it
        t0: plan.origin,
        simStart: plan.t0,
        tEnd: Math.max(...series.map((s) => s.source.times.at(-1) ?? plan.origin)),
        observable: o,
        ...(unit ? { unit } : {}),
        observed: series.filter((s) => plan.groups[s.group]!.model === m).map((s) => ({ group: plan.groups[s.group]!.name, times: s.source.times, mean: s.source.mean })),
        parameterQuantities: n === 0,
        ...(args.signal ? { signal: args.signal } : {}),
      }));
    }
    const d = mergeSchedules(parts, schedules.map((m) => plan.groups.filter((g) => g.model === m).map((g) => g.name)));
    for (const [k, v] of Object.entries(d)) out[n === 0 ? k : `${obsName}.${k}`] = v;
  }
  return out;
}

/**
 * The quantities of groups on different schedules, one part per schedule: a quantity that is the
 * same in every part keeps its plain name; one that differs gets its part's groups as a suffix
 * ("Cmax[q12h]"), as deriveQuantities names quantities that differ between groups.
 */
export function mergeSchedules(parts: DerivedQuantities[], groupsOf: string[][]): DerivedQuantities {
  if (parts.length === 1) return parts[0]!;
  const out: DerivedQuantities = {};
  const names = [...new Set(parts.flatMap((p) => Object.keys(p)))];
  for (const name of names) {
    const here = parts.map((p) => p[name]);
    const first = here.find((q) => q !== undefined)!;
    // already one group's quantity ("Cmax[a]"), or the same whatever the schedule (a half-life)
    const same = here.every((q) => q && q.median === first.median && q.q05 === first.q05 && q.q95 === first.q95);
    if (name.includes('[') || same) { out[name] = first; continue; }
    here.forEach((q, i) => { if (q) out[`${name}[${groupsOf[i]!.join(', ')}]`] = q; });
  }
  return out;
}

/**
 * The flip-flop mirror of one-compartment oral rows with ka < k = CL/V: ka' = k, V' = V·k/ka, CL
 * unchanged — the same concentration curve with absorption the faster process (the mode the fit
 * report presents).
 */
export function mirrorFlipFlop(rows: Float64Array, nP: number, idx: { ka: number; CL: number; V: number }): void {
  for (let r = 0; r < rows.length / nP; r++) {
    const o = r * nP, ka = rows[o + idx.ka]!, CL = rows[o + idx.CL]!, V = rows[o + idx.V]!;
    const k = CL / V;
    if (ka < k) { rows[o + idx.ka] = k; rows[o + idx.V] = (V * k) / ka; }
  }
}
