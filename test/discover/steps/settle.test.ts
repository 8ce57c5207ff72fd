// The settle step alone: budget left after the rounds buys full fits for the screened
// candidates within Monte-Carlo reach of the best.
import { describe, expect, it } from 'vitest';
import { settle, withinReach } from '../../../src/discover/steps/settle.ts';
import { DISCOVERY_POLICY } from '../../../src/discover/policy.ts';
import { candidate, fakeContext, lines, stateOf } from './fakes.ts';

describe('settle', () => {
  it('reaches beyond the fixed window by two combined screening SEs, and no further', () => {
    const s = stateOf(2, [
      candidate('best', 1, { screen: -330, se: 26 }), candidate('noisy', 1, { screen: -352, se: 47 }),
      candidate('sharp', 1, { screen: -352, se: 0.5 }), candidate('far', 1, { screen: -452, se: 20 }),
      candidate('done', 1, { screen: -340, full: -300, se: 26 }),
    ]);
    // noisy: 22 below, reach 2·hypot(26, 47) ≈ 107; sharp: 22 below, reach max(10, 2·hypot(26, 0.5) ≈ 52); far: 122 below, reach ≈ 66
    expect(withinReach(s, DISCOVERY_POLICY).map((c) => c.key)).toEqual(['best', 'noisy', 'sharp']);
    const precise = stateOf(2, [candidate('best', 1, { screen: -330, se: 0.3 }), candidate('near', 1, { screen: -338, se: 0.3 }), candidate('out', 1, { screen: -345, se: 0.3 })]);
    expect(withinReach(precise, DISCOVERY_POLICY).map((c) => c.key)).toEqual(['best', 'near']);
  });

  it('fully fits them best first while the deadline allows, and leaves the rest with their screening fits', async () => {
    // deadline 95 s; every screening took 2 s → a full fit is guessed at 16 s; the clock starts at 50 s
    const ctx = fakeContext({ evidence: { a: -10, b: -12, c: -11 }, budgetSeconds: 100, clock: { ms: 50_000 }, seconds: { a: 16, b: 16, c: 16 } });
    const s0 = stateOf(3, [candidate('a', 1, { screen: -20, screenSeconds: 2, se: 5 }), candidate('b', 2, { screen: -25, screenSeconds: 2, se: 5 }), candidate('c', 3, { screen: -30, screenSeconds: 2, se: 5 })]);
    const s = await settle(s0, ctx);
    // a at 50 → 66 s, b at 66 → 82 s; c would end at ~98 s > 95 s
    expect(ctx.calls.map((c) => c.name)).toEqual(['a', 'b']);
    expect(s.candidates.map((c) => c.full?.logEvidence)).toEqual([-10, -12, undefined]);
    expect(lines(s)).toEqual(['a: log-evidence -10.00 ± 0.30 (full fit with the budget left)', 'b: log-evidence -12.00 ± 0.30 (full fit with the budget left)']);
  });
});
