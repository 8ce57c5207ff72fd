// Synthetic cohorts with known truth: n real subjects with log-normal between-subject
// variability and residual error, simulated and aggregated to per-visit mean / SD / n.
// Used by the tests, the calibration study, the discovery benchmark and the example datasets.
import { indicatorGroups } from './group-covariates.ts';
import type { Dataset, Series } from '../data/types.ts';
import type { CompiledModel } from '../model/compiled.ts';
import type { EnsembleBackend } from '../simulate/types.ts';
import { createRng } from './rng.ts';
import { meanSd, okSubjects, sampleSubjects, valuesAt } from './cohort.ts';
import { solverForSynthesis } from './solver.ts';
import { firstDoseTime } from '../simulate/request.ts';

export interface CohortTruth {
  /** population medians θ_pop of every model parameter */
  theta: Record<string, number>;
  /** SD of log(parameter) between subjects (missing = 0: no variability) */
  omega: Record<string, number>;
  sigma: { additive?: number; proportional?: number };
}

export interface CohortDesign {
  times: number[];
  /** subjects per group */
  n: number;
  /** dose groups (default one group "all" with the model's default covariates) */
  groups?: { name: string; dose?: number; covariates?: Record<string, number> }[];
}

export interface SyntheticIndividual { id: string; group: string; observable: string; time: number; value: number }

export async function simulateCohort(
  model: CompiledModel,
  truth: CohortTruth,
  design: CohortDesign,
  seed: number,
  backend: EnsembleBackend,
): Promise<{ dataset: Dataset; individuals: SyntheticIndividual[] }> {
  const rng = createRng(seed);
  const nP = model.parameterNames.length, nC = model.covariateNames.length, nO = model.observableNames.length;
  for (const name of model.parameterNames) {
    if (!(truth.theta[name] > 0)) throw new Error(`simulateCohort: truth.theta.${name} must be a positive number`);
  }
  const groups = design.groups ?? [{ name: 'all' }];
  const n = design.n;
  const rows = groups.length * n;
  const params = new Float64Array(rows * nP);
  const covariates = new Float64Array(rows * nC);
  const theta = model.parameterNames.map((name) => truth.theta[name]);
  const omega = model.parameterNames.map((name) => truth.omega[name] ?? 0);
  const indicators = indicatorGroups(model);
  for (let g = 0; g < groups.length; g++) {
    sampleSubjects(rng, theta, omega, n, params, g * n);
    for (let j = 0; j < n; j++) {
      const r = g * n + j;
      covariates.set(model.covariateDefaults, r * nC);
      for (const [k, group] of indicators) covariates[r * nC + k] = group === groups[g].name ? 1 : 0;
      const dose = groups[g].dose;
      if (dose !== undefined) covariates[r * nC] = dose;
      // other covariates by name (e.g. the arm's mean body weight)
      for (const [name, v] of Object.entries(groups[g].covariates ?? {})) {
        const k = model.covariateNames.indexOf(name);
        if (k < 0) throw new Error(`simulateCohort: the model has no covariate "${name}"`);
        covariates[r * nC + k] = v;
      }
    }
  }
  const times = Float64Array.from(design.times);
  const res = await backend.simulate({ model, params, covariates, t0: Math.min(0, design.times[0], firstDoseTime(model)), times, solver: solverForSynthesis(model, backend.name) });
  const T = times.length;
  const sa = truth.sigma.additive ?? 0, sp = truth.sigma.proportional ?? 0;
  const individuals: SyntheticIndividual[] = [];
  const series: Series[] = [];
  const ok = new Set(okSubjects(res));
  for (let g = 0; g < groups.length; g++) {
    const members = Array.from({ length: n }, (_, j) => g * n + j).filter((r) => ok.has(r));
    for (let o = 0; o < nO; o++) {
      const vals: number[][] = design.times.map(() => []);
      for (const r of members) {
        for (let t = 0; t < T; t++) {
          const f = valuesAt(res, [r], o, t)[0]!;
          const y = f + Math.sqrt(sa * sa + sp * sp * f * f) * rng.normal();
          vals[t].push(y);
          individuals.push({ id: `${groups[g].name}-${r - g * n + 1}`, group: groups[g].name, observable: model.observableNames[o], time: design.times[t], value: y });
        }
      }
      const across = vals.map(meanSd);
      series.push({
        observable: model.observableNames[o], group: groups[g].name, times: design.times.slice(),
        mean: across.map((s) => s.mean), sd: across.map((s, t) => (vals[t].length > 1 ? s.sd : null)), n: vals.map((v) => v.length),
      });
    }
  }
  const dataset: Dataset = {
    name: `synthetic ${model.spec.name} (seed ${seed})`,
    ...(model.spec.timeUnit ? { timeUnit: model.spec.timeUnit } : {}),
    observables: model.observableNames.map((name) => ({ name })),
    groups: groups.map((g) => ({ name: g.name, covariates: { ...(g.dose !== undefined ? { dose: g.dose } : {}), ...g.covariates } })),
    series,
    source: { format: 'individual', rows: individuals.length, subjects: rows },
    individuals,
  };
  return { dataset, individuals };
}
