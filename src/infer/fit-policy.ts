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

export const fitEffort = (screening: boolean): FitEffort => (screening ? FIT_POLICY.screening : FIT_POLICY.full);
