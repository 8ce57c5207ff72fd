// Screen: a small fit of each new candidate, unless the typical screening time so far no longer
// fits before the deadline, or would not leave time for the full fits of the candidates within
// reach of the best screening evidence: remifentanil at 180 s on a slow day screened six
// candidates at 15 s each, then the leader's full fit was stopped at the deadline and the ranking
// rested on screening fits alone. A later round's candidates need that time only at the smallest
// share settle runs those fits at.
// A candidate skipped so is deferred, not dropped: a later round (whose identical proposal is
// deduplicated against it) or settle screens it when time allows.
// One series: a screening far below a smaller model of its own family (which it contains) is taken
// for a lost mode and run again with other seeds before promotion (lost-modes.ts, policy.lostMode).
import { lostModes } from '../lost-modes.ts';
import { poolEvidence } from '../pool-evidence.ts';
import { checkCancel, freshCandidates, note, reportProgress, typicalScreenMs, updateCandidate, type Candidate, type DiscoveryState, type RunContext } from '../state.ts';
import { evidenceText, fitCandidate } from './fit.ts';
import { plannedFullFit, withinReach } from './promote.ts';

/**
 * the milliseconds to keep for the full fits the ranking needs, from `minScreened` screenings on:
 * `fullFitMultiple` × the estimated full fits of the candidates within reach of the best screening
 * evidence not yet fully fitted (settle fits them all: a full fit ranked against screening fits is
 * ranked by noise; remifentanil on a 2.5 times slower machine screened three one-compartment
 * models far behind, and the three-compartment model within reach never got its full fit; the
 * margin because a larger model's full fit takes more than its screening time says)
 */
export function fullFitReserveMs(state: DiscoveryState, ctx: Pick<RunContext, 'policy' | 'sizes' | 'oneSeries' | 'budgetMs' | 'conventions'>): number {
  const screened = state.candidates.filter((c) => c.screen && Number.isFinite(c.screen.logEvidence));
  if (screened.length < ctx.policy.screenReserve.minScreened) return 0;
  // one series: each full fit is sized to a share of the budget (promote.ts plannedFullFit), so the
  // leader's alone is kept, before any full fit (a reserve for every curve within reach had left
  // the chloride series' conventional curve unscreened)
  if (ctx.oneSeries) {
    if (state.candidates.some((c) => c.full)) return 0;
    const leader = screened.reduce<Candidate>((b, c) => (c.screen!.logEvidence > b.screen!.logEvidence ? c : b), screened[0]!);
    return ctx.policy.screenReserve.fullFitMultiple * plannedFullFit(state, ctx, leader).ms;
  }
  return ctx.policy.screenReserve.fullFitMultiple * withinReach(state, ctx.policy, ctx.conventions).reduce((sum, c) => sum + plannedFullFit(state, ctx, c).ms, 0);
}

/** screens this round's new candidates, after any an earlier round had to leave unscreened */
export async function screen(state: DiscoveryState, ctx: RunContext): Promise<DiscoveryState> {
  return screenEach(state, ctx, [...state.candidates.filter((c) => c.deferred && c.origin.round < state.round), ...freshCandidates(state)]);
}

/** screens the candidates left unscreened for lack of time (settle, after the rounds) */
export async function screenDeferred(state: DiscoveryState, ctx: RunContext): Promise<DiscoveryState> {
  return screenEach(state, ctx, state.candidates.filter((c) => c.deferred));
}

/** screens again, with the next seeds, the candidates whose screening looks like a lost mode (lost-modes.ts), pooling each one's screenings */
async function rescreenLostModes(state: DiscoveryState, ctx: RunContext): Promise<DiscoveryState> {
  for (let c = lostModes(state, ctx, 'screen')[0]; c; c = lostModes(state, ctx, 'screen')[0]) {
    checkCancel(ctx);
    if (ctx.now() + typicalScreenMs(state) + fullFitReserveMs(state, ctx) > ctx.deadline) break;
    const attempt = (c.rescreens ?? 0) + 1;
    reportProgress(ctx, { stage: 'screen', round: state.round, message: `screening ${c.spec.name} again (another seed)`, candidate: c.spec.name });
    const fitted = await fitCandidate(updateCandidate(state, c.key, { rescreens: attempt }), ctx, c, 'screen', undefined, ctx.seed + attempt);
    state = fitted.state;
    const r = fitted.report;
    // (the screening so far pools `attempt` runs of the same size)
    const pooled = r ? poolEvidence(c.screen!, r, 1 / attempt).report : c.screen!;
    state = note(updateCandidate(state, c.key, { screen: pooled }), ctx, `${c.spec.name}: screened again with seed ${ctx.seed + attempt} (far below a smaller model of its family: a lost mode?): ${r ? `${evidenceText(r)}, pooled with the earlier screening ${evidenceText(pooled)}` : 'no result'}`);
  }
  return state;
}

async function screenEach(state: DiscoveryState, ctx: RunContext, pool: readonly Candidate[]): Promise<DiscoveryState> {
  for (const [i, c] of pool.entries()) {
    checkCancel(ctx);
    const est = typicalScreenMs(state);
    // said once: a candidate deferred again is not logged again
    const skip = (why: string) => (c.deferred ? state : note(updateCandidate(state, c.key, { deferred: true }), ctx, `${c.spec.name}: not screened (${why})`));
    if (Number.isFinite(est) && ctx.now() + est > ctx.deadline) { state = skip('time budget'); continue; }
    // a later round's proposal (a mutation for what the leaders' diagnosis found) is screened while
    // those full fits still fit at the smallest share settle runs them at
    const reserveShare = c.origin.round > 1 ? ctx.policy.settle.minWorkShare : 1;
    if (Number.isFinite(est) && ctx.now() + est + reserveShare * fullFitReserveMs(state, ctx) > ctx.deadline) { state = skip("time kept for the leaders' full fits"); continue; }
    reportProgress(ctx, { stage: 'screen', round: state.round, message: `screening ${c.spec.name} (${i + 1}/${pool.length})`, candidate: c.spec.name });
    state = updateCandidate(state, c.key, { deferred: false });
    const fitted = await fitCandidate(state, ctx, c, 'screen');
    state = fitted.state;
    const r = fitted.report;
    if (r) state = note(updateCandidate(state, c.key, { screen: r }), ctx, `${c.spec.name}: screening log-evidence ${evidenceText(r)}${c.deferred ? ' (left unscreened earlier)' : ''}`);
  }
  return rescreenLostModes(state, ctx);
}
