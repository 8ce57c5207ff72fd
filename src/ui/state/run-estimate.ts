// What a discovery run's fits will cost on this data, before it starts (issue 16): trajectories
// per likelihood sweep, memory held by a sweep and the predictive step, and the time of one full
// fit at the discovery sizes. Arithmetic on the data's shape only; the engine does the work.
import type { Dataset } from '../../data/types.ts';
import { discoveryFitSizes } from '../../discover/sizes.ts';
import { isOneSeries } from '../../discover/one-series.ts';
import { estimateFitMemory, type FitMemoryEstimate } from '../../infer/cohorts.ts';
import { discoveryFitEstimate } from '../../discover/work-check.ts';
import { formatSeconds, WORK_LIMITS } from '../../infer/work-budget.ts';

export interface RunEstimate extends FitMemoryEstimate {
  /** one full fit's wall time at these sizes (the measured work-budget model), s */
  seconds: number;
  /** the sweeps that time assumes */
  sweeps: number;
  particles: number;
  subjects: number;
  /** large enough to say so before the run: a full fit near the time budget, or a big working set */
  large: boolean;
  text: string;
}

const mb = (b: number) => `${Math.max(1, Math.round(b / 2 ** 20))} MB`;

export function estimateRun(data: Dataset, backend: 'cpu' | 'webgpu', particles: number, subjects: number, budgetSeconds: number): RunEstimate {
  const oneSeries = isOneSeries(data);
  const sizes = discoveryFitSizes(backend, oneSeries).full;
  const N = particles > 0 ? particles : sizes.particles;
  const M = subjects > 0 ? subjects : sizes.subjects;
  // one series is fitted without between-subject variability: one simulated subject per particle
  const Msim = oneSeries ? 1 : M;
  const visits = new Map<string, Set<number>>();
  for (const s of data.series) {
    const v = visits.get(s.group) ?? new Set<number>();
    s.times.forEach((t) => v.add(t));
    visits.set(s.group, v);
  }
  const nObs = Math.max(1, data.observables.length);
  // memory from the sweep's arithmetic; time from the measured work-budget cost model
  const fit = discoveryFitEstimate(data, { particles: N, subjects: M }, backend);
  const e = { ...estimateFitMemory([...visits.values()].map((v) => v.size), N, Msim, 4, nObs), seconds: fit.seconds, sweeps: fit.sweeps };
  const memory = e.sweepBytes + e.predictiveBytes;
  const large = e.seconds > 0.5 * budgetSeconds || memory > 256 * 2 ** 20 || e.groups >= 10;
  const text = `One full fit: ${e.groups} group${e.groups === 1 ? '' : 's'} × ${N} particles × ${oneSeries ? '1 simulated subject (one series: no between-subject variability)' : `${M} virtual subjects`} = ${e.trajectoriesPerSweep.toLocaleString('en')} trajectories per sweep, ` +
    `about ${formatSeconds(e.seconds)} (${e.sweeps} sweeps), working memory about ${mb(memory)}.` +
    (e.seconds > WORK_LIMITS.refuseSeconds ? ` That is more than the limit of ${formatSeconds(WORK_LIMITS.refuseSeconds)}: the run will be refused; aggregate groups (arms) or lower particles/subjects.` : e.seconds > 0.5 * budgetSeconds ? ` That is more than half the time budget (${budgetSeconds} s): raise the budget or lower particles/subjects, or fewer candidates get a full fit.` : '');
  return { ...e, particles: N, subjects: M, large, text };
}
