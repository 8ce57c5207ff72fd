// Feedback (the round's "diagnose"): the new candidates' fits enter the history the proposer
// sees, a full fit of an earlier candidate replaces its screening entry, and from round 2 on the
// run has converged unless the best log-evidence rose by more than `minImprovement`.
import type { HistoryEntry } from '../api.ts';
import { best, freshCandidates, reportProgress, type DiscoveryState, type RunContext } from '../state.ts';

const bestEvidence = (history: readonly HistoryEntry[]) => Math.max(-Infinity, ...history.filter((h) => h.logEvidence !== undefined).map((h) => h.logEvidence!));

export function feedback(state: DiscoveryState, ctx: Pick<RunContext, 'policy' | 'now' | 't0' | 'budgetMs' | 'onProgress'>): { state: DiscoveryState; converged: boolean } {
  const { round } = state;
  reportProgress(ctx, { stage: 'diagnose', round, message: `round ${round}: diagnosing` });
  const before = bestEvidence(state.history);
  const added: HistoryEntry[] = [];
  for (const c of freshCandidates(state)) {
    const r = best(c);
    if (r) added.push({ spec: c.spec, logEvidence: r.logEvidence, diagnostics: r.diagnostics, round });
  }
  // an upgraded (full) fit replaces the screening entry in the feedback
  const upgraded = state.history.map((h) => {
    const c = h.logEvidence === undefined ? undefined : state.candidates.find((x) => x.full && x.origin.round < round && x.spec === h.spec);
    return c ? { ...h, logEvidence: c.full!.logEvidence, diagnostics: c.full!.diagnostics } : h;
  });
  const history = [...upgraded, ...added];
  return { state: { ...state, history }, converged: round > 1 && !(bestEvidence(history) > before + ctx.policy.minImprovement) };
}
