// How much work a fit spends where, in one named object (docs/likelihood.md, "Defaults and cost"
// and "Results and diagnostics"). A full fit and a screening fit (discovery's quick first look)
// differ only in these numbers.

export interface FitEffort {
  /** SMC particles when not given, per backend: the CPU simulates each particle on its cores */
  particles: { cpu: number; webgpu: number };
  /** virtual subjects per data group when not given */
  subjects: number;
  /** Metropolis sweeps per tempering step (undefined: the SMC defaults, 2–8 until 80% moved) */
  moves?: { minMoves: number; maxMoves: number; moveTarget: number };
  /** Monte-Carlo noise of the log-likelihood: posterior particles re-evaluated with fresh η sets */
  noiseCheck: { particles: number; redraws: number };
  /** posterior predictive: particles, fresh subjects per particle (at most the fit's M), replicate cohorts per particle */
  predictive: { particles: number; subjects: number; replicates: number };
}

export const FIT_POLICY: { full: FitEffort; screening: FitEffort; seed: number } = {
  full: {
    particles: { cpu: 256, webgpu: 2048 },
    subjects: 256,
    noiseCheck: { particles: 32, redraws: 3 },
    predictive: { particles: 100, subjects: 128, replicates: 4 },
  },
  screening: {
    particles: { cpu: 128, webgpu: 512 },
    subjects: 128,
    moves: { minMoves: 1, maxMoves: 4, moveTarget: 0.6 },
    noiseCheck: { particles: 32, redraws: 2 },
    predictive: { particles: 40, subjects: 128, replicates: 4 },
  },
  /** the seed when none is given */
  seed: 1,
};

/**
 * ESS fraction kept at each tempering step when no parameter varies between subjects (the SMC's
 * default is 0.5). The likelihood is then deterministic and each particle simulates one
 * trajectory, so finer steps are cheap; and a one-trajectory likelihood is sharp, where coarse steps
 * leave the log-evidence biased low and noisy far beyond its reported SE (MASS wtloss, von
 * Bertalanffy, 768 particles, seeds 1–3: −99.0, −98.6, −103.7 at 0.5; −92.8, −91.4, −91.2 at 0.8).
 */
export const NO_BSV_ESS_TARGET = 0.8;

/**
 * Metropolis sweeps per tempering step when no parameter varies between subjects, screening and
 * full fits alike: at least 2, at most 30, until every coordinate's correlation between the
 * particles before and after the sweeps is below 0.3 (smc.ts `decorrelateBelow`). Stopping once
 * most particles had moved once left a one-trajectory fit's log-evidence biased low and noisy far
 * beyond its SE: NRAIA chloride, Richards at the then screening size (256 particles), seeds
 * 1–3: −34.1, −23.5, −35.1 (SE 0.15) against −10.7, −9.8, −10.4 with this rule; the sweeps cost
 * 4–6 times as much, paid for by fewer particles (discover/sizes.ts).
 */
export const NO_BSV_MOVES = { minMoves: 2, maxMoves: 30, decorrelateBelow: 0.3 } as const;

export const fitEffort = (screening: boolean): FitEffort => (screening ? FIT_POLICY.screening : FIT_POLICY.full);
