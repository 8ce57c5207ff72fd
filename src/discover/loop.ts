// The discovery loop: rounds of propose → validate/compile → screening fit → full fit for the
// promising → rank by log-evidence → diagnose → feed back. Deduplicates structurally identical
// candidates by a canonical key, stops on rounds, budget or convergence, is cancellable and
// reports progress. Dependencies (fit, compile, key) are injected; index.ts wires the real ones.
import type { Dataset } from '../data/types.ts';
import { NoModelError } from './errors.ts';
import type { FitModel } from '../infer/api.ts';
import type { Band, FitReport } from '../infer/report.ts';
import type { CompiledModel } from '../model/compiled.ts';
import type { ModelSpec } from '../model/spec.ts';
import type { EnsembleBackend } from '../simulate/types.ts';
import { findObservable } from '../model/labels.ts';
import type { DiscoveryOptions, DiscoveryProgress, HistoryEntry, Proposer, RunDiscovery } from './api.ts';
import { dataObservableLabels, labelTable, observableIdentifiers, withDataLabels } from './data-labels.ts';
import { explain } from './explain.ts';
import { createLibraryProposer } from './library-proposer.ts';
import { primarySeries } from './library/scales.ts';
import { rankCandidates } from './verdict.ts';
import { focusObservables } from './focus.ts';
import { designNote } from './design.ts';
import { describeRegimen } from '../data/regimen.ts';
import { applyRegimen, checkRoutes, representativeRegimen } from '../infer/regimen.ts';
import { discoveryFitSizes, FULL_FIT_BUDGET_SHARE, sizesWithinBudget } from './sizes.ts';
import { discoveryFitEstimate } from './work-check.ts';
import { DISCOVERY_POLICY as POLICY } from './policy.ts';
import type { DiscoveryReport, RankedModel } from './report.ts';

export const DISCOVERY_VERSION = '0.1.0';

/** Defaults of a full run (CLI): about four minutes at most on a 2-core CPU. */
export const DEFAULT_DISCOVERY = { rounds: 3, budgetSeconds: 240, seed: 1 } as const;

/** Quick preset for the app: ranked models within about a minute on a laptop CPU. */
export const QUICK_DISCOVERY: DiscoveryOptions = { rounds: 2, budgetSeconds: 50, seed: 1, particles: 128, subjects: 64 };

export { discoveryFitSizes } from './sizes.ts';

export interface DiscoveryDeps {
  fit: FitModel;
  compile: (spec: ModelSpec) => CompiledModel;
  /** structural key: equal for structurally identical candidates (canonical AST + BSV + error model) */
  key: (spec: ModelSpec) => string;
  /** milliseconds (injectable for tests) */
  now?: () => number;
  /** candidates per round: first round, later rounds */
  perRound?: [number, number];
  /** full fits per round */
  fullPerRound?: number;
  /** re-fit close leaders at twice the size when the budget allows (default true) */
  refine?: boolean;
  /** fit sizes (default: discoveryFitSizes of the backend) */
  sizes?: ReturnType<typeof discoveryFitSizes>;
}

interface Candidate {
  key: string;
  spec: ModelSpec;
  compiled: CompiledModel;
  rationale: string;
  origin: { proposer: 'library' | 'webllm' | 'user'; round: number };
  screen?: FitReport;
  full?: FitReport;
  screenSeconds?: number;
  fullSeconds?: number;
}

class Cancelled extends Error {
  constructor() { super('Discovery was cancelled.'); this.name = 'AbortError'; }
}

const best = (c: Candidate): FitReport | undefined => c.full ?? c.screen;
const median = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); return s.length ? s[Math.floor(s.length / 2)]! : NaN; };

/** a group's covariates other than its dose (the arm's mean weight, age, …), for the report's design */
function groupCovariates(g: Dataset['groups'][number]): { covariates?: Record<string, number> } {
  const rest = Object.entries(g.covariates).filter(([k]) => k !== 'dose');
  return rest.length > 0 ? { covariates: Object.fromEntries(rest) } : {};
}

function emptyBand(): Band { return { times: [], median: [], q05: [], q95: [] }; }

