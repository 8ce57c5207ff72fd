// Refit lost modes (after settle, before the leader is confirmed; one series): a full fit far
// below a smaller model of its own family, where that family is in contention, is run once more
// with another seed at the sizes a full fit gets now, while it fits before the deadline, and
// pooled with the first (lost-modes.ts): Yap's dengue SEIR had come out at −147.4 with seed 1
// against the SIR's −132.8, where seed 2 gives −134.2.
import { lostModes } from '../lost-modes.ts';
import { poolEvidence } from '../pool-evidence.ts';
import { checkCancel, note, reportProgress, updateCandidate, type DiscoveryState, type RunContext } from '../state.ts';
import { evidenceText, fitCandidate } from './fit.ts';
import { plannedFullFit } from './promote.ts';

export async function refitLostModes(state: DiscoveryState, ctx: RunContext): Promise<DiscoveryState> {
  for (let c = lostModes(state, ctx, 'full')[0]; c; c = lostModes(state, ctx, 'full')[0]) {
    checkCancel(ctx);
    state = updateCandidate(state, c.key, { refitted: true });
    const planned = plannedFullFit(state, ctx, c);
    if (ctx.now() + planned.ms > ctx.deadline) { state = note(state, ctx, `${c.spec.name}: full fit far below a smaller model of its family (a lost mode?), not refitted: time budget`); continue; }
    reportProgress(ctx, { stage: 'fit', round: state.round, message: `full fit of ${c.spec.name} again (another seed)`, candidate: c.spec.name });
    const fitted = await fitCandidate(state, ctx, c, 'full', planned.multiple, ctx.seed + 1);
    state = fitted.state;
    const r = fitted.report;
    if (!r) continue;
    // pooled by their work: one simulated subject, so the particles'
    const pooled = poolEvidence(c.full!, r, r.particles / c.full!.particles);
    const why = pooled.disagree ? '; the two disagree beyond their Monte-Carlo errors, so the SE is their spread' : '';
    state = note(updateCandidate(state, c.key, { full: pooled.report }), ctx, `${c.spec.name}: fitted again with seed ${ctx.seed + 1} (far below a smaller model of its family: a lost mode?): ${evidenceText(r)}, pooled with the first full fit ${evidenceText(pooled.report)}${why}`);
  }
  return state;
}
