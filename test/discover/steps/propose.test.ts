// The propose step alone: how many proposals it asks for, what it passes along, proposer failures.
import { describe, expect, it } from 'vitest';
import { propose } from '../../../src/discover/steps/propose.ts';
import { DiscoveryCancelled } from '../../../src/discover/errors.ts';
import type { HistoryEntry, Proposer } from '../../../src/discover/api.ts';
import { candidate, fakeContext, lines, spec, stateOf } from './fakes.ts';

function recordingProposer(): Proposer & { asked: { budget: number; history: HistoryEntry[] }[] } {
  const asked: { budget: number; history: HistoryEntry[] }[] = [];
  return { name: 'library', asked, propose: async (_ctx, history, budget) => { asked.push({ budget, history }); return [{ spec: spec('a'), rationale: 'because' }]; } };
}

describe('propose', () => {
  it('asks for the first-round count in round 1 and the later count after, with the history as feedback', async () => {
    const proposer = recordingProposer();
    const ctx = fakeContext({ proposer, policy: { perRound: [5, 2] } });
    const history: HistoryEntry[] = [{ spec: spec('old'), logEvidence: -3, round: 1 }];
    const first = await propose(stateOf(1, []), ctx);
    await propose(stateOf(2, [candidate('old', 1)], { history }), ctx);
    expect(proposer.asked.map((a) => a.budget)).toEqual([5, 2]);
    expect(proposer.asked[1]!.history).toEqual(history);
    expect(first.incoming).toEqual([{ spec: expect.objectContaining({ name: 'a' }), rationale: 'because', origin: { proposer: 'library', round: 1 } }]);
  });

  it("adds the user's specs in round 1 only, as the user's", async () => {
    const ctx = fakeContext({ proposer: recordingProposer() });
    const withUser = { ...ctx, options: { extraSpecs: [{ ...spec('mine'), rationale: 'my reason' }] } };
    const one = await propose(stateOf(1, []), withUser);
    const two = await propose(stateOf(2, [candidate('a', 1)]), withUser);
    expect(one.incoming.map((p) => [p.spec.name, p.origin.proposer, p.rationale])).toEqual([['a', 'library', 'because'], ['mine', 'user', 'my reason']]);
    expect(two.incoming.map((p) => p.spec.name)).toEqual(['a']);
  });

  it('a proposer failure before any candidate ends the run; after earlier rounds it stops the rounds with a log line', async () => {
    const failing: Proposer = { name: 'webllm', propose: async () => { throw new Error('engine lost'); } };
    const ctx = fakeContext({ proposer: failing });
    await expect(propose(stateOf(1, []), ctx)).rejects.toThrow('engine lost');
    const later = await propose(stateOf(2, [candidate('a', 1)]), ctx);
    expect(later.stop).toBe(true);
    expect(later.incoming).toEqual([]);
    expect(lines(later.state)).toEqual(['proposer failed: engine lost']);
  });

  it('a proposer that fails because the run was cancelled ends it as cancelled', async () => {
    const ctrl = new AbortController();
    const proposer: Proposer = { name: 'library', propose: async () => { ctrl.abort(); throw new Error('aborted'); } };
    const err = await propose(stateOf(2, [candidate('a', 1)]), fakeContext({ proposer, signal: ctrl.signal })).then(() => null, (e: Error) => e);
    expect(err).toBeInstanceOf(DiscoveryCancelled);
    expect(err!.name).toBe('AbortError');
  });
});
