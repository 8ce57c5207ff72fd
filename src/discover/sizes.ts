// Fit sizes of discovery, apart from the loop so the app can estimate a run's cost without it.

/**
 * Fit sizes used by discovery (particles × virtual subjects). Screening is deliberately tiny:
 * it only has to tell promising structures from hopeless ones; the full fits of the leaders are
 * what the ranking rests on. On the CPU the full fits are smaller than a stand-alone
 * `mechanist fit` so that several candidates fit within a few minutes on 2 cores.
 */
export function discoveryFitSizes(backend: 'cpu' | 'webgpu', oneSeries = false): { screen: { particles: number; subjects: number }; full: { particles: number; subjects: number } } {
  const sizes = backend === 'webgpu'
    ? { screen: { particles: 256, subjects: 128 }, full: { particles: 1024, subjects: 256 } }
    : { screen: { particles: 64, subjects: 32 }, full: { particles: 192, subjects: 96 } };
  if (!oneSeries) return sizes;
  const more = (s: { particles: number; subjects: number }, k: number) => ({ ...s, particles: s.particles * k });
  return { screen: more(sizes.screen, ONE_SERIES_SCREEN_PARTICLES), full: more(sizes.full, ONE_SERIES_PARTICLES) };
}

/**
 * One series (every visit n = 1) is fitted without between-subject variability, so a fit simulates
 * one subject per virtual cohort instead of dozens (infer/fit.ts): the work saved buys this many
 * times the particles, and the 4–6 times as many Metropolis sweeps per tempering step such a fit
 * takes (infer/fit-policy.ts NO_BSV_MOVES). Until session 41 it was 16 times with the sweeps
 * stopped once most particles had moved: the evidence was then biased low beyond its SE whatever
 * the particles (chloride's logistic at 4 times the screening particles: −22.3, −12.3, −14.6 over
 * seeds 1–3). Well mixed, 4 times still lost the mode of a model with a slow path to it: Yap's
 * dengue SEIR, which nests the SIR (−134.3, −135.0, −133.2 at 4 times), gave −146.5 and −138.0 at
 * 4 times and −136.2 and −134.2 at 8.
 */
export const ONE_SERIES_PARTICLES = 8;
/**
 * Screening a one-series candidate takes this many times the particles: screening only tells the
 * promising from the hopeless, and a daily outbreak curve (185 visits) must still get through it.
 */
export const ONE_SERIES_SCREEN_PARTICLES = 2;

export type DiscoveryFitSizes = ReturnType<typeof discoveryFitSizes>;

/**
 * The work of a fit at `multiple` × its sizes, as a share of the work at them: one series
 * simulates one subject whatever the sizes say, so only the particles count; otherwise particles
 * and subjects scale alike and the work goes with the square.
 */
export const workOfMultiple = (multiple: number, oneSeries: boolean): number => (oneSeries ? multiple : multiple * multiple);

/** The multiple of the sizes whose work is `work` × theirs (workOfMultiple's inverse). */
export const multipleForWork = (work: number, oneSeries: boolean): number => (oneSeries ? work : Math.sqrt(work));

/** the share of discovery's time budget one full fit may take before the fit sizes are reduced */
export const FULL_FIT_BUDGET_SHARE = 0.25;
/** the smallest sizes a reduction goes to: below these a fit says little */
export const SIZE_FLOORS: DiscoveryFitSizes = { screen: { particles: 32, subjects: 16 }, full: { particles: 64, subjects: 32 } };

/**
 * Sizes that let a full fit take at most FULL_FIT_BUDGET_SHARE of the budget, given the estimated
 * seconds of one full fit at `sizes`: the full fit's particles and subjects shrink by the same
 * factor (work is proportional to their product), not below SIZE_FLOORS. Large studies on a short
 * budget then get several ranked candidates with more Monte-Carlo noise, rather than none.
 * Screening takes the same share of its work from its subjects first, down to their floor, and
 * only then from its particles: at 49 particles (64 × 0.77) a screening of nlmixr2data's oral
 * two-compartment set with saturable elimination (15 parameters) collapsed to −467 ± 29 and
 * −434 ± 10 where 64 particles × 19 or 25 subjects gave −300 to −315 in every seed, so the model
 * the data were simulated from was left out of reach on a slower machine.
 */
export function sizesWithinBudget(sizes: DiscoveryFitSizes, fullSeconds: number, budgetSeconds: number, oneSeries = false): { sizes: DiscoveryFitSizes; factor: number } {
  const factor = Math.min(1, (FULL_FIT_BUDGET_SHARE * budgetSeconds) / fullSeconds);
  if (!(factor < 1)) return { sizes, factor: 1 };
  // (one series simulates one subject whatever the size says: the whole factor is the particles')
  const pSide = multipleForWork(factor, oneSeries);
  const mSide = oneSeries ? 1 : pSide;
  const shrink = (s: { particles: number; subjects: number }, floor: { particles: number; subjects: number }) => ({
    particles: Math.max(floor.particles, Math.min(s.particles, Math.round(s.particles * pSide))),
    subjects: Math.max(floor.subjects, Math.min(s.subjects, Math.round(s.subjects * mSide))),
  });
  return { sizes: { screen: oneSeries ? shrink(sizes.screen, SIZE_FLOORS.screen) : subjectsFirst(sizes.screen, SIZE_FLOORS.screen, factor), full: shrink(sizes.full, SIZE_FLOORS.full) }, factor };
}

/** `s` at `factor` × its work, the subjects reduced first (not below the floor), then the particles (not below theirs) */
function subjectsFirst(s: { particles: number; subjects: number }, floor: { particles: number; subjects: number }, factor: number): { particles: number; subjects: number } {
  const subjects = Math.max(floor.subjects, Math.min(s.subjects, Math.round(s.subjects * factor)));
  const particles = Math.max(floor.particles, Math.min(s.particles, Math.round((s.particles * s.subjects * factor) / subjects)));
  return { particles, subjects };
}
