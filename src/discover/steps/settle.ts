// Settle (after the rounds, before refinement): the rounds promote at most a few candidates per
// round, each within a fixed window of the best screening evidence. When the rounds end with budget
// left — converged early, or out of rounds — every screened candidate still within Monte-Carlo
// reach of the best screening evidence gets its full fit, best first, while the deadline allows:
// a ranking between a full fit and noisy screening fits is a ranking by noise (soybean at shrunk
// sizes, in a trial of growth motifs with variability on the asymptote: screening SEs of 15–70
// log-evidence units, and 160 of 180 s unused).
import { checkCancel, note, reportProgress, updateCandidate, type Candidate, type DiscoveryState, type RunContext } from '../state.ts';
import { evidenceText, fitCandidate } from './fit.ts';
import { fullFitEstimateMs, fullToScreenGuess, promotionPool } from './promote.ts';

/** the screened, not fully fitted candidates within reach of the best screening evidence, in promotion order */
export function withinReach(state: DiscoveryState, policy: RunContext['policy']): Candidate[] {
  const { pool, top } = promotionPool(state, Infinity);
  const best = state.candidates.find((c) => c.screen && c.screen.logEvidence === top)?.screen;
  const se = (x: number | undefined) => (Number.isFinite(x) ? x! : 0);
  return pool.filter((c) => top - c.screen!.logEvidence <= Math.max(policy.fullFitWindow, policy.settle.seMultiple * Math.hypot(se(best?.logEvidenceSE), se(c.screen!.logEvidenceSE))));
}

export async function settle(state: DiscoveryState, ctx: RunContext): Promise<DiscoveryState> {
  for (const c of withinReach(state, ctx.policy)) {
    checkCancel(ctx);
    if (ctx.now() + fullFitEstimateMs(state, c, fullToScreenGuess(ctx)) > ctx.deadline) continue;
    reportProgress(ctx, { stage: 'fit', round: state.round, message: `full fit of ${c.spec.name} (budget left)`, candidate: c.spec.name });
    const fitted = await fitCandidate(state, ctx, c, 'full');
    state = fitted.state;
    const r = fitted.report;
    if (r) state = note(updateCandidate(state, c.key, { full: r }), ctx, `${c.spec.name}: log-evidence ${evidenceText(r)} (full fit with the budget left)`);
  }
  return state;
}
