// Refine (after the last round): when the leaders are close, re-fit them all at `sizeMultiple`
// times the particles and subjects (less Monte-Carlo noise in the evidences that decide the
// ranking), or at a smaller multiple (not below `minSizeMultiple`) that lets all of them finish
// in the budget left; all or none, so that the evidences stay comparable, otherwise the full
// fits are kept. Each refit is pooled with its full fit (pool-evidence.ts), not put in its place.
import type { FitReport } from '../../infer/report.ts';
import type { DiscoveryPolicy } from '../policy.ts';
import { checkCancel, note, reportProgress, updateCandidate, type Candidate, type DiscoveryState, type RunContext } from '../state.ts';
import { evidenceText, fitCandidate } from './fit.ts';
import { poolEvidence } from '../pool-evidence.ts';
import { multipleForWork, workOfMultiple } from '../sizes.ts';

/** the fully fitted leaders within the refinement band of the best (at most `maxModels`, best first) */
export function closeLeaders(candidates: readonly Candidate[], policy: Pick<DiscoveryPolicy, 'refine'>): Candidate[] {
  const leaders = candidates.filter((c) => c.full && Number.isFinite(c.full.logEvidence)).sort((a, b) => b.full!.logEvidence - a.full!.logEvidence);
  if (leaders.length < 2) return [];
  const top = leaders[0]!.full!;
  const { band, seMultiple, maxModels } = policy.refine;
  return leaders.filter((c) => top.logEvidence - c.full!.logEvidence <= Math.max(band, seMultiple * Math.hypot(top.logEvidenceSE, c.full!.logEvidenceSE))).slice(0, maxModels);
}

/**
 * estimated milliseconds of refining these candidates: a refit costs the square of the size
 * multiple, or the multiple itself on one series (only its particles grow: workOfMultiple)
 */
export const refineEstimateMs = (close: readonly Candidate[], sizeMultiple: number, oneSeries: boolean): number =>
  close.reduce((a, c) => a + workOfMultiple(sizeMultiple, oneSeries) * (c.fullSeconds ?? Infinity), 0) * 1000;

/** the largest size multiple (at most the policy's) whose refits end within the policy's share of `leftMs`, or null below the policy's minimum */
export function refineMultiple(close: readonly Candidate[], leftMs: number, policy: Pick<DiscoveryPolicy, 'refine'>, oneSeries: boolean): number | null {
  const { sizeMultiple, minSizeMultiple, timeShare } = policy.refine;
  const affordable = multipleForWork((timeShare * leftMs) / refineEstimateMs(close, 1, oneSeries), oneSeries);
  const m = Math.min(sizeMultiple, Math.floor(10 * affordable) / 10);
  return m >= minSizeMultiple ? m : null;
}

export async function refine(state: DiscoveryState, ctx: RunContext): Promise<DiscoveryState> {
  if (!ctx.refine || ctx.signal?.aborted) return state;
  const close = closeLeaders(state.candidates, ctx.policy);
  if (close.length < 2) return state;
  const multiple = refineMultiple(close, ctx.deadline - ctx.now(), ctx.policy, ctx.oneSeries);
  if (multiple === null) return note(state, ctx, `refinement of ${close.map((c) => c.spec.name).join(', ')} skipped (time budget)`);
  const refined: FitReport[] = [];
  for (const c of close) {
    checkCancel(ctx);
    reportProgress(ctx, { stage: 'fit', round: state.round, message: `refining ${c.spec.name}`, candidate: c.spec.name });
    const fitted = await fitCandidate(state, ctx, c, 'refine', multiple);
    state = fitted.state;
    if (!fitted.report) break;
    refined.push(fitted.report);
  }
  if (refined.length < close.length) return note(state, ctx, 'refinement stopped at the time budget; full fits kept');
  const at = multiple === ctx.policy.refine.sizeMultiple ? '' : ` (at ${multiple}× the full sizes: the budget left)`;
  return close.reduce((s, c, i) => {
    const pooled = poolEvidence(c.full!, refined[i]!, workOfMultiple(multiple, ctx.oneSeries));
    const why = pooled.disagree ? '; the two disagree beyond their Monte-Carlo errors, so the SE is their spread' : '';
    return note(updateCandidate(s, c.key, { full: pooled.report }), ctx, `${c.spec.name}: refined log-evidence ${evidenceText(refined[i]!)}${at}, pooled with the full fit ${evidenceText(pooled.report)}${why}`);
  }, state);
}
