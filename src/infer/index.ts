// Public API of the inference stage.
export type { FitModel, FitOptions, FitProgress, FitHooks } from './api.ts';
export type { FitReport, Quantiles, Band, PredictiveSeries, ResidualRow, Diagnostics } from './report.ts';
export { fitModel, resolveFitSettings } from './fit.ts';
export { FIT_POLICY, type FitEffort } from './fit-policy.ts';
export { FitInputError, planFit, type FitPlan } from './plan.ts';
export { simulateCohort, type CohortTruth, type CohortDesign, type SyntheticIndividual } from './synthetic.ts';
export { createRng, type Rng } from './rng.ts';
export { cvPercent, quantiles } from './results.ts';
export { NoValidParticleError, runSmc, type SmcTarget, type SmcOptions, type SmcResult } from './smc.ts';
export { seriesLogLik, seriesGaussian, type MomentBlock, type SeriesData } from './likelihood.ts';
export { applyRegimen, sharedRegimen, withDataRegimen } from './regimen.ts';
export { checkWork, describeWork, estimateFitWork, estimateWork, stepMicros, solverPath, assumedSteps, doseEvents, WorkBudgetError, WORK_LIMITS, type WorkEstimate } from './work-budget.ts';
export { estimateSimulationWork, pilotSteps, priorMedians } from './work-pilot.ts';
