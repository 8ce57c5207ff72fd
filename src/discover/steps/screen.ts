// Screen: a small fit of each new candidate, unless the typical screening time so far no longer
// fits before the deadline.
import { checkCancel, freshCandidates, note, reportProgress, typicalScreenMs, updateCandidate, type DiscoveryState, type RunContext } from '../state.ts';
import { evidenceText, fitCandidate } from './fit.ts';

export async function screen(state: DiscoveryState, ctx: RunContext): Promise<DiscoveryState> {
  const fresh = freshCandidates(state);
  for (const [i, c] of fresh.entries()) {
    checkCancel(ctx);
    const est = typicalScreenMs(state);
    if (Number.isFinite(est) && ctx.now() + est > ctx.deadline) { state = note(state, ctx, `${c.spec.name}: not screened (time budget)`); continue; }
    reportProgress(ctx, { stage: 'screen', round: state.round, message: `screening ${c.spec.name} (${i + 1}/${fresh.length})`, candidate: c.spec.name });
    const fitted = await fitCandidate(state, ctx, c, 'screen');
    state = fitted.state;
    const r = fitted.report;
    if (r) state = note(updateCandidate(state, c.key, { screen: r }), ctx, `${c.spec.name}: screening log-evidence ${evidenceText(r)}`);
  }
  return state;
}
