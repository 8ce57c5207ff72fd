// Promote: a full fit for the best screened candidates not yet fully fitted (any round), at most
// `fullPerRound` of them, each within `fullFitWindow` of the best screening log-evidence (like
// with like: a full fit's evidence sits above a screening one's, more so with more parameters)
// and only when its estimated time (its screening time × the full/screening ratio seen so far,
// else the sizes' work ratio × DISCOVERY_POLICY.fullToScreenPerWork) fits before the deadline; one
// estimated at over `expensiveShare` of the time left waits for settle, which fits it after the
// cheaper ones. The field's default structure of the leading family (domain.ts
// CONVENTIONAL_MOTIFS: one-compartment oral PK, logistic growth, …) goes first when it is within
// the window: ranked on a screening fit alone it would lose to variants that got full fits.
import { familyOf, isConventional } from '../domain.ts';
import { checkCancel, median, note, reportProgress, updateCandidate, type Candidate, type DiscoveryState, type RunContext } from '../state.ts';
import { evidenceText, fitCandidate } from './fit.ts';
import { FULL_FIT_BUDGET_SHARE, ONE_SERIES_PARTICLES, ONE_SERIES_SCREEN_PARTICLES } from '../sizes.ts';

/**
 * The screened, not fully fitted candidates in promotion order (at most `fullPerRound`), and the
 * best screening evidence (`top`) the window is measured from.
 */
export function promotionPool(state: DiscoveryState, fullPerRound: number, fullFitWindow = Infinity, conventions?: ReadonlySet<string>): { pool: Candidate[]; top: number } {
  const screened = state.candidates.filter((c) => c.screen && Number.isFinite(c.screen.logEvidence));
  const top = Math.max(...screened.map((c) => c.screen!.logEvidence));
  const byScreen = (a: Candidate, b: Candidate) => b.screen!.logEvidence - a.screen!.logEvidence;
  const leader = [...screened].sort(byScreen)[0];
  const family = leader ? familyOf(leader.spec) : null;
  const conventional = (c: Candidate) => family !== null && isConventional(c.spec, conventions) && familyOf(c.spec) === family && c.screen!.logEvidence >= top - fullFitWindow;
  const open = screened.filter((c) => !c.full).sort(byScreen);
  const pool = [...open.filter(conventional), ...open.filter((c) => !conventional(c))];
  return { pool: pool.slice(0, fullPerRound), top };
}

/** the screened, not fully fitted candidates within reach of the best screening evidence, in promotion order */
export function withinReach(state: DiscoveryState, policy: RunContext['policy'], conventions?: ReadonlySet<string>): Candidate[] {
  const { pool, top } = promotionPool(state, Infinity, Infinity, conventions);
  const best = state.candidates.find((c) => c.screen && c.screen.logEvidence === top)?.screen;
  const se = (x: number | undefined) => (Number.isFinite(x) ? x! : 0);
  return pool.filter((c) => top - c.screen!.logEvidence <= Math.max(policy.settle.window, policy.settle.seMultiple * Math.hypot(se(best?.logEvidenceSE), se(c.screen!.logEvidenceSE))));
}

/** a full fit that would take more than the policy's share of the time left (it waits for the cheaper ones) */
export const expensive = (ctx: Pick<RunContext, 'now' | 'deadline' | 'policy'>, estimateMs: number): boolean =>
  estimateMs > ctx.policy.expensiveShare * (ctx.deadline - ctx.now());

/** estimated milliseconds of a candidate's full fit */
export function fullFitEstimateMs(state: DiscoveryState, c: Candidate, fullToScreenGuess: number): number {
  const ratios = state.candidates.filter((x) => x.fullSeconds !== undefined && x.screenSeconds).map((x) => x.fullSeconds! / x.screenSeconds!);
  return (c.screenSeconds ?? 1) * (ratios.length ? median(ratios) : fullToScreenGuess) * 1000;
}

/**
 * the full/screening time ratio assumed before any full fit was timed: the policy's per-work
 * factor × the sizes' work ratio (for one series, the particles' alone: one subject is simulated
 * whatever the sizes say, and counting them had guessed a daily outbreak's full fit 3 times too
 * long, so it was skipped with most of the budget left)
 */
export function fullToScreenGuess(ctx: Pick<RunContext, 'sizes' | 'policy' | 'oneSeries'>): number {
  const work = (s: { particles: number; subjects: number }) => s.particles * (ctx.oneSeries ? 1 : s.subjects);
  return (ctx.oneSeries ? ctx.policy.fullToScreenPerWorkOneSeries : ctx.policy.fullToScreenPerWork) * (work(ctx.sizes.full) / work(ctx.sizes.screen));
}

/**
 * A candidate's full fit as it will run: the share of the usual sizes and its estimated
 * milliseconds. One series takes ONE_SERIES_PARTICLES times the particles (sizes.ts) on the up-front estimate
 * of a small model's cost; where its measured screening says a full fit would take more than
 * FULL_FIT_BUDGET_SHARE of the budget, the particles shrink to that share, not below screening's
 * multiple (a daily outbreak curve's SIR had taken 150 of 180 s, leaving the SEIR unfitted).
 */
export function plannedFullFit(state: DiscoveryState, ctx: Pick<RunContext, 'sizes' | 'policy' | 'oneSeries' | 'budgetMs'>, c: Candidate): { ms: number; multiple: number } {
  const usual = fullFitEstimateMs(state, c, fullToScreenGuess(ctx));
  const cap = FULL_FIT_BUDGET_SHARE * ctx.budgetMs;
  const multiple = ctx.oneSeries && usual > cap ? Math.max(ONE_SERIES_SCREEN_PARTICLES / ONE_SERIES_PARTICLES, cap / usual) : 1;
  return { ms: usual * multiple, multiple };
}

/** the log's words for a full fit at a share of the usual sizes */
export const shareText = (multiple: number, oneSeries: boolean): string => (multiple < 1 ? `; at ${Math.round(100 * multiple)}% of the usual ${oneSeries ? 'particles' : 'sizes'}` : '');

export async function promote(state: DiscoveryState, ctx: RunContext): Promise<DiscoveryState> {
  const { pool, top } = promotionPool(state, ctx.policy.fullPerRound, ctx.policy.fullFitWindow, ctx.conventions);
  for (const c of pool) {
    checkCancel(ctx);
    if (c.screen!.logEvidence < top - ctx.policy.fullFitWindow) continue;
    const { ms: estimate, multiple } = plannedFullFit(state, ctx, c);
    if (ctx.now() + estimate > ctx.deadline) { state = note(state, ctx, `${c.spec.name}: full fit skipped (time budget; screening result kept)`); continue; }
    if (expensive(ctx, estimate)) { state = note(state, ctx, `${c.spec.name}: full fit deferred (about ${Math.round(estimate / 1000)} s of the ${Math.round((ctx.deadline - ctx.now()) / 1000)} s left: cheaper fits first)`); continue; }
    reportProgress(ctx, { stage: 'fit', round: state.round, message: `full fit of ${c.spec.name}`, candidate: c.spec.name });
    const fitted = await fitCandidate(state, ctx, c, 'full', multiple);
    state = fitted.state;
    const r = fitted.report;
    if (r) state = note(updateCandidate(state, c.key, { full: r }), ctx, `${c.spec.name}: log-evidence ${evidenceText(r)}${multiple < 1 ? ` (full fit at ${Math.round(100 * multiple)}% of the usual particles, what a quarter of the budget allows)` : ''}`);
  }
  return state;
}
