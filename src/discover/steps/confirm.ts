// Confirm (after settle, before refinement): the model the ranking would present first must have
// a full fit when the budget allows one. Settle fully fits what is within reach of the best
// screening evidence; when the full fits it chose all fail the ranking's sanity checks (a cohort
// mean below zero), a candidate known only from its screening fit can come first, and the report
// then called its ranking provisional "for lack of time" with most of the budget unused (NAFTA's
// p16 table: 3.4 of 180 s). Each pass fits the presented leader fully and ranks again; a few
// passes at most, as each fit can change the order. Where the usual sizes no longer fit the time
// left, the fit runs at the sizes that do, while those still exceed screening's: Yap's daily
// dengue curve had ended at 66 of 180 s on a screening fit, its full fit estimated beyond the
// deadline.
import { rankCandidates } from '../verdict.ts';
import { best, checkCancel, note, reportProgress, updateCandidate, type DiscoveryState, type RunContext } from '../state.ts';
import { evidenceText, fitCandidate } from './fit.ts';
import { plannedFullFit } from './promote.ts';
import { multipleForWork, workOfMultiple } from '../sizes.ts';
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
    const planned = plannedFullFit(state, ctx, leader);
    const within = sizeMultipleWithin(ctx, planned.ms, ctx.deadline - ctx.now());
    if (within === null) return state;
    reportProgress(ctx, { stage: 'fit', round: state.round, message: `full fit of ${leader.spec.name} (ranked first on its screening fit)`, candidate: leader.spec.name });
    const fitted = await fitCandidate(state, ctx, leader, 'full', planned.multiple * within);
    state = fitted.state;
    const r = fitted.report;
    if (!r) return state;
    const work = workOfMultiple(planned.multiple * within, ctx.oneSeries);
    const sizes = work < 1 ? ` at ${Math.round(100 * work)}% of the usual work, what the time left allowed` : '';
    state = note(updateCandidate(state, leader.key, { full: r }), ctx, `${leader.spec.name}: log-evidence ${evidenceText(r)} (full fit${sizes}: it ranked first on its screening fit alone)`);
  }
  return state;
}

/** the share of leeway kept when a fit is sized to the time left (the estimate is a median of ratios) */
const LEEWAY = 0.7;

/**
 * The multiple of the full sizes that fits `leftMs`: 1 when the usual sizes do; a smaller one
 * (particles only for one series, which simulates one subject whatever its size says; particles
 * and subjects alike otherwise, so the work falls with its square) while its particles still
 * exceed screening's; else null.
 */
export function sizeMultipleWithin(ctx: Pick<RunContext, 'sizes' | 'oneSeries'>, estimateMs: number, leftMs: number): number | null {
  if (estimateMs <= leftMs) return 1;
  const multiple = multipleForWork((LEEWAY * leftMs) / estimateMs, ctx.oneSeries);
  return multiple * ctx.sizes.full.particles > ctx.sizes.screen.particles ? multiple : null;
}
