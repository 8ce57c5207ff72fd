// Discovery's work budget, from the data before any candidate is proposed: one full fit of a
// small candidate (2 states, the data's groups and visits, one backend call per group per sweep).
// Discovery stops at its time budget anyway; this says up front when even one fit cannot finish
// in it, and refuses data on which one fit alone would take more than WORK_LIMITS.refuseSeconds.
import type { Dataset } from '../data/types.ts';
import { assumedSteps, checkWork, describeWork, estimateWork, expectedSweeps, stepMicros, type WorkEstimate } from '../infer/work-budget.ts';
import type { DiscoveryOptions } from './api.ts';
import { DEFAULT_DISCOVERY } from './policy.ts';
import { isOneSeries } from './one-series.ts';
import { discoveryFitSizes, sizesWithinBudget, type DiscoveryFitSizes } from './sizes.ts';

/** a small candidate's generated code, characters (pk-1cmt-oral: 714, growth-logistic: 627) */
const SMALL_MODEL_CHARS = 700;

export function discoveryFitEstimate(data: Pick<Dataset, 'groups' | 'series'>, options: Pick<DiscoveryOptions, 'particles' | 'subjects'>, backend: 'cpu' | 'webgpu'): WorkEstimate {
  // one series is fitted without between-subject variability: one simulated subject per cohort
  const oneSeries = isOneSeries(data);
  const sizes = discoveryFitSizes(backend, oneSeries).full;
  const times = new Set(data.series.flatMap((s) => s.times)).size;
  const groups = Math.max(1, data.groups.length);
  const simulated = oneSeries ? 1 : options.subjects ?? sizes.subjects;
  // (a fit without random effects sweeps many more times: infer/fit-policy.ts NO_BSV_MOVES)
  const sweeps = expectedSweeps(simulated);
  return estimateWork({
    trajectories: (options.particles ?? sizes.particles) * simulated * groups * sweeps,
    steps: assumedSteps(times, 1),
    stepMicros: stepMicros({ js: 'x'.repeat(SMALL_MODEL_CHARS), stiff: false, stateNames: ['a', 'b'] }, 'explicit'),
    // every data group is its own virtual cohort: one backend call per group per sweep
    calls: groups * sweeps,
    sweeps,
    backend,
  });
}

/**
 * The sizes a run starts with (`sizes`, discovery's by default), reduced where the up-front estimate
 * says one fit would take more than sizes.ts FULL_FIT_BUDGET_SHARE of the budget. For one series the
 * estimate judged is a screening fit's, not a full fit's: each full fit there is sized from its
 * candidate's measured screening anyway (promote.ts plannedFullFit), and fewer screening particles
 * lose modes (a weekly outbreak's SEIR) — so a one-series table shrinks only when its screenings
 * alone would not fit the budget.
 */
export function startingSizes(data: Pick<Dataset, 'groups' | 'series'>, options: Pick<DiscoveryOptions, 'particles' | 'subjects'>, backend: 'cpu' | 'webgpu', budgetSeconds: number, sizes?: DiscoveryFitSizes): { sizes: DiscoveryFitSizes; factor: number } {
  const oneSeries = isOneSeries(data);
  const usual = sizes ?? discoveryFitSizes(backend, oneSeries);
  const full = discoveryFitEstimate(data, options, backend).seconds;
  const judged = oneSeries ? (full * usual.screen.particles) / (options.particles ?? usual.full.particles) : full;
  return sizesWithinBudget(usual, judged, budgetSeconds, oneSeries);
}

/**
 * Throws WorkBudgetError when one fit is far too large even at the sizes discovery shrinks to on a
 * short budget (sizes.ts); a warning sentence when it will not fit the time budget; else null.
 */
export function discoveryWorkNote(data: Pick<Dataset, 'groups' | 'series'>, options: Pick<DiscoveryOptions, 'particles' | 'subjects' | 'budgetSeconds'>, backend: 'cpu' | 'webgpu'): string | null {
  const budget = options.budgetSeconds ?? DEFAULT_DISCOVERY.budgetSeconds;
  const usual = discoveryFitEstimate(data, options, backend);
  const chosen = options.particles !== undefined || options.subjects !== undefined;
  const e = chosen ? usual : discoveryFitEstimate(data, startingSizes(data, options, backend, budget).sizes.full, backend);
  const reduce = 'aggregate groups (arms), or use fewer particles or virtual subjects';
  const warning = checkWork(e, 'one fit of a small candidate model on these data', reduce);
  if (e.seconds > budget / 2) return `one fit of a small candidate model on these data will take ${describeWork(e)}, against a time budget of ${budget} s: few candidates will be fitted; ${reduce}`;
  return warning;
}