export function createRunDiscovery(deps: DiscoveryDeps): RunDiscovery {
  const now = deps.now ?? (() => performance.now());
  const [firstK, laterK] = deps.perRound ?? POLICY.perRound;
  const fullK = deps.fullPerRound ?? POLICY.fullPerRound;
  const refine = deps.refine ?? true;

  return async (data: Dataset, options: DiscoveryOptions, backend: EnsembleBackend, hooks) => {
    const t0 = now();
    const budgetMs = Math.max(0.001, options.budgetSeconds ?? DEFAULT_DISCOVERY.budgetSeconds) * 1000;
    // leave a margin for ranking and writing the report
    const deadline = t0 + budgetMs * POLICY.budgetShare;
    const rounds = Math.max(1, Math.floor(options.rounds ?? DEFAULT_DISCOVERY.rounds));
    const seed = options.seed ?? DEFAULT_DISCOVERY.seed;
    const userSignal = hooks?.signal;
    const log: string[] = [];
    const say = (m: string) => { log.push(`[${((now() - t0) / 1000).toFixed(1)} s] ${m}`); };
    const progress = (p: Omit<DiscoveryProgress, 'fraction' | 'etaSeconds'> & { fraction?: number }) => {
      const elapsed = now() - t0;
      const fraction = Math.min(1, p.fraction ?? elapsed / budgetMs);
      hooks?.onProgress?.({ ...p, fraction, etaSeconds: Math.max(0, (budgetMs - elapsed) / 1000) });
    };
    const checkCancel = () => { if (userSignal?.aborted) throw new Cancelled(); };

    let proposer: Proposer;
    if (options.proposerInstance) proposer = options.proposerInstance;
    else if (options.proposer === 'webllm') throw new Error('The WebLLM proposer needs a language-model engine running in a browser with WebGPU; pass it as `proposerInstance`, or use the library proposer.');
    else proposer = createLibraryProposer();

    // several observables that no library mechanism links: model the one the context names first
    const focus = options.proposerInstance ? { data, dropped: [] as string[], note: undefined } : focusObservables(data, options.context);
    if (focus.note) say(focus.note);
    data = focus.data;
    // the data's schedule drives every candidate (groups on other schedules get their own
    // compiled copy in the fit); oral and intravenous groups cannot share one dose target
    checkRoutes(data.groups);
    const regimen = representativeRegimen(data);
    const design = regimen ? undefined : designNote(options.context);
    if (design) say(design);
    const primary = primarySeries(data);
    const dataObservables = dataObservableLabels(data);
    const identifiers = observableIdentifiers(data);
    if (!primary) throw new Error('The dataset has no series to fit.');
    // say once how labels and units enter the models (nothing is changed silently)
    for (const o of labelTable(data)) {
      if (o.name !== o.label) say(`observable "${o.label}" is named ${o.name} in models`);
      if (o.unit !== o.specUnit) say(`unit of "${o.label}" is ${o.unit!.length} characters; models hold it as "${o.specUnit}" (at most 40)`);
    }
    const candidates: Candidate[] = [];
    const seen = new Set<string>();
    const history: HistoryEntry[] = [];
    const fitOptsBase = { seed, predictTimes: options.predictTimes };
    // a large study on a short budget: smaller fits, so that several candidates are ranked at all
    const within = sizesWithinBudget(deps.sizes ?? discoveryFitSizes(backend.name), discoveryFitEstimate(data, options, backend.name).seconds, budgetMs / 1000);
    const sizes = within.sizes;
    if (within.factor < 1 && options.particles === undefined && options.subjects === undefined) {
      say(`one full fit at the usual sizes would take about ${Math.round((FULL_FIT_BUDGET_SHARE * budgetMs) / 1000 / within.factor)} s of the ${Math.round(budgetMs / 1000)} s budget: fits use ${sizes.full.particles} particles × ${sizes.full.subjects} virtual subjects (screening ${sizes.screen.particles} × ${sizes.screen.subjects}), so weights carry more Monte-Carlo noise; a larger budget gives a finer ranking`);
    }
    let fitted = 0;
    let roundsRun = 0;

    /** runs one fit with a signal that fires at the deadline or on cancel; null when it was stopped by the budget */
    const timedFit = async (c: Candidate, level: 'screen' | 'full' | 'refine'): Promise<FitReport | null> => {
      const screening = level === 'screen';
      const ctrl = new AbortController();
      const onUser = () => ctrl.abort();
      userSignal?.addEventListener('abort', onUser);
      // a screening fit may not eat the budget of the others (POLICY.screenCap); full fits run to the deadline
      const typical = median(candidates.filter((x) => x.screenSeconds !== undefined).map((x) => x.screenSeconds!)) * 1000;
      const { typicalMultiple, minBudgetShare, firstBudgetShare } = POLICY.screenCap;
      const cap = level === 'screen' ? (Number.isFinite(typical) ? Math.max(typicalMultiple * typical, minBudgetShare * budgetMs) : firstBudgetShare * budgetMs) : Infinity;
      let capped = false;
      const timer = setTimeout(() => { capped = now() < deadline; ctrl.abort(); }, Math.max(0, Math.min(deadline - now(), cap)));
      const start = now();
      try {
        const scale = level === 'refine' ? POLICY.refine.sizeMultiple : 1;
        const opts = screening
          ? { ...fitOptsBase, screening: true, ...sizes.screen }
          : { ...fitOptsBase, particles: scale * (options.particles ?? sizes.full.particles), subjects: scale * (options.subjects ?? sizes.full.subjects) };
        const r = await deps.fit(c.compiled, data, opts, backend, { signal: ctrl.signal });
        const secs = (now() - start) / 1000;
        if (screening) c.screenSeconds = secs; else if (level === 'full') c.fullSeconds = secs;
        fitted++;
        return r;
      } catch (err) {
        if (userSignal?.aborted) throw new Cancelled();
        if (ctrl.signal.aborted) {
          say(capped ? `${c.spec.name}: screening stopped: much slower to simulate than the other candidates` : `${c.spec.name}: ${level === 'screen' ? 'screening' : level} fit stopped at the time budget`);
          return null;
        }
        const msg = err instanceof Error ? err.message : String(err);
        say(`${c.spec.name}: fit failed: ${msg}`);
        history.push({ spec: c.spec, errors: [msg], round: c.origin.round });
        return null;
      } finally {
        clearTimeout(timer);
        userSignal?.removeEventListener('abort', onUser);
      }
    };

    for (let round = 1; round <= rounds; round++) {
      checkCancel();
      if (now() >= deadline) { say('time budget reached'); break; }
      roundsRun = round;
      progress({ stage: 'propose', round, message: `round ${round}: proposing candidates` });
      const k = round === 1 ? firstK : laterK;
      let proposals;
      try {
        proposals = await proposer.propose({ text: options.context, data }, history, k, userSignal);
      } catch (err) {
        checkCancel();
        const msg = err instanceof Error ? err.message : String(err);
        say(`proposer failed: ${msg}`);
        if (candidates.length === 0) throw err instanceof Error ? err : new Error(msg);
        break;
      }
      const incoming = proposals.map((p) => ({ spec: withDataLabels(p.spec, identifiers), rationale: p.rationale, origin: { proposer: proposer.name, round } as Candidate['origin'] }));
      if (round === 1) for (const s of options.extraSpecs ?? []) incoming.push({ spec: withDataLabels(s, identifiers), rationale: s.rationale ?? s.description ?? 'user-written model', origin: { proposer: 'user', round } });

      const fresh: Candidate[] = [];
      for (const p of incoming) {
        let compiled: CompiledModel, key: string;
        try {
          // the data's regimen drives every candidate's simulation (same target, the data's schedule)
          if (regimen && p.spec.doses?.length) p.spec = applyRegimen(p.spec, regimen);
          compiled = deps.compile(p.spec);
          key = deps.key(p.spec);
        } catch (err) {
          const msg = err instanceof Error ? err.message : String(err);
          say(`${p.spec.name}: invalid: ${msg.split('\n')[0]}`);
          history.push({ spec: p.spec, errors: msg.split('\n').slice(0, 5), round });
          continue;
        }
        if (seen.has(key)) { say(`${p.spec.name}: structurally identical to an earlier candidate, skipped`); continue; }
        // (one observable on each side is matched whatever its name, as the fitter does)
        const missing = dataObservables.length === 1 && compiled.observableNames.length === 1 ? [] : dataObservables.filter((o) => findObservable(p.spec.observables, o, identifiers) < 0);
        if (missing.length > 0) {
          const msg = `does not describe the observable${missing.length > 1 ? 's' : ''} ${missing.map((m) => `"${m}"`).join(', ')} of the data (its evidence would not be comparable)`;
          say(`${p.spec.name}: skipped: ${msg}`);
          history.push({ spec: p.spec, errors: [msg], round });
          continue;
        }
        seen.add(key);
        const c: Candidate = { key, spec: p.spec, compiled, rationale: p.rationale, origin: p.origin };
        candidates.push(c);
        fresh.push(c);
      }
      if (fresh.length === 0) { say(`round ${round}: no new candidates — converged`); break; }
      say(`round ${round}: ${fresh.length} new candidates: ${fresh.map((c) => c.spec.name).join(', ')}`);

      // screening fits
      for (const [i, c] of fresh.entries()) {
        checkCancel();
        const est = median(candidates.filter((x) => x.screenSeconds !== undefined).map((x) => x.screenSeconds!)) * 1000;
        if (Number.isFinite(est) && now() + est > deadline) { say(`${c.spec.name}: not screened (time budget)`); continue; }
        progress({ stage: 'screen', round, message: `screening ${c.spec.name} (${i + 1}/${fresh.length})`, candidate: c.spec.name });
        const r = await timedFit(c, 'screen');
        if (r) { c.screen = r; say(`${c.spec.name}: screening log-evidence ${r.logEvidence.toFixed(2)} ± ${r.logEvidenceSE.toFixed(2)}`); }
      }

      // full fits for the most promising not yet fully fitted (any round)
      const pool = candidates.filter((c) => c.screen && !c.full && Number.isFinite(c.screen.logEvidence)).sort((a, b) => b.screen!.logEvidence - a.screen!.logEvidence);
      const top = Math.max(...candidates.filter((c) => best(c)).map((c) => best(c)!.logEvidence));
      for (const c of pool.slice(0, fullK)) {
        checkCancel();
        if (c.screen!.logEvidence < top - POLICY.fullFitWindow) break;
        const ratios = candidates.filter((x) => x.fullSeconds !== undefined && x.screenSeconds).map((x) => x.fullSeconds! / x.screenSeconds!);
        const est = (c.screenSeconds ?? 1) * (ratios.length ? median(ratios) : POLICY.fullToScreenGuess) * 1000;
        if (now() + est > deadline) { say(`${c.spec.name}: full fit skipped (time budget; screening result kept)`); continue; }
        progress({ stage: 'fit', round, message: `full fit of ${c.spec.name}`, candidate: c.spec.name });
        const r = await timedFit(c, 'full');
        if (r) { c.full = r; say(`${c.spec.name}: log-evidence ${r.logEvidence.toFixed(2)} ± ${r.logEvidenceSE.toFixed(2)}`); }
      }

      // rank and feed back
      progress({ stage: 'diagnose', round, message: `round ${round}: diagnosing` });
      const before = Math.max(-Infinity, ...history.filter((h) => h.logEvidence !== undefined).map((h) => h.logEvidence!));
      for (const c of fresh) {
        const r = best(c);
        if (r) history.push({ spec: c.spec, logEvidence: r.logEvidence, diagnostics: r.diagnostics, round });
      }
      for (const c of candidates) {
        // an upgraded (full) fit replaces the screening entry in the feedback
        if (c.full && c.origin.round < round) {
          const h = history.find((x) => x.spec === c.spec && x.logEvidence !== undefined);
          if (h) { h.logEvidence = c.full.logEvidence; h.diagnostics = c.full.diagnostics; }
        }
      }
      const after = Math.max(-Infinity, ...history.filter((h) => h.logEvidence !== undefined).map((h) => h.logEvidence!));
      if (round > 1 && !(after > before + POLICY.minImprovement)) { say(`round ${round}: no candidate improved the log-evidence by more than ${POLICY.minImprovement} — converged`); break; }
    }

    // refinement: when the leaders are close, re-fit them all at twice the particles and
    // subjects (less Monte-Carlo noise in the evidences that decide the ranking), if the
    // remaining budget allows all of them; otherwise keep the full fits
    const leaders = candidates.filter((c) => c.full && Number.isFinite(c.full.logEvidence)).sort((a, b) => b.full!.logEvidence - a.full!.logEvidence);
    if (refine && leaders.length >= 2 && !userSignal?.aborted) {
      const top = leaders[0]!.full!;
      const { band, seMultiple, maxModels, sizeMultiple } = POLICY.refine;
      const close = leaders.filter((c) => top.logEvidence - c.full!.logEvidence <= Math.max(band, seMultiple * Math.hypot(top.logEvidenceSE, c.full!.logEvidenceSE))).slice(0, maxModels);
      const est = close.reduce((a, c) => a + sizeMultiple ** 2 * (c.fullSeconds ?? Infinity), 0) * 1000;
      if (close.length >= 2 && now() + est <= deadline) {
        const refined: FitReport[] = [];
        for (const c of close) {
          checkCancel();
          progress({ stage: 'fit', round: roundsRun, message: `refining ${c.spec.name}`, candidate: c.spec.name });
          const r = await timedFit(c, 'refine');
          if (!r) break;
          refined.push(r);
        }
        if (refined.length === close.length) {
          close.forEach((c, i) => { c.full = refined[i]!; say(`${c.spec.name}: refined log-evidence ${refined[i]!.logEvidence.toFixed(2)} ± ${refined[i]!.logEvidenceSE.toFixed(2)}`); });
        } else say('refinement stopped at the time budget; full fits kept');
      } else if (close.length >= 2) say(`refinement of ${close.map((c) => c.spec.name).join(', ')} skipped (time budget)`);
    }

    // final ranking
    progress({ stage: 'rank', round: roundsRun, message: 'ranking candidates' });
    const done = candidates.filter((c) => best(c) && Number.isFinite(best(c)!.logEvidence));
    if (candidates.length === 0) {
      const why = history.flatMap((h) => h.errors ?? []).slice(0, 3).join('; ');
      throw new NoModelError('none-proposed', `No candidate model was proposed for these data${why ? ` (${why})` : ''}. Add context text, or write a model and include it as a candidate.`);
    }
    if (done.length === 0) {
      const why = history.flatMap((h) => h.errors ?? []).slice(0, 3).join('; ');
      throw new NoModelError('none-fitted', `No candidate model could be fitted within the time budget (${(budgetMs / 1000).toFixed(0)} s)${why ? `: ${why}` : ''}. Increase --budget-s or check the data.`);
    }
    const { ranked, verdict, priors } = rankCandidates(done, (c) => c.spec, (c) => best(c)!, data, options.context);
    const models: RankedModel[] = ranked.map((r, i) => {
      const rep = best(r.item)!;
      const ref = i === 0 ? ranked[1] : ranked[0];
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
          reference: ref ? { name: ref.item.spec.name, logEvidence: best(ref.item)!.logEvidence } : undefined,
        }) + (r.item.full ? '' : ' (screening fit only: the time budget did not allow a full fit)'),
        predictive: { mean: series ? series.mean : emptyBand(), series: rep.predictive },
        ...(rep.derived ? { derived: rep.derived } : {}),
        residualError: rep.residualError,
        origin: r.item.origin,
      };
    });
    const times = [...new Set(data.series.flatMap((s) => s.times))].sort((a, b) => a - b);
    const wallSeconds = (now() - t0) / 1000;
    say(`done: ${models.length} models ranked; ${verdict.fits ? `best ${models[0]!.name}` : 'no model fits these data'}`);
    progress({ stage: 'done', round: roundsRun, message: verdict.fits ? `best model: ${models[0]!.name}` : 'no model fits these data', fraction: 1 });
    const report: DiscoveryReport = {
      version: DISCOVERY_VERSION,
      seed,
      proposer: proposer.name,
      backend: backend.name,
      rounds: roundsRun,
      dataset: { name: data.name, observables: dataObservables, groups: data.groups.map((g) => g.name), times, identifiers: labelTable(data), ...(focus.dropped.length > 0 ? { notModelled: focus.dropped } : {}), design: data.groups.map((g) => ({ group: g.name, dosing: describeRegimen(g, '', data.timeUnit ?? ''), ...groupCovariates(g) })) },
      context: options.context,
      verdict: { ...verdict, message: [verdict.message, focus.note, design].filter(Boolean).join(' ') },
      modelPriors: priors,
      models,
      timing: { wallSeconds, candidatesFitted: fitted },
      log,
    };
    return report;
  };
}
