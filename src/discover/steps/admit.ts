// Admit: give each proposal the data's regimen, compile it and key it by structure; skip what
// does not compile, what an earlier candidate already is, and what does not describe the data's
// observables (its evidence would not be comparable). Rejections go to the history.
import type { CompiledModel } from '../../model/compiled.ts';
import { findObservable } from '../../model/labels.ts';
import type { HistoryEntry } from '../api.ts';
import { applyRegimen, takesBothRoutes } from '../../infer/regimen.ts';
import { withoutBsv } from '../one-series.ts';
import { note, type Candidate, type DiscoveryState, type RunContext } from '../state.ts';
import type { Incoming } from './propose.ts';

type AdmitContext = Pick<RunContext, 'compile' | 'key' | 'regimen' | 'dataObservables' | 'identifiers' | 'now' | 't0'> & Partial<Pick<RunContext, 'oneSeries' | 'mixedRoutes'>>;

/** data observables a compiled candidate does not describe (one observable on each side is matched whatever its name, as the fitter does) */
export function missingObservables(spec: Incoming['spec'], compiled: CompiledModel, ctx: Pick<RunContext, 'dataObservables' | 'identifiers'>): string[] {
  if (ctx.dataObservables.length === 1 && compiled.observableNames.length === 1) return [];
  return ctx.dataObservables.filter((o) => findObservable(spec.observables, o, ctx.identifiers) < 0);
}

/** the state with the admissible proposals added as candidates (in order), the rest logged */
export function admit(state: DiscoveryState, ctx: AdmitContext, incoming: readonly Incoming[]): DiscoveryState {
  const reject = (s: DiscoveryState, message: string, entry: HistoryEntry): DiscoveryState => {
    const said = note(s, ctx, message);
    return { ...said, history: [...said.history, entry] };
  };
  return incoming.reduce((s, p) => {
    let spec = p.spec, compiled: CompiledModel, key: string;
    try {
      // the data's regimen drives every candidate's simulation (same target, the data's schedule)
      // (a spec dosed both ways keeps its entry per route where groups are dosed both ways: each
      // group's own regimen picks its entry in the fit, infer/regimen.ts groupModels)
      if (ctx.regimen && spec.doses?.length && !(ctx.mixedRoutes && takesBothRoutes(spec))) spec = applyRegimen(spec, ctx.regimen);
      // one trajectory: no between-subject variability (one-series.ts)
      if (ctx.oneSeries) spec = withoutBsv(spec);
      compiled = ctx.compile(spec);
      key = ctx.key(spec);
    } catch (err) {
      const msg = err instanceof Error ? err.message : String(err);
      return reject(s, `${spec.name}: invalid: ${msg.split('\n')[0]}`, { spec, errors: msg.split('\n').slice(0, 5), round: s.round });
    }
    if (s.candidates.some((c) => c.key === key)) return note(s, ctx, `${spec.name}: structurally identical to an earlier candidate, skipped`);
    const missing = missingObservables(spec, compiled, ctx);
    if (missing.length > 0) {
      const msg = `does not describe the observable${missing.length > 1 ? 's' : ''} ${missing.map((m) => `"${m}"`).join(', ')} of the data (its evidence would not be comparable)`;
      return reject(s, `${spec.name}: skipped: ${msg}`, { spec, errors: [msg], round: s.round });
    }
    const c: Candidate = { key, spec, compiled, rationale: p.rationale, origin: p.origin, ...(p.extends ? { extends: p.extends } : {}) };
    return { ...s, candidates: [...s.candidates, c] };
  }, state);
}
