// fitModel: the population fit of one model to one aggregate dataset (issue 4). Plan the data,
// lay out the hyperparameters, run SMC with one ensemble call per likelihood sweep, then
// measure the Monte-Carlo noise of the likelihood, summarise, predict and diagnose.
import type { FitModel, FitOptions, FitProgress } from './api.ts';
import type { FitReport } from './report.ts';
import { createEvaluator, type Evaluator, type SweepCounters } from './evaluate.ts';
import type { StepStats } from '../simulate/types.ts';
import { planFit, FitInputError } from './plan.ts';
import { buildLayout, logPriorJoint, samplePrior, type PopulationLayout } from './population.ts';
import { createRng } from './rng.ts';
import { NoValidParticleError, runSmc, type SmcStepInfo } from './smc.ts';
import { FIT_POLICY, fitEffort, NO_BSV_ESS_TARGET, NO_BSV_MOVES } from './fit-policy.ts';
import { summarizePosterior } from './results.ts';
import { flipFlopParameters, resolveFlipFlop } from './flip-flop.ts';
import { posteriorPredictive } from './predictive.ts';
import { checkWork, estimateFitWork, expectedSweeps, WorkBudgetError, type WorkEstimate } from './work-budget.ts';
import { pilotSteps, priorDraws } from './work-pilot.ts';
import { solverFor } from './solver.ts';
import type { FitPlan } from './plan.ts';
import type { EnsembleBackend } from '../simulate/types.ts';
import type { CompiledModel } from '../model/compiled.ts';
import { posteriorDerived } from './derived.ts';
import { baselineWarnings, identifiability, residualPatterns, residualRows } from './diagnostics.ts';

export interface ResolvedFitSettings { particles: number; subjects: number; seed: number; screening: boolean }

/** The options, with FIT_POLICY's defaults for what they leave out. */
export function resolveFitSettings(options: FitOptions, backend: 'cpu' | 'webgpu'): ResolvedFitSettings {
  const screening = options.screening ?? false;
  const effort = fitEffort(screening);
  const particles = options.particles ?? effort.particles[backend];
  const subjects = options.subjects ?? effort.subjects;
  const seed = options.seed ?? FIT_POLICY.seed;
  if (!Number.isInteger(particles) || particles < 16) throw new FitInputError(`particles must be an integer ≥ 16 (got ${particles})`);
  if (!Number.isInteger(subjects) || subjects < 8) throw new FitInputError(`subjects must be an integer ≥ 8 (got ${subjects})`);
  if (!Number.isFinite(seed)) throw new FitInputError(`seed must be a finite number (got ${seed})`);
  return { particles, subjects, seed, screening };
}

/** distinct covariate rows (dose levels, arms) a fit's pilot simulates */
const PILOT_COVARIATE_ROWS = 4;

/**
 * The fit's work: pilot trajectories drawn from the prior, for each of the first few distinct
 * covariate rows (a placebo arm takes 29 steps, the treated arm 672 on disease-progression), at
 * every data time, count the solver's steps; the calls per sweep are the evaluator's (one per
 * cohort and particle chunk).
 */
export async function fitWorkEstimate(model: CompiledModel, plan: FitPlan, layout: PopulationLayout, evaluator: Pick<Evaluator, 'particlesPerCall'>, settings: Pick<ResolvedFitSettings, 'particles' | 'subjects'>, backend: EnsembleBackend, signal?: AbortSignal): Promise<WorkEstimate> {
  const rows = new Map<string, Float64Array>();
  for (const g of plan.groups) {
    if (rows.size >= PILOT_COVARIATE_ROWS) break;
    rows.set(Array.from(g.covariates).join(','), g.covariates);
  }
  const draws = priorDraws(layout);
  const covs = [...rows.values()];
  const nC = model.covariateNames.length;
  const n = draws.length / model.parameterNames.length;
  const params = new Float64Array(covs.length * draws.length);
  const covariates = new Float64Array(covs.length * n * nC);
  covs.forEach((c, k) => {
    params.set(draws, k * draws.length);
    for (let i = 0; i < n; i++) covariates.set(c, (k * n + i) * nC);
  });
  const pilot = await pilotSteps(model, { params, covariates, t0: plan.t0, times: Float64Array.from(plan.times), solver: solverFor(model, backend.name) }, backend, signal);
  const callsPerSweep = evaluator.particlesPerCall.reduce((sum, k) => sum + Math.ceil(settings.particles / k), 0);
  // a fit without random effects (one simulated subject) sweeps many more times (fit-policy.ts NO_BSV_MOVES)
  return estimateFitWork(model, { groups: plan.groups.length, times: plan.times.length, callsPerSweep, sweeps: expectedSweeps(settings.subjects) }, settings, backend.name, pilot);
}

