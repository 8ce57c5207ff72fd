// Promote: a full fit for the best screened candidates not yet fully fitted (any round), at most
// `fullPerRound` of them, each within `fullFitWindow` of the best log-evidence so far and only
// when its estimated time (its screening time × the full/screening ratio seen so far) fits
// before the deadline.
import { best, checkCancel, median, note, reportProgress, updateCandidate, type Candidate, type DiscoveryState, type RunContext } from '../state.ts';
import { evidenceText, fitCandidate } from './fit.ts';

/** the screened, not fully fitted candidates in order of screening evidence (at most `fullPerRound`), and the best evidence so far */
export function promotionPool(state: DiscoveryState, fullPerRound: number): { pool: Candidate[]; top: number } {
  const pool = state.candidates.filter((c) => c.screen && !c.full && Number.isFinite(c.screen.logEvidence)).sort((a, b) => b.screen!.logEvidence - a.screen!.logEvidence);
  const top = Math.max(...state.candidates.filter((c) => best(c)).map((c) => best(c)!.logEvidence));
  return { pool: pool.slice(0, fullPerRound), top };
}

/** estimated milliseconds of a candidate's full fit */
export function fullFitEstimateMs(state: DiscoveryState, c: Candidate, fullToScreenGuess: number): number {
  const ratios = state.candidates.filter((x) => x.fullSeconds !== undefined && x.screenSeconds).map((x) => x.fullSeconds! / x.screenSeconds!);
  return (c.screenSeconds ?? 1) * (ratios.length ? median(ratios) : fullToScreenGuess) * 1000;
}

export async function promote(state: DiscoveryState, ctx: RunContext): Promise<DiscoveryState> {
  const { pool, top } = promotionPool(state, ctx.policy.fullPerRound);
  for (const c of pool) {
    checkCancel(ctx);
    if (c.screen!.logEvidence < top - ctx.policy.fullFitWindow) break;
    if (ctx.now() + fullFitEstimateMs(state, c, ctx.policy.fullToScreenGuess) > ctx.deadline) { state = note(state, ctx, `${c.spec.name}: full fit skipped (time budget; screening result kept)`); continue; }
    reportProgress(ctx, { stage: 'fit', round: state.round, message: `full fit of ${c.spec.name}`, candidate: c.spec.name });
    const fitted = await fitCandidate(state, ctx, c, 'full');
    state = fitted.state;
    const r = fitted.report;
    if (r) state = note(updateCandidate(state, c.key, { full: r }), ctx, `${c.spec.name}: log-evidence ${evidenceText(r)}`);
  }
  return state;
}
