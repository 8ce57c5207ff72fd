// Settle (after the rounds, before refinement): first the candidates the rounds left unscreened
// for lack of time are screened, while the deadline allows. Then: the rounds promote at most a few candidates per
// round, each within a fixed window of the best screening evidence. When the rounds end with budget
// left — converged early, or out of rounds — every screened candidate still within reach of the
// best screening evidence (policy.settle: 30 units, or 2 combined SEs when wider) gets its full
// fit, best first, while the deadline allows, all at one smaller share of the usual sizes when
// they do not all fit in policy.settle.timeShare of the time left at the usual ones (like with like):
// a ranking between a full fit and noisy screening fits is a ranking by noise (soybean at shrunk
// sizes, in a trial of growth motifs with variability on the asymptote: screening SEs of 15–70
// log-evidence units, and 160 of 180 s unused).
// A fit estimated at over policy.expensiveShare of the time left waits until the cheaper ones of
// all three kinds below are done (a stiff variant had spent the budget the simpler ones needed).
// Then, budget still left, the extensions of the fully fitted leaders (a group ratio or more BSV
// added to a leader by a diagnosis-driven mutation) get their full fits too: screened from the
// prior at small sizes, a model with more parameters is underrated by far more than its Occam cost
// (soybean: +group(K) variants screened 200–250 units below their parents; fully fitted, within
// 10 of them, Richards' 8 above), so its screening evidence cannot be what rules it out.
// Last, budget still left, the simpler relatives of the best full fit (its family, fewer structural
// parameters) get theirs: the ranking prefers the simpler structure within its band, which it can
// judge only between full fits (nlmixr2data's Oral_2CPT: the two-compartment truth screened 70 units
// below the three-compartment model, which won by 118 units with 90 s of the 180 unused), within
// a wider window of the best screening evidence (policy.settle.simplerWindow).
import { familyOf } from '../domain.ts';
import { checkCancel, note, reportProgress, updateCandidate, type Candidate, type DiscoveryState, type RunContext } from '../state.ts';
import { evidenceText, fitCandidate } from './fit.ts';
import { expensive, plannedFullFit, shareText, withinReach } from './promote.ts';
import { screenDeferred } from './screen.ts';
import { multipleForWork, workOfMultiple } from '../sizes.ts';

/** the screened, not fully fitted extensions of fully fitted candidates within reach of the best full fit, best parent first */
export function leaderExtensions(state: DiscoveryState, policy: RunContext['policy']): Candidate[] {
  const full = state.candidates.filter((c) => c.full && Number.isFinite(c.full.logEvidence));
  const best = full.reduce<Candidate | undefined>((b, c) => (!b || c.full!.logEvidence > b.full!.logEvidence ? c : b), undefined);
  if (!best) return [];
  const reach = (c: Candidate) => best.full!.logEvidence - c.full!.logEvidence <= Math.max(policy.fullFitWindow, policy.settle.seMultiple * Math.hypot(best.full!.logEvidenceSE, c.full!.logEvidenceSE));
  const parents = full.filter(reach).sort((a, b) => b.full!.logEvidence - a.full!.logEvidence).map((c) => c.spec.name);
  const open = state.candidates.filter((c) => c.screen && Number.isFinite(c.screen.logEvidence) && !c.full && c.extends !== undefined && parents.includes(c.extends));
  return open.sort((a, b) => parents.indexOf(a.extends!) - parents.indexOf(b.extends!) || b.screen!.logEvidence - a.screen!.logEvidence);
}

/** the screened, not fully fitted members of the best full fit's family with fewer structural parameters, within policy.settle.simplerWindow of the best screening evidence, best screening first */
export function simplerRelatives(state: DiscoveryState, policy: RunContext['policy']): Candidate[] {
  const best = state.candidates.filter((c) => c.full && Number.isFinite(c.full.logEvidence)).reduce<Candidate | undefined>((b, c) => (!b || c.full!.logEvidence > b.full!.logEvidence ? c : b), undefined);
  const family = best ? familyOf(best.spec) : null;
  if (!best || family === null) return [];
  const simpler = (c: Candidate) => familyOf(c.spec) === family && c.spec.parameters.length < best.spec.parameters.length;
  const screened = state.candidates.filter((c) => c.screen && Number.isFinite(c.screen.logEvidence));
  const top = Math.max(...screened.map((c) => c.screen!.logEvidence));
  return screened.filter((c) => !c.full && simpler(c) && top - c.screen!.logEvidence <= policy.settle.simplerWindow).sort((a, b) => b.screen!.logEvidence - a.screen!.logEvidence);
}