/**
 * Virtual subjects per group on the coarse start of the tempering path (docs/likelihood.md): a
 * quarter of the fit's, at least 32 (no coarse start when that is not fewer).
 */
export const coarseSubjects = (subjects: number): number => Math.max(32, Math.floor(subjects / 4));
/** β where the tempering path leaves the coarse likelihood for the full one. */
export const COARSE_UNTIL = 0.05;

/** Sweeps, trajectories, failures and step counts of all the fit's evaluators together. */
function totalCounters(evaluators: Evaluator[]): SweepCounters {
  const t: SweepCounters = { sweeps: 0, trajectories: 0, failed: 0, calls: 0, stats: { accepted: 0, rejected: 0, maxStepsHit: 0, nonFinite: 0, underflow: 0 } };
  for (const { counters: c } of evaluators) {
    t.sweeps += c.sweeps; t.trajectories += c.trajectories; t.failed += c.failed; t.calls += c.calls;
    for (const k of Object.keys(t.stats) as (keyof StepStats)[]) t.stats[k] += c.stats[k];
  }
  return t;
}

/** Rough progress through tempering: β moves fast on a log scale early on. */
const temperingFraction = (beta: number) => 0.05 + 0.85 * (Math.log1p(1000 * beta) / Math.log(1001));

export const fitModel: FitModel = async (model, data, options, backend, hooks) => {
  const started = performance.now();
  const signal = hooks?.signal;
  const progress = (p: Omit<FitProgress, 'etaSeconds'>) => {
    if (!hooks?.onProgress) return;
    const elapsed = (performance.now() - started) / 1000;
    hooks.onProgress({ ...p, ...(p.fraction > 0.06 ? { etaSeconds: (elapsed * (1 - p.fraction)) / p.fraction } : {}) });
  };
  const settings = resolveFitSettings(options, backend.name);
  const { particles: N, subjects: M } = settings;
  const effort = fitEffort(settings.screening);
  const plan = planFit(model, data);
  const layout = buildLayout(model, plan.observed);
  const D = layout.hyper.length;
  const G = plan.groups.length;
  const rng = createRng(settings.seed);
  const etaRng = rng.fork(), smcSeed = rng.int(2 ** 31), predRng = rng.fork();
  // without between-subject variability every virtual subject is the same trajectory: each virtual
  // cohort is one simulated subject (the likelihood's Monte-Carlo terms vanish either way)
  const Msim = layout.varying.length === 0 ? 1 : M;
  const evaluator = createEvaluator(model, plan, layout, Msim, backend);
  // the work budget, from the input and a pilot trajectory, before any work: refused with the
  // estimate when far too large, announced when large
  const work = await fitWorkEstimate(model, plan, layout, evaluator, { ...settings, subjects: Msim }, backend, signal);
  try {
    const warning = checkWork(work, 'this fit', 'use fewer particles, virtual subjects or groups');
    if (warning) hooks?.onWorkWarning?.(warning);
  } catch (e) {
    if (e instanceof WorkBudgetError) throw new FitInputError(e.message);
    throw e;
  }
  const eta = evaluator.drawEta(etaRng);
  // the start of the tempering path on a smaller virtual cohort (its own draws): at small β the
  // likelihood's Monte-Carlo noise is scaled down by β, and prior-wide particles cost the most
  const Mc = coarseSubjects(M);
  const coarse = Msim > 1 && Mc < M ? createEvaluator(model, plan, layout, Mc, backend) : null;
  const coarseEta = coarse?.drawEta(etaRng.fork());
  const evaluators = coarse ? [coarse, evaluator] : [evaluator];
  const nCohorts = evaluator.plan.cohorts.length;
  progress({ stage: 'setup', temperature: 0, sweeps: 0, fraction: 0, message: `${N} particles × ${evaluator.trajectoriesPerParticle} virtual subjects (${G} group${G === 1 ? '' : 's'}, ${nCohorts} virtual cohort${nCohorts === 1 ? '' : 's'}), ${D} hyperparameters${coarse ? `; ${Mc} subjects per group up to β = ${COARSE_UNTIL}` : ''}` });

  let smc;
  try {
    smc = await runSmc(
      {
        dim: D,
        logPrior: (phi, o) => logPriorJoint(layout, phi, o),
        samplePrior: (r, out, o) => layout.hyper.forEach((h, k) => { out[o + k] = samplePrior(h.prior, r); }),
        logLikelihood: (phis, count, sig) => evaluator.logLikelihood(phis, count, eta, sig),
        ...(coarse && coarseEta ? { coarse: { logLikelihood: (phis: Float64Array, count: number, sig?: AbortSignal) => coarse.logLikelihood(phis, count, coarseEta, sig), until: COARSE_UNTIL } } : {}),
      },
      {
        particles: N,
        seed: smcSeed,
        signal,
        ...(Msim === 1 ? { essTarget: NO_BSV_ESS_TARGET, ...NO_BSV_MOVES } : effort.moves),
        onStep: (s: SmcStepInfo) =>
          progress({
            stage: s.stage === 'init' ? 'setup' : s.stage,
            temperature: s.temperature,
            sweeps: s.sweeps,
            fraction: temperingFraction(s.temperature),
            message: s.stage === 'mutation' ? `β = ${s.temperature.toPrecision(3)}, acceptance ${(100 * (s.acceptance ?? 0)).toFixed(0)}%` : `β = ${s.temperature.toPrecision(3)}`,
          }),
      },
    );
  } catch (err) {
    if (signal?.aborted) throw err;
    const c = totalCounters(evaluators);
    if (err instanceof NoValidParticleError) {
      const failedPct = c.trajectories > 0 ? (100 * c.failed) / c.trajectories : 0;
      throw new FitInputError(
        `no fit can proceed for model "${model.spec.name}": no parameter set drawn from the priors gives a usable likelihood. ` +
          `${failedPct.toFixed(1)}% of ${c.trajectories} simulated trajectories failed (max steps: ${c.stats.maxStepsHit}, non-finite: ${c.stats.nonFinite}, step underflow: ${c.stats.underflow})` +
          (failedPct > 50 ? '; check the equations, the priors and the dose.' : '; the data may be far outside what the model and its priors can produce.'),
      );
    }
    throw err;
  }

  // Monte-Carlo noise of the log-likelihood from the finite virtual cohort: re-evaluate a few
  // posterior particles with fresh η draws (sd across draw sets at fixed φ).
  // (identical subjects: fresh draws give the same likelihood, so there is nothing to measure)
  const K = Msim > 1 ? Math.min(effort.noiseCheck.particles, N) : 0, R = effort.noiseCheck.redraws;
  const pick = new Float64Array(K * D);
  const llOrig: number[] = [];
  for (let i = 0; i < K; i++) {
    const src = Math.floor((i * N) / K);
    pick.set(smc.phi.subarray(src * D, src * D + D), i * D);
    llOrig.push(smc.logLik[src]);
  }
  const llAlt: Float64Array[] = [];
  for (let r = 0; r < R; r++) llAlt.push(await evaluator.logLikelihood(pick, K, evaluator.drawEta(etaRng), signal));
  let sdSum = 0, sdCount = 0;
  for (let i = 0; i < K; i++) {
    const xs = [llOrig[i], ...llAlt.map((a) => a[i])];
    if (!xs.every(Number.isFinite)) continue;
    const m = xs.reduce((a, b) => a + b, 0) / xs.length;
    sdSum += Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / (xs.length - 1));
    sdCount++;
  }
  const logLikSD = Msim === 1 ? 0 : sdCount > 0 ? sdSum / sdCount : NaN;
  const particleSE = Math.sqrt(smc.logEvidenceVar);
  const logEvidenceSE = Math.sqrt(smc.logEvidenceVar + (Number.isFinite(logLikSD) ? logLikSD ** 2 : 0));

  progress({ stage: 'predictive', temperature: 1, sweeps: totalCounters(evaluators).sweeps, fraction: 0.93, message: 'posterior predictive' });
  const P = Math.min(N, effort.predictive.particles);
  const predPhis = new Float64Array(P * D);
  for (let i = 0; i < P; i++) {
    const src = Math.floor((i * N) / P);
    predPhis.set(smc.phi.subarray(src * D, src * D + D), i * D);
  }
  const pred = await posteriorPredictive({
    plan, layout, phis: predPhis, count: P, subjects: Math.min(Msim, effort.predictive.subjects),
    predictTimes: options.predictTimes ?? [], replicates: effort.predictive.replicates, rng: predRng, backend, ...(signal ? { signal } : {}),
  });

  const flipIdx = flipFlopParameters(model.spec, model.parameterNames);
  const flip = flipIdx ? resolveFlipFlop(layout, model.parameterNames, smc.phi, N, flipIdx) : null;
  const summary = flip ? flip.summary : summarizePosterior(layout, model.parameterNames, smc.phi, N);
  const residuals = residualRows(plan, pred.draws);

  // derived quantities (half-lives, Cmax, AUC, …) from the same posterior draws (full fits only;
  // never fatal); flip-flop draws presented as ka > k, like the parameters
  let derived: FitReport['derived'];
  if (!settings.screening) try {
    derived = await posteriorDerived({ model, plan, layout, phis: predPhis, count: P, subjects: 200, rng: predRng.fork(), backend, ...(flipIdx ? { flipFlop: flipIdx } : {}), ...(signal ? { signal } : {}) });
  } catch (err) {
    if (signal?.aborted) throw err;
    derived = undefined;
  }
  const c = totalCounters(evaluators);
  const warnings = [...plan.warnings];
  if (logLikSD > 1) warnings.push(`Monte-Carlo noise of the log-likelihood is ${logLikSD.toFixed(2)} (sd over virtual-cohort draws): use more subjects for model comparison`);
  if (smc.initialInvalid > 0.5 * N) warnings.push(`${((100 * smc.initialInvalid) / N).toFixed(0)}% of prior draws gave no usable likelihood`);
  const failedFraction = c.trajectories > 0 ? c.failed / c.trajectories : 0;
  if (failedFraction > 0.01) warnings.push(`${(100 * failedFraction).toFixed(1)}% of simulated trajectories failed`);
  warnings.push(...baselineWarnings(plan, pred.draws));
  const report: FitReport = {
    model: model.spec.name,
    spec: model.spec,
    backend: backend.name,
    particles: N,
    subjects: M,
    seed: settings.seed,
    logEvidence: smc.logEvidence,
    logEvidenceSE,
    ...summary,
    ...(flip ? { flipFlop: flip.flipFlop } : {}),
    diagnostics: {
      residuals,
      patterns: residualPatterns(residuals, plan, pred.draws),
      identifiability: identifiability(layout, smc.phi, N),
      failedFraction,
      warnings,
    },
    predictive: pred.series,
    ...(derived && Object.keys(derived).length > 0 ? { derived } : {}),
    timing: {
      wallSeconds: (performance.now() - started) / 1000,
      sweeps: c.sweeps,
      trajectories: c.trajectories + pred.trajectories,
      temperatures: smc.temperatures.length - 1,
    },
    monteCarlo: { logLikelihoodSD: logLikSD, particleSE, acceptance: smc.acceptance.at(-1) ?? NaN },
  };
  progress({ stage: 'done', temperature: 1, sweeps: c.sweeps, fraction: 1, message: 'done' });
  return report;
};
