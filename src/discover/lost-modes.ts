// A lost mode (one series): a larger model of a family far below a smaller one of the same family
// has, most likely, not found its mode — a larger model (SEIR, SIRS, Richards, DFOP, two
// compartments: more parameters) mostly contains the smaller one or comes arbitrarily close to it,
// so it cannot fit much worse. With well-mixed particles a one-series fit's evidence is
// reproducible once the mode is found, but not every seed finds it: Zika on Yap's SEIR screened
// at −62.2, −94.0 and −61.6 with seeds 1–3 (the SIR −62.8), and Yap's dengue SEIR fully fitted at
// −147.4 with one seed and −134.2 with another (the SIR −132.8). Such a fit is run again with
// another seed and the two are pooled (pool-evidence.ts: the mean of their evidences, so a run
// that found the mode carries the pool). Population tables are left alone: their small screening
// fits underrate larger models as a rule (settle's extensions and simpler relatives are for that),
// and another seed at the same sizes would not change it.
import { familyOf } from './domain.ts';
import type { Candidate, DiscoveryState, RunContext } from './state.ts';
import { withinReach } from './steps/promote.ts';

export type LostModeLevel = 'screen' | 'full';

const evidenceAt = (c: Candidate, level: LostModeLevel): number => (level === 'screen' ? c.screen : c.full)?.logEvidence ?? NaN;

/** the smaller members of `c`'s family among `others` (fewer parameters), with a finite evidence at `level` */
function smallerRelatives(c: Candidate, others: readonly Candidate[], level: LostModeLevel): Candidate[] {
  const family = familyOf(c.spec);
  if (family === null) return [];
  return others.filter((s) => Number.isFinite(evidenceAt(s, level)) && familyOf(s.spec) === family && s.spec.parameters.length < c.spec.parameters.length);
}

/**
 * One series: the candidates whose fit at `level` lies more than policy.lostMode.gap below a smaller
 * member of their own family, worst gap first, among those with runs left to try:
 * - screening: not fully fitted, out of settle's reach (within it the full fit judges them), at
 *   most policy.lostMode.rescreens more screenings each;
 * - full fits: once each, and only where that smaller member is within policy.fullFitWindow of
 *   the best full fit (the family is in contention: a lost mode far behind changes nothing shown).
 */
export function lostModes(state: DiscoveryState, ctx: Pick<RunContext, 'policy' | 'oneSeries' | 'conventions'>, level: LostModeLevel): Candidate[] {
  if (!ctx.oneSeries) return [];
  const fitted = state.candidates.filter((c) => Number.isFinite(evidenceAt(c, level)));
  const bestFull = Math.max(...state.candidates.map((c) => evidenceAt(c, 'full')).filter(Number.isFinite));
  const contends = (s: Candidate) => level === 'screen' || bestFull - evidenceAt(s, 'full') <= ctx.policy.fullFitWindow;
  const gap = (c: Candidate) => Math.max(-Infinity, ...smallerRelatives(c, fitted, level).filter(contends).map((s) => evidenceAt(s, level) - evidenceAt(c, level)));
  const reach = level === 'screen' ? new Set(withinReach(state, ctx.policy, ctx.conventions).map((c) => c.key)) : new Set<string>();
  const open = (c: Candidate) => (level === 'screen' ? !c.full && !reach.has(c.key) && (c.rescreens ?? 0) < ctx.policy.lostMode.rescreens : !c.refitted);
  return fitted.filter((c) => open(c) && gap(c) > ctx.policy.lostMode.gap).sort((a, b) => gap(b) - gap(a));
}