/**
 * The share of the usual work (particles × subjects) at which the full fits of `pool` all end within
 * policy.settle.timeShare of the time left: 1 when they do at the usual sizes (and for one series),
 * never below policy.settle.minWorkShare (null when even that does not fit them all).
 */
export function commonWorkShare(state: DiscoveryState, ctx: Pick<RunContext, 'now' | 'deadline' | 'sizes' | 'policy' | 'oneSeries' | 'budgetMs'>, pool: readonly Candidate[]): number | null {
  // one series: each full fit is already sized to a share of the budget (promote.ts plannedFullFit)
  if (ctx.oneSeries) return 1;
  const total = pool.reduce((sum, c) => sum + plannedFullFit(state, ctx, c).ms, 0);
  const room = ctx.policy.settle.timeShare * (ctx.deadline - ctx.now());
  if (total <= room) return 1;
  const share = room / total;
  return share >= ctx.policy.settle.minWorkShare ? share : null;
}

export async function settle(state: DiscoveryState, ctx: RunContext): Promise<DiscoveryState> {
  state = await screenDeferred(state, ctx);
  // fits estimated at over policy.expensiveShare of the time left wait until the cheaper ones are done
  const waiting: Waiting[] = [];
  const reach = withinReach(state, ctx.policy, ctx.conventions);
  const share = commonWorkShare(state, ctx, reach);
  const scale = share === null ? 1 : multipleForWork(share, ctx.oneSeries);
  if (scale < 1) state = note(state, ctx, `the full fits of ${reach.map((c) => c.spec.name).join(', ')} (within reach of the best screening evidence) do not fit the ${Math.round((ctx.deadline - ctx.now()) / 1000)} s left at the usual sizes: ${reach.length === 1 ? 'it runs' : 'each runs'} at ${Math.round(100 * scale)}% of them`);
  state = await fitAll(state, ctx, reach, 'full fit with the budget left', waiting, scale);
  state = await fitAll(state, ctx, leaderExtensions(state, ctx.policy), (c) => `full fit with the budget left: extends ${c.extends}, whose screening cannot judge the added parameters`, waiting);
  state = await fitAll(state, ctx, simplerRelatives(state, ctx.policy), 'full fit with the budget left: a simpler structure of the leading family, which only full fits can weigh against it', waiting);
  for (const { c, why, scale: s } of waiting.sort((a, b) => b.c.screen!.logEvidence - a.c.screen!.logEvidence)) {
    if (!state.candidates.find((x) => x.key === c.key)?.full) state = await fitAll(state, ctx, [c], typeof why === 'string' ? `${why}, after the cheaper fits` : (x) => `${why(x)}, after the cheaper fits`, undefined, s);
  }
  return state;
}

type Why = string | ((c: Candidate) => string);
/** a full fit that waits for the cheaper ones, at its share of the usual sizes */
type Waiting = { c: Candidate; why: Why; scale: number };

/** full fits of `pool` while the deadline allows, at `scale` × the planned sizes (settle's common share) */
async function fitAll(state: DiscoveryState, ctx: RunContext, pool: readonly Candidate[], why: Why, waiting?: Waiting[], scale = 1): Promise<DiscoveryState> {
  for (const c of pool) {
    checkCancel(ctx);
    const planned = plannedFullFit(state, ctx, c);
    const estimate = planned.ms * workOfMultiple(scale, ctx.oneSeries), multiple = planned.multiple * scale;
    if (ctx.now() + estimate > ctx.deadline) continue;
    if (waiting && expensive(ctx, estimate)) { waiting.push({ c, why, scale }); continue; }
    reportProgress(ctx, { stage: 'fit', round: state.round, message: `full fit of ${c.spec.name} (budget left)`, candidate: c.spec.name });
    const fitted = await fitCandidate(state, ctx, c, 'full', multiple);
    state = fitted.state;
    const r = fitted.report;
    if (r) state = note(updateCandidate(state, c.key, { full: r }), ctx, `${c.spec.name}: log-evidence ${evidenceText(r)} (${typeof why === 'string' ? why : why(c)}${shareText(multiple, ctx.oneSeries)})`);
  }
  return state;
}
