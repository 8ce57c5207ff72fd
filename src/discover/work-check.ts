// Discovery's work budget, from the data before any candidate is proposed: one full fit of a
// small candidate (2 states, the data's groups and visits, one backend call per group per sweep).
// Discovery stops at its time budget anyway; this says up front when even one fit cannot finish
// in it, and refuses data on which one fit alone would take more than WORK_LIMITS.refuseSeconds.
import type { Dataset } from '../data/types.ts';
import { assumedSteps, checkWork, describeWork, estimateWork, EXPECTED_SWEEPS, stepMicros, type WorkEstimate } from '../infer/work-budget.ts';
import type { DiscoveryOptions } from './api.ts';
import { DEFAULT_DISCOVERY } from './policy.ts';
import { isOneSeries } from './one-series.ts';
import { discoveryFitSizes, sizesWithinBudget } from './sizes.ts';

/** a small candidate's generated code, characters (pk-1cmt-oral: 714, growth-logistic: 627) */
const SMALL_MODEL_CHARS = 700;

export function discoveryFitEstimate(data: Pick<Dataset, 'groups' | 'series'>, options: Pick<DiscoveryOptions, 'particles' | 'subjects'>, backend: 'cpu' | 'webgpu'): WorkEstimate {
  // one series is fitted without between-subject variability: one simulated subject per cohort
  const oneSeries = isOneSeries(data);
  const sizes = discoveryFitSizes(backend, oneSeries).full;
  const times = new Set(data.series.flatMap((s) => s.times)).size;
  const groups = Math.max(1, data.groups.length);
  return estimateWork({
    trajectories: (options.particles ?? sizes.particles) * (oneSeries ? 1 : options.subjects ?? sizes.subjects) * groups * EXPECTED_SWEEPS,
    steps: assumedSteps(times, 1),
    stepMicros: stepMicros({ js: 'x'.repeat(SMALL_MODEL_CHARS), stiff: false, stateNames: ['a', 'b'] }, 'explicit'),
    // every data group is its own virtual cohort: one backend call per group per sweep
    calls: groups * EXPECTED_SWEEPS,
    sweeps: EXPECTED_SWEEPS,
    backend,
  });
}

/**
 * Throws WorkBudgetError when one fit is far too large even at the sizes discovery shrinks to on a
 * short budget (sizes.ts); a warning sentence when it will not fit the time budget; else null.
 */
export function discoveryWorkNote(data: Pick<Dataset, 'groups' | 'series'>, options: Pick<DiscoveryOptions, 'particles' | 'subjects' | 'budgetSeconds'>, backend: 'cpu' | 'webgpu'): string | null {
  const budget = options.budgetSeconds ?? DEFAULT_DISCOVERY.budgetSeconds;
  const usual = discoveryFitEstimate(data, options, backend);
  const chosen = options.particles !== undefined || options.subjects !== undefined;
  const e = chosen ? usual : discoveryFitEstimate(data, sizesWithinBudget(discoveryFitSizes(backend, isOneSeries(data)), usual.seconds, budget, isOneSeries(data)).sizes.full, backend);
  const reduce = 'aggregate groups (arms), or use fewer particles or virtual subjects';
  const warning = checkWork(e, 'one fit of a small candidate model on these data', reduce);
  if (e.seconds > budget / 2) return `one fit of a small candidate model on these data will take ${describeWork(e)}, against a time budget of ${budget} s: few candidates will be fitted; ${reduce}`;
  return warning;
}
