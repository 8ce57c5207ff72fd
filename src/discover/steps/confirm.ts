// Confirm (after settle, before refinement): the model the ranking would present first must have
// a full fit when the budget allows one. Settle fully fits what is within reach of the best
// screening evidence; when the full fits it chose all fail the ranking's sanity checks (a cohort
// mean below zero), a candidate known only from its screening fit can come first, and the report
// then called its ranking provisional "for lack of time" with most of the budget unused (NAFTA's
// p16 table: 3.4 of 180 s). Each pass fits the presented leader fully and ranks again; a few
// passes at most, as each fit can change the order.
import { rankCandidates } from '../verdict.ts';
import { best, checkCancel, note, reportProgress, updateCandidate, type DiscoveryState, type RunContext } from '../state.ts';
import { evidenceText, fitCandidate } from './fit.ts';
import { fullFitEstimateMs, fullToScreenGuess } from './promote.ts';
import { rankable } from './rank.ts';

const MAX_PASSES = 3;

export async function confirmLeader(state: DiscoveryState, ctx: RunContext): Promise<DiscoveryState> {
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    checkCancel(ctx);
    const done = state.candidates.filter((c) => best(c) && Number.isFinite(best(c)!.logEvidence));
    if (done.length === 0) return state;
    const { ranked } = rankCandidates(rankable(state, ctx.budgetMs), (c) => c.spec, (c) => best(c)!, ctx.data, ctx.options.context);
    const leader = ranked[0]?.item;
    if (!leader || leader.full || !leader.screen) return state;
    if (ctx.now() + fullFitEstimateMs(state, leader, fullToScreenGuess(ctx)) > ctx.deadline) return state;
    reportProgress(ctx, { stage: 'fit', round: state.round, message: `full fit of ${leader.spec.name} (ranked first on its screening fit)`, candidate: leader.spec.name });
    const fitted = await fitCandidate(state, ctx, leader, 'full');
    state = fitted.state;
    const r = fitted.report;
    if (!r) return state;
    state = note(updateCandidate(state, leader.key, { full: r }), ctx, `${leader.spec.name}: log-evidence ${evidenceText(r)} (full fit: it ranked first on its screening fit alone)`);
  }
  return state;
}
