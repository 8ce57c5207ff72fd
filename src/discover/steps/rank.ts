// Rank (the end of a run): the fitted candidates ranked by log-evidence with the verdict and
// prior model probabilities, each explained, and the report. A run that proposed or fitted
// nothing ends with a NoModelError instead.
import type { Dataset } from '../../data/types.ts';
import { describeRegimen } from '../../data/regimen.ts';
import type { Band } from '../../infer/report.ts';
import { NoModelError } from '../errors.ts';
import { labelTable } from '../data-labels.ts';
import { explain } from '../explain.ts';
import type { DiscoveryReport, RankedModel } from '../report.ts';
import { nParams, rankCandidates, type RankedCandidate } from '../verdict.ts';
import { best, note, reportProgress, type Candidate, type DiscoveryState, type RunContext } from '../state.ts';

export const DISCOVERY_VERSION = '0.1.0';

/** a group's covariates other than its dose (the arm's mean weight, age, …), for the report's design */
function groupCovariates(g: Dataset['groups'][number]): { covariates?: Record<string, number> } {
  const rest = Object.entries(g.covariates).filter(([k]) => k !== 'dose');
  return rest.length > 0 ? { covariates: Object.fromEntries(rest) } : {};
}

function emptyBand(): Band { return { times: [], median: [], q05: [], q95: [] }; }

/** the candidates with a finite log-evidence; a NoModelError when there are none */
export function rankable(state: DiscoveryState, budgetMs: number): Candidate[] {
  const w = state.history.flatMap((h) => h.errors ?? []).slice(0, 3).join('; ');
  if (state.candidates.length === 0) {
    throw new NoModelError('none-proposed', `No candidate model was proposed for these data${w ? ` (${w})` : ''}. Add context text, or write a model and include it as a candidate.`);
  }
  const done = state.candidates.filter((c) => best(c) && Number.isFinite(best(c)!.logEvidence));
  if (done.length === 0) {
    throw new NoModelError('none-fitted', `No candidate model could be fitted within the time budget (${(budgetMs / 1000).toFixed(0)} s)${w ? `: ${w}` : ''}. Increase --budget-s or check the data.`);
  }
  return done;
}

const sizeOf = (spec: Candidate['spec']) => ({ structural: spec.parameters.length, all: nParams(spec) });

/** one ranked candidate as the report shows it; `ref` is the model it is compared with (the runner-up for the best, else the best) */
function rankedModel(r: RankedCandidate<Candidate>, ref: RankedCandidate<Candidate> | undefined, primary: RunContext['primary']): RankedModel {
  const rep = best(r.item)!;
  const series = rep.predictive.find((p) => p.group === primary.group && p.observable === primary.observable) ?? rep.predictive[0];
  return {
    rank: r.rank,
    name: r.item.spec.name,
    spec: r.item.spec,
    weight: r.weight,
    weightSE: r.weightSE,
    weightDetermined: r.weightDetermined,
    priorProbability: r.prior,
    adequacy: r.adequacy,
    logEvidence: rep.logEvidence,
    logEvidenceSE: rep.logEvidenceSE,
    parameters: rep.parameters,
    bsv: rep.bsv,
    ...(rep.flipFlop ? { flipFlop: rep.flipFlop } : {}),
    diagnostics: rep.diagnostics,
    rationale: r.item.rationale,
    explanation: (r.adequacy.adequate ? '' : `Fails a sanity check: it ${r.adequacy.problems.join('; ')}. `) + explain({
      rank: r.rank, weight: r.weight, logEvidence: rep.logEvidence, logEvidenceSE: rep.logEvidenceSE, report: rep, rationale: r.item.rationale,
      size: sizeOf(r.item.spec),
      reference: ref ? { name: ref.item.spec.name, logEvidence: best(ref.item)!.logEvidence, size: sizeOf(ref.item.spec) } : undefined,
    }) + (r.item.full ? '' : ' (screening fit only: the time budget did not allow a full fit)'),
    predictive: { mean: series ? series.mean : emptyBand(), series: rep.predictive },
    ...(rep.derived ? { derived: rep.derived } : {}),
    residualError: rep.residualError,
    origin: r.item.origin,
  };
}

/** a best model known from a screening fit alone is a provisional answer, and the verdict says so */
function provisional(top: Candidate | undefined, fits: boolean): string {
  return fits && top && !top.full ? 'The best model has a screening fit only (the time budget allowed it no full fit), so this ranking is provisional: a larger time budget gives a firmer one.' : '';
}

export function rank(state: DiscoveryState, ctx: RunContext): DiscoveryReport {
  const { data, options } = ctx;
  reportProgress(ctx, { stage: 'rank', round: state.round, message: 'ranking candidates' });
  const done = rankable(state, ctx.budgetMs);
  const { ranked, verdict, priors } = rankCandidates(done, (c) => c.spec, (c) => best(c)!, data, options.context);
  const models = ranked.map((r, i) => rankedModel(r, i === 0 ? ranked[1] : ranked[0], ctx.primary));
  const times = [...new Set(data.series.flatMap((s) => s.times))].sort((a, b) => a - b);
  const wallSeconds = (ctx.now() - ctx.t0) / 1000;
  const { log } = note(state, ctx, `done: ${models.length} models ranked; ${verdict.fits ? `best ${models[0]!.name}` : 'no model fits these data'}`);
  reportProgress(ctx, { stage: 'done', round: state.round, message: verdict.fits ? `best model: ${models[0]!.name}` : 'no model fits these data', fraction: 1 });
  return {
    version: DISCOVERY_VERSION,
    seed: ctx.seed,
    proposer: ctx.proposer.name,
    backend: ctx.backend.name,
    rounds: state.round,
    dataset: { name: data.name, observables: ctx.dataObservables, groups: data.groups.map((g) => g.name), times, identifiers: labelTable(data), ...(ctx.focus.dropped.length > 0 ? { notModelled: ctx.focus.dropped } : {}), ...(ctx.focus.droppedGroups ? { groupsNotModelled: ctx.focus.droppedGroups } : {}), design: data.groups.map((g) => ({ group: g.name, dosing: describeRegimen(g, data.doseUnit ?? '', data.timeUnit ?? ''), ...groupCovariates(g) })) },
    context: options.context,
    verdict: { ...verdict, message: [verdict.message, provisional(ranked[0]?.item, verdict.fits), ctx.focus.note, ctx.design].filter(Boolean).join(' ') },
    modelPriors: priors,
    models,
    timing: { wallSeconds, candidatesFitted: state.fitted },
    log: [...log],
  };
}
