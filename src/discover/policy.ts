// How a discovery run spends its time budget, in one named object (docs/discovery.md). The
// loop's steps (steps/) read every threshold from here; tests may override the per-round counts
// through DiscoveryDeps. The presets of a run (rounds, budget, seed) are here too.
import type { DiscoveryOptions } from './api.ts';

/** Defaults of a full run (CLI): about four minutes at most on a 2-core CPU. */
export const DEFAULT_DISCOVERY = { rounds: 3, budgetSeconds: 240, seed: 1 } as const;

/** Quick preset for the app: ranked models within about a minute on a laptop CPU. */
export const QUICK_DISCOVERY: DiscoveryOptions = { rounds: 2, budgetSeconds: 50, seed: 1, particles: 128, subjects: 64 };

export const DISCOVERY_POLICY = {
  /** candidates asked of the proposer in round 1, and in later rounds */
  perRound: [6, 4] as [number, number],
  /** screened candidates promoted to a full fit per round */
  fullPerRound: 2,
  /** share of the budget the rounds may use; the rest is left for ranking and the report */
  budgetShare: 0.95,
  /** a screening fit may not eat the budget of the others: it is stopped after */
  screenCap: {
    /** this multiple of the typical (median) screening time so far, */
    typicalMultiple: 3,
    /** but never before this share of the budget; */
    minBudgetShare: 0.05,
    /** before any screening was timed, this share of the budget */
    firstBudgetShare: 0.25,
  },
  /**
   * once this many candidates are screened, a screening that would leave less than this multiple of
   * the estimated full fits of the candidates within settle's reach not yet fully fitted (the
   * leader's among them) before the deadline is not started. A candidate a later round proposed
   * from the leaders' diagnosis needs the reserve only at settle's smallest share of the usual
   * work (settle.minWorkShare): nlmixr2data's oral two-compartment set with
   * saturable elimination on a slow machine kept about 110 s for two candidates 17 and 25 units behind,
   * so round 2's saturable mutation — the model the data were simulated from — was never screened
   */
  screenReserve: { minScreened: 3, fullFitMultiple: 1.5 },
  /** a candidate is fully fitted only if its screening log-evidence is within this of the best */
  fullFitWindow: 10,
  /**
   * one series (lost-modes.ts): a fit more than `gap` below a smaller member of its own family
   * (which it contains, or nearly: SEIR → SIR as the latent stage shortens) has lost its mode, not
   * shown the model does not fit — a screening out of settle's reach is run again with other
   * seeds up to `rescreens` times, a full fit once (Zika on Yap: the SEIR's screening came out
   * −62.2, −94.0, −61.6 with seeds 1–3 against the SIR's −62.8; at −94.0 it never got the full fit
   * that puts it beside the SIR)
   */
  lostMode: { gap: 10, rescreens: 2 },
  /**
   * a full fit estimated to take more than this share of the time left waits until the cheaper
   * ones are done (promote defers it to settle, settle fits it last): nlmixr2data's Oral_1CPT at
   * steady state, where linear + saturable elimination's stiff fit ran from 36 s to the deadline
   * and the one-compartment model the data were simulated from never got its full fit
   */
  expensiveShare: 0.4,
  /**
   * full-fit time / screening time assumed before any full fit was timed, per unit of their work
   * ratio (particles × subjects): 8 at the CPU's usual 192×96 vs 64×32 (ratio 9), so ≈ 3.6 when a
   * short budget shrinks them to 64×32 vs 32×16 (measured 3.75 on remifentanil)
   */
  fullToScreenPerWork: 8 / 9,
  /**
   * the same for one series, per unit of the particles' ratio (one subject is simulated): screening
   * and full fits sweep by the same rule (infer/fit-policy.ts NO_BSV_MOVES), so the time goes with
   * the particles — measured 0.5–1.0 on the long one-series tables (Yap's dengue SEIR 0.87,
   * Gause's paramecium competition 1.04, pinene's pathways 0.75–0.82). It was 2.4 while screening
   * swept less than full fits; kept at 2.4 it sized Yap's dengue SEIR full fit at half its
   * particles, where the fit lost the mode (−215.7 against −146.5 at the usual 768).
   */
  fullToScreenPerWorkOneSeries: 1,
  /**
   * after the rounds, budget left fully fits screened candidates within this many combined SEs of
   * the best screening evidence, or within `window` when wider: screening fits at small sizes
   * underrate candidates by amounts that differ between candidates by far more than their SEs say
   * (real warfarin, PCA and concentration: full minus screening 25–62 units, PCA alone 8–22, where
   * the screening SEs were 1–20), so a candidate 11 units behind on screening led once fully fitted
   */
  settle: {
    seMultiple: 2, window: 30,
    /**
     * budget still left after those and the leaders' extensions, the simpler members of the leading
     * family screened within this of the best screening evidence get their full fits (nlmixr2data's
     * Oral_2CPT: the two-compartment truth screened 70 units below the three-compartment leader and
     * led by 6 once fully fitted; the one-compartment models, 128 below, stayed 190 below)
     */
    simplerWindow: 100,
    /**
     * when the full fits within reach do not all fit in the time left at the usual sizes, they run
     * at one smaller share of them, planned to end within `timeShare` of the time left, and not
     * below `minWorkShare` of the usual work: compared like with like, not the first at the usual
     * sizes and the rest on screening alone (remifentanil on a 2-core machine 2.5 times slower than
     * the one the defaults were tuned on: the two-compartment leader's full fit took 56 of the 101 s
     * left and the three-compartment model, first whenever it is fully fitted, kept its screening)
     */
    timeShare: 0.6,
    minWorkShare: 0.4,
  },
  /** a later round converges unless the best log-evidence rises by more than this */
  minImprovement: 1,
  /** refinement: re-fit the close leaders with more particles and subjects */
  refine: {
    /** leaders within this many log-evidence units of the best are refined together, */
    band: 3,
    /** or within this many combined standard errors when that is wider */
    seMultiple: 3,
    /** at most this many leaders */
    maxModels: 3,
    /** particles and subjects are each multiplied by this (so a refit costs its square in time; on one series only the particles count, so the multiple), */
    sizeMultiple: 2,
    /** or by less when the budget left is short, but not by less than this (a smaller refit changes little) */
    minSizeMultiple: 1.4,
    /**
     * the refits are planned to end within this share of the time left: all or none, so an overrun
     * wastes every refit (real Theoph: refits planned at 95.3 of 95.5 s left, the last stopped at
     * the deadline, 95 s for nothing)
     */
    timeShare: 0.8,
  },
} as const;

type Widened<T> = T extends readonly [number, number] ? [number, number] : T extends number ? number : { readonly [K in keyof T]: Widened<T[K]> };
/** the shape of DISCOVERY_POLICY with plain numbers, so that a run (or a test) can use other values */
export type DiscoveryPolicy = Widened<typeof DISCOVERY_POLICY>;
