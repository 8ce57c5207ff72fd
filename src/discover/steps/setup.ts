// Before the first round: the proposer, the observables modelled, the data's regimen, the budget
// and clock, and fit sizes that fit the budget; the first log lines say what was decided.
import type { Dataset } from '../../data/types.ts';
import type { EnsembleBackend } from '../../simulate/types.ts';
import { checkRoutes, representativeRegimen } from '../../infer/regimen.ts';
import type { DiscoveryOptions, DiscoveryProgress, Proposer } from '../api.ts';
import { dataObservableLabels, labelTable, observableIdentifiers } from '../data-labels.ts';
import { designNote } from '../design.ts';
import { sparseVisitsNote } from '../sparse-visits.ts';
import { conventionsFor } from '../domain.ts';
import { regimenFromWords } from '../regimen-from-words.ts';
import { focusObservables } from '../focus.ts';
import { focusRoute } from '../route-focus.ts';
import { isOneSeries, ONE_SERIES_NOTE } from '../one-series.ts';
import { createLibraryProposer } from '../library-proposer.ts';
import { primarySeries } from '../library/scales.ts';
import { DEFAULT_DISCOVERY, DISCOVERY_POLICY } from '../policy.ts';
import { FULL_FIT_BUDGET_SHARE } from '../sizes.ts';
import { startingSizes } from '../work-check.ts';
import { initialState, stamp, type DiscoveryDeps, type DiscoveryState, type RunContext } from '../state.ts';

export interface RunHooks { onProgress?: (p: DiscoveryProgress) => void; signal?: AbortSignal }

export function chooseProposer(options: DiscoveryOptions): Proposer {
  if (options.proposerInstance) return options.proposerInstance;
  if (options.proposer === 'webllm') throw new Error('The WebLLM proposer needs a language-model engine running in a browser with WebGPU; pass it as `proposerInstance`, or use the library proposer.');
  return createLibraryProposer();
}

export function setupRun(deps: DiscoveryDeps, data: Dataset, options: DiscoveryOptions, backend: EnsembleBackend, hooks?: RunHooks): { ctx: RunContext; state: DiscoveryState } {
  const now = deps.now ?? (() => performance.now());
  const t0 = now();
  const clock = { now, t0 };
  const log: string[] = [];
  const say = (m: string) => { log.push(stamp(clock, m)); };
  const budgetMs = Math.max(0.001, options.budgetSeconds ?? DEFAULT_DISCOVERY.budgetSeconds) * 1000;
  const proposer = chooseProposer(options);
  // a table copied with its caption ("Plasma concentrations (ng/mL) after a single 100 mg oral
  // dose") says what a context would: read it when the user gave none
  if (!options.context?.trim() && data.caption) {
    options = { ...options, context: data.caption };
    say(`no context was given: the table's caption is read as the context ("${data.caption.slice(0, 200)}")`);
  }

  // several observables that no library mechanism links: model the one the context names first
  const focus = options.proposerInstance ? { data, dropped: [] as string[], note: undefined } : focusObservables(data, options.context);
  if (focus.note) say(focus.note);
  data = focus.data;
  // the regimen the words state (an infusion's length, a repetition) when the table carries none
  const stated = regimenFromWords(data, options.context);
  if (stated) { data = stated.data; say(stated.note); }
  // the data's schedule drives every candidate (groups on other schedules get their own
  // compiled copy in the fit); oral and intravenous groups share a run only for a drug level (PK
  // models with a dose entry per route), else the oral ones are modelled, with a note
  const routes = focusRoute(data, options.context);
  if (routes.note) say(routes.note);
  data = routes.data;
  if (!routes.together) checkRoutes(data.groups);
  const regimen = representativeRegimen(data);
  const design = regimen ? undefined : designNote(options.context);
  if (design) say(design);
  const oneSeries = isOneSeries(data);
  if (oneSeries) say(ONE_SERIES_NOTE);
  const sparse = sparseVisitsNote(data);
  if (sparse) say(sparse);
  const conventions = conventionsFor(data, options.context);
  if (conventions.note) say(conventions.note);
  const primary = primarySeries(data);
  if (!primary) throw new Error('The dataset has no series to fit.');
  // say once how labels and units enter the models (nothing is changed silently)
  for (const o of labelTable(data)) {
    if (o.name !== o.label) say(`observable "${o.label}" is named ${o.name} in models`);
    if (o.unit !== o.specUnit) say(`unit of "${o.label}" is ${o.unit!.length} characters; models hold it as "${o.specUnit}" (at most 40)`);
  }
  // a large study on a short budget: smaller fits, so that several candidates are ranked at all
  const within = startingSizes(data, options, backend.name, budgetMs / 1000, deps.sizes);
  const sizes = within.sizes;
  if (within.factor < 1 && options.particles === undefined && options.subjects === undefined) {
    say(`one ${oneSeries ? 'screening' : 'full'} fit at the usual sizes would take about ${Math.round((FULL_FIT_BUDGET_SHARE * budgetMs) / 1000 / within.factor)} s of the ${Math.round(budgetMs / 1000)} s budget: fits use ${sizes.full.particles} particles × ${sizes.full.subjects} virtual subjects (screening ${sizes.screen.particles} × ${sizes.screen.subjects}), so weights carry more Monte-Carlo noise; a larger budget gives a finer ranking`);
  }

  const policy = { ...DISCOVERY_POLICY, perRound: deps.perRound ?? DISCOVERY_POLICY.perRound, fullPerRound: deps.fullPerRound ?? DISCOVERY_POLICY.fullPerRound };
  const ctx: RunContext = {
    fit: deps.fit, compile: deps.compile, key: deps.key, now, policy, refine: deps.refine ?? true,
    proposer, data, options, backend, signal: hooks?.signal,
    seed: options.seed ?? DEFAULT_DISCOVERY.seed,
    rounds: Math.max(1, Math.floor(options.rounds ?? DEFAULT_DISCOVERY.rounds)),
    // leave a margin for ranking and writing the report
    t0, budgetMs, deadline: t0 + budgetMs * policy.budgetShare,
    sizes, regimen, ...(routes.together ? { mixedRoutes: true } : {}), identifiers: observableIdentifiers(data), dataObservables: dataObservableLabels(data),
    primary, focus: { dropped: focus.dropped, ...(routes.dropped.length > 0 ? { droppedGroups: routes.dropped } : {}), ...(focus.note || routes.note ? { note: [focus.note, routes.note].filter(Boolean).join(' ') } : {}) }, design, oneSeries, conventions: conventions.motifs,
    onProgress: hooks?.onProgress,
  };
  return { ctx, state: initialState(log) };
}
