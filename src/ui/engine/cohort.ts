// Explore: simulate a virtual cohort for chosen population parameters and ω, and summarize it per
// time (median, 5–95% of subjects, mean, SD). Draws come from the engine's seeded generator.
import { groupCovariates } from '../../infer/group-covariates.ts';
import { compileSpec } from '../../model/index.ts';
import { createRng } from '../../infer/rng.ts';
import { meanSd, sampleSubjects, valuesAt } from '../../infer/cohort.ts';
import { describeWork, WORK_LIMITS } from '../../infer/work-budget.ts';
import { estimateSimulationWork } from '../../infer/work-pilot.ts';
import type { EnsembleBackend } from '../../simulate/types.ts';
import type { CohortBand, CohortRequest } from './protocol.ts';

const MAX_SUBJECTS = 5000;

function quantile(sorted: number[], q: number): number {
  if (!sorted.length) return NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

export async function simulateCohort(req: CohortRequest, backend: EnsembleBackend): Promise<CohortBand[]> {
  const model = compileSpec(req.spec);
  const n = Math.max(1, Math.min(MAX_SUBJECTS, Math.round(req.subjects)));
  const theta = model.parameterNames.map((name) => {
    const median = req.params[name];
    if (median === undefined || !(median > 0)) throw new Error(`parameter ${name} needs a positive value`);
    return median;
  });
  const omega = model.parameterNames.map((name) => req.omegas[name] ?? 0);
  const params = sampleSubjects(createRng(req.seed), theta, omega, n, new Float64Array(n * theta.length));
  const covs = groupCovariates(model, req.group ?? '', req.covariates);
  const times = new Float64Array(req.times);
  const solver = { method: 'auto', rtol: 1e-5, atol: 1e-8 } as const;
  // live exploration: a cohort that would take more than the warning limit is refused with the estimate
  const work = await estimateSimulationWork(model, { params: params.subarray(0, theta.length), covariates: covs, times, solver }, n, backend);
  if (work.minSeconds > WORK_LIMITS.warnSeconds) throw new Error(`simulating ${n} subjects of this model would take ${describeWork(work)}, more than ${WORK_LIMITS.warnSeconds} s for a live view: lower the number of subjects`);
  const res = await backend.simulate({ model, params, covariates: covs, times, solver });
  return model.observableNames.map((obs, o) => {
    // the data's label when the observable has one: the Explore plot finds the data by it
    const band: CohortBand = { observable: model.spec.observables.find((x) => x.name === obs)?.label ?? obs, times: req.times, median: [], q05: [], q95: [], mean: [], sd: [] };
    const everyone = Array.from({ length: n }, (_, i) => i);
    for (let t = 0; t < res.nTimes; t++) {
      const v = valuesAt(res, everyone, o, t).filter(Number.isFinite).sort((a, b) => a - b);
      const { mean, sd } = meanSd(v);
      band.median.push(quantile(v, 0.5));
      band.q05.push(quantile(v, 0.05));
      band.q95.push(quantile(v, 0.95));
      band.mean.push(mean);
      band.sd.push(sd);
    }
    return band;
  });
}
