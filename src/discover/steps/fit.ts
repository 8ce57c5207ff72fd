// One fit of one candidate, as screening, promotion and refinement run it: at the level's sizes,
// stopped at the deadline, on cancel, or (screening) when it runs far longer than the typical
// screening fit. A fit that was stopped or failed returns no report and says why in the log.
import type { FitReport } from '../../infer/report.ts';
import { DiscoveryCancelled } from '../errors.ts';
import { workOfMultiple } from '../sizes.ts';
import { note, typicalScreenMs, updateCandidate, type Candidate, type DiscoveryState, type RunContext } from '../state.ts';

export type FitLevel = 'screen' | 'full' | 'refine';

/** a fit's log-evidence as the log gives it */
export const evidenceText = (r: FitReport): string => `${r.logEvidence.toFixed(2)} ± ${r.logEvidenceSE.toFixed(2)}`;

/** how long a fit may run before it is stopped (ms from now): screening fits are capped so that one slow model cannot eat the budget of the others */
export function fitTimeLimit(state: DiscoveryState, ctx: Pick<RunContext, 'now' | 'deadline' | 'budgetMs' | 'policy'>, level: FitLevel): number {
  const typical = typicalScreenMs(state);
  const { typicalMultiple, minBudgetShare, firstBudgetShare } = ctx.policy.screenCap;
  const cap = level === 'screen' ? (Number.isFinite(typical) ? Math.max(typicalMultiple * typical, minBudgetShare * ctx.budgetMs) : firstBudgetShare * ctx.budgetMs) : Infinity;
  return Math.max(0, Math.min(ctx.deadline - ctx.now(), cap));
}

/**
 * particles and subjects of a fit at this level (the options' sizes override the full ones): a
 * refit multiplies the full sizes by `multiple` (the policy's by default), a full fit by `multiple`
 * where one is given (a one-series fit sized to the budget, promote.ts plannedFullFit)
 */
export function fitSizes(ctx: Pick<RunContext, 'sizes' | 'options' | 'policy'>, level: FitLevel, multiple?: number): { particles: number; subjects: number; screening?: true } {
  if (level === 'screen') return { screening: true, ...ctx.sizes.screen };
  const scale = multiple ?? (level === 'refine' ? ctx.policy.refine.sizeMultiple : 1);
  return { particles: Math.round(scale * (ctx.options.particles ?? ctx.sizes.full.particles)), subjects: Math.round(scale * (ctx.options.subjects ?? ctx.sizes.full.subjects)) };
}

/**
 * Runs one fit. The new state counts it, records its duration (screening and full fits) and
 * logs or records (in the history) why it gave nothing; the caller decides what the report
 * replaces. Throws DiscoveryCancelled when the caller's signal fired.
 */
export async function fitCandidate(state: DiscoveryState, ctx: RunContext, c: Candidate, level: FitLevel, multiple?: number, seed = ctx.seed): Promise<{ state: DiscoveryState; report: FitReport | null }> {
  const ctrl = new AbortController();
  const onUser = () => ctrl.abort();
  ctx.signal?.addEventListener('abort', onUser);
  let capped = false;
  // only a screening fit has a cap before the deadline (a timer may fire a millisecond early)
  const timer = setTimeout(() => { capped = level === 'screen' && ctx.now() < ctx.deadline; ctrl.abort(); }, fitTimeLimit(state, ctx, level));
  const start = ctx.now();
  try {
    const report = await ctx.fit(c.compiled, ctx.data, { seed, predictTimes: ctx.options.predictTimes, ...fitSizes(ctx, level, multiple) }, ctx.backend, { signal: ctrl.signal });
    const secs = (ctx.now() - start) / 1000;
    // (a full fit at a share of the usual sizes is timed as at the usual ones: the estimates scale
    // it; the work is the particles' for one series, particles × subjects otherwise)
    const timed = level === 'screen' ? updateCandidate(state, c.key, { screenSeconds: secs }) : level === 'full' ? updateCandidate(state, c.key, { fullSeconds: secs / workOfMultiple(multiple ?? 1, ctx.oneSeries) }) : state;
    return { state: { ...timed, fitted: timed.fitted + 1 }, report };
  } catch (err) {
    if (ctx.signal?.aborted) throw new DiscoveryCancelled();
    if (ctrl.signal.aborted) {
      const what = capped ? `${c.spec.name}: screening stopped: much slower to simulate than the other candidates` : `${c.spec.name}: ${level === 'screen' ? 'screening' : level} fit stopped at the time budget`;
      return { state: note(state, ctx, what), report: null };
    }
    const msg = err instanceof Error ? err.message : String(err);
    const said = note(state, ctx, `${c.spec.name}: fit failed: ${msg}`);
    return { state: { ...said, history: [...said.history, { spec: c.spec, errors: [msg], round: c.origin.round }] }, report: null };
  } finally {
    clearTimeout(timer);
    ctx.signal?.removeEventListener('abort', onUser);
  }
}
