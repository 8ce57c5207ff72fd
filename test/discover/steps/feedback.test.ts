// The feedback step alone: what the proposer will see, and when the rounds have converged.
import { describe, expect, it } from 'vitest';
import { feedback } from '../../../src/discover/steps/feedback.ts';
import { candidate, fakeContext, stateOf } from './fakes.ts';

describe('feedback', () => {
  it("adds the round's fitted candidates to the history and replaces an earlier screening entry by its full fit", () => {
    const a = candidate('a', 1, { screen: 1, full: 4 });
    const history = [{ spec: a.spec, logEvidence: 1, round: 1 }, { spec: candidate('bad', 1).spec, errors: ['invalid'], round: 1 }];
    const s0 = stateOf(2, [a, candidate('b', 2, { screen: 2 }), candidate('c', 2, { screen: 0, full: 3 }), candidate('unfitted', 2)], { history });
    const { state } = feedback(s0, fakeContext());
    expect(state.history.map((h) => [h.spec.name, h.logEvidence, h.round])).toEqual([['a', 4, 1], ['bad', undefined, 1], ['b', 2, 2], ['c', 3, 2]]);
    expect(s0.history[0]!.logEvidence).toBe(1); // the given state is left as it was
  });

  it('converges from round 2 on when the best evidence rose by no more than minImprovement', () => {
    const ctx = fakeContext({ policy: { minImprovement: 1 } });
    const history = [{ spec: candidate('a', 1).spec, logEvidence: 5, round: 1 }];
    expect(feedback(stateOf(2, [candidate('a', 1, { screen: 5 }), candidate('b', 2, { screen: 5.9 })], { history }), ctx).converged).toBe(true);
    expect(feedback(stateOf(2, [candidate('a', 1, { screen: 5 }), candidate('b', 2, { screen: 6.1 })], { history }), ctx).converged).toBe(false);
    // an earlier candidate's new full fit counts as an improvement
    const a = candidate('a', 1, { screen: 5, full: 7 });
    expect(feedback(stateOf(2, [a, candidate('b', 2, { screen: 0 })], { history: [{ spec: a.spec, logEvidence: 5, round: 1 }] }), ctx).converged).toBe(false);
    expect(feedback(stateOf(1, [candidate('a', 1, { screen: -50 })]), ctx).converged).toBe(false);
  });
});
