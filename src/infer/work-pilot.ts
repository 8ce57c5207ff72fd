// The pilot of a work estimate: a few trajectories (a fit's prior draws, or a simulation's first
// row), simulated before the real work with a step cap, count the steps a trajectory of this model
// takes on these times. No formula predicts them on a stiff model: the same dense 32-state spec
// takes 60 steps or hits the 100,000-step cap depending on its rates. The cap keeps the pilot to
// about PILOT_SECONDS; a pilot that hits it says only that a trajectory may take up to maxSteps.
import type { CompiledModel } from '../model/compiled.ts';
import { priorCentre } from '../model/prior-centre.ts';
import { SOLVER_DEFAULTS } from '../simulate/request.ts';
import type { EnsembleBackend, SolverOptions } from '../simulate/types.ts';
import { createRng } from './rng.ts';
import { fillCohortParams, samplePrior, type PopulationLayout } from './population.ts';
import { assumedSteps, doseEvents, estimateWork, solverPath, stepMicros, type PilotSteps, type WorkEstimate } from './work-budget.ts';

/** wall time one pilot may take at the estimated step cost */
export const PILOT_SECONDS = 2;
/** step cap of a pilot, whatever the model */
export const PILOT_STEPS = { min: 200, max: 5000 } as const;

/** A parameter row at the prior medians (what a fit's pilot simulates). */
export function priorMedians(model: Pick<CompiledModel, 'spec'>): Float64Array {
  return Float64Array.from(model.spec.parameters.map(({ prior }) => priorCentre(prior)));
}

/**
 * PILOT_ROWS parameter rows drawn as a fit's first sweep draws them (hyperparameters from their
 * priors, one virtual subject each), seeded: a fit's early sweeps simulate prior draws, and those
 * can take far more steps than the medians (disease-progression: 28 steps at the prior medians,
 * 377 on average over prior draws, whose fast absorption rates make the weekly doses stiff).
 */
export const PILOT_ROWS = 16;
export function priorDraws(layout: PopulationLayout, seed = 20_261_202): Float64Array {
  const rng = createRng(seed);
  const D = layout.hyper.length;
  const phis = new Float64Array(PILOT_ROWS * D);
  for (let p = 0; p < PILOT_ROWS; p++) layout.hyper.forEach((h, k) => { phis[p * D + k] = samplePrior(h.prior, rng); });
  const eta = Float64Array.from({ length: PILOT_ROWS * layout.varying.length }, () => rng.normal());
  // one subject per particle: subject j of particle p reads eta row p
  const out = new Float64Array(PILOT_ROWS * layout.thetaIndex.length);
  for (let p = 0; p < PILOT_ROWS; p++) fillCohortParams(layout, phis, p, 1, eta.subarray(p * layout.varying.length), 1, out.subarray(p * layout.thetaIndex.length));
  return out;
}

export interface PilotRequest {
  /** one or a few parameter rows (row-major) */
  params: Float64Array;
  covariates?: Float64Array;
  t0?: number;
  times: Float64Array;
  solver: SolverOptions;
}

export async function pilotSteps(model: CompiledModel, req: PilotRequest, backend: EnsembleBackend, signal?: AbortSignal): Promise<PilotSteps> {
  const path = solverPath(model, req.solver.method, backend.name);
  const maxSteps = req.solver.maxSteps ?? SOLVER_DEFAULTS.maxSteps;
  const rows = Math.max(1, Math.floor(req.params.length / Math.max(1, model.parameterNames.length)));
  // the slower of the paths the trajectory may take sets the cap, shared by the rows
  const us = stepMicros(model, path === 'explicit' && req.solver.method === 'auto' ? 'rosenbrock' : path);
  const cap = Math.min(maxSteps, Math.max(PILOT_STEPS.min, Math.min(PILOT_STEPS.max, Math.floor((PILOT_SECONDS * 1e6) / us / rows))));
  const { stats } = await backend.simulate({ model, params: req.params, ...(req.covariates ? { covariates: req.covariates } : {}), ...(req.t0 !== undefined ? { t0: req.t0 } : {}), times: req.times, solver: { ...req.solver, maxSteps: cap } }, signal);
  const steps = (stats.accepted + stats.rejected) / rows;
  // 'auto' reruns a trajectory that hit the cap with Rosenbrock: both paths may spend maxSteps
  const switching = path === 'explicit' && req.solver.method === 'auto';
  if (stats.maxStepsHit > 0 && cap < maxSteps) {
    // the rows that hit the cap may take up to maxSteps (per path); the others took what they took
    const upper = steps + (stats.maxStepsHit / rows) * (maxSteps * (switching ? 2 : 1) - cap);
    return { steps: upper, atLeast: steps, capped: true, path: switching ? 'switching' : path };
  }
  // an 'auto' trajectory far beyond a smooth one's steps went stiff and switched to Rosenbrock
  const stiffened = switching && steps > 2 * assumedSteps(req.times.length, doseEvents(model));
  return { steps: Math.max(1, steps), atLeast: steps, capped: false, path: stiffened ? 'switching' : path };
}

/** The work of simulating `trajectories` trajectories like `req` (pilot rows) in one backend call (pilot first). */
export async function estimateSimulationWork(model: CompiledModel, req: PilotRequest, trajectories: number, backend: EnsembleBackend, signal?: AbortSignal): Promise<WorkEstimate> {
  const pilot = await pilotSteps(model, req, backend, signal);
  return estimateWork({ trajectories, steps: pilot.steps, stepMicros: stepMicros(model, pilot.path), calls: 1, backend: backend.name, ...(pilot.capped ? { minSteps: pilot.atLeast } : {}) });
}
