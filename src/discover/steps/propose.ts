// Propose: ask the proposer for the round's candidates (with the history as feedback), in the
// data's observable names; round 1 adds the user's own specs.
import type { ModelSpec } from '../../model/spec.ts';
import { withDataLabels } from '../data-labels.ts';
import { checkCancel, note, reportProgress, type Candidate, type DiscoveryState, type RunContext } from '../state.ts';

/** a proposal on its way to admission */
export interface Incoming { spec: ModelSpec; rationale: string; origin: Candidate['origin']; extends?: string }

/**
 * The round's proposals, or `stop` when the proposer failed after earlier rounds (the run then
 * ranks what it has). A failure in the first round, before any candidate, is rethrown.
 */
export async function propose(state: DiscoveryState, ctx: RunContext): Promise<{ state: DiscoveryState; incoming: Incoming[]; stop?: true }> {
  const { round } = state;
  reportProgress(ctx, { stage: 'propose', round, message: `round ${round}: proposing candidates` });
  const [firstK, laterK] = ctx.policy.perRound;
  let proposals;
  try {
    proposals = await ctx.proposer.propose({ text: ctx.options.context, data: ctx.data }, [...state.history], round === 1 ? firstK : laterK, ctx.signal);
  } catch (err) {
    checkCancel(ctx);
    const msg = err instanceof Error ? err.message : String(err);
    const said = note(state, ctx, `proposer failed: ${msg}`);
    if (state.candidates.length === 0) throw err instanceof Error ? err : new Error(msg);
    return { state: said, incoming: [], stop: true };
  }
  const labelled = (spec: ModelSpec) => withDataLabels(spec, ctx.identifiers);
  const incoming: Incoming[] = proposals.map((p) => ({ spec: labelled(p.spec), rationale: p.rationale, origin: { proposer: ctx.proposer.name, round }, ...(typeof p.extends === 'string' ? { extends: p.extends } : {}) }));
  if (round === 1) for (const s of ctx.options.extraSpecs ?? []) incoming.push({ spec: labelled(s), rationale: s.rationale ?? s.description ?? 'user-written model', origin: { proposer: 'user', round } });
  return { state, incoming };
}
