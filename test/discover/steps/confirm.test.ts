// The confirm step alone: the model the ranking would present first gets a full fit when it has
// only a screening fit and the budget allows one.
import { describe, expect, it } from 'vitest';
import { confirmLeader } from '../../../src/discover/steps/confirm.ts';
import { candidate, fakeContext, lines, stateOf } from './fakes.ts';
import type { Candidate } from '../../../src/discover/state.ts';

/** a full fit whose predicted cohort mean goes below zero: the ranking's sanity check fails it */
function impossible(name: string, full: number): Candidate {
  const c = candidate(name, 1, { screen: full - 5, full });
  const band = c.full!.predictive[0]!.mean;
  const below = { ...band, median: [5, 1, -2, -4] };
  return { ...c, full: { ...c.full!, predictive: [{ ...c.full!.predictive[0]!, mean: below }] } };
}

describe('confirm the leader', () => {
  it('fully fits a leader known from its screening alone, where the full fits ahead of it fail the sanity checks', async () => {
    const s0 = stateOf(2, [impossible('dp-linear', -187), candidate('deg-fomc', 1, { screen: -240, screenSeconds: 1 }), candidate('deg-sfo', 1, { screen: -260, screenSeconds: 1 })]);
    const ctx = fakeContext({ evidence: { 'deg-fomc': -150 }, budgetSeconds: 180 });
    const s = await confirmLeader(s0, ctx);
    expect(ctx.calls.map((c) => c.name)).toEqual(['deg-fomc']);
    expect(s.candidates.find((c) => c.key === 'deg-fomc')!.full!.logEvidence).toBe(-150);
    expect(lines(s)).toEqual(['deg-fomc: log-evidence -150.00 ± 0.30 (full fit: it ranked first on its screening fit alone)']);
  });

  it('fits nothing when the leader has its full fit, or when the deadline leaves no time for one', async () => {
    const full = fakeContext({ evidence: { a: -1 } });
    await confirmLeader(stateOf(2, [candidate('a', 1, { screen: -12, full: -10 }), candidate('b', 1, { screen: -30 })]), full);
    expect(full.calls).toEqual([]);
    // every screening took 20 s: a full fit is guessed far beyond the 10 s left
    const late = fakeContext({ evidence: { 'deg-fomc': -150 }, budgetSeconds: 100, clock: { ms: 80_000 } });
    await confirmLeader(stateOf(2, [impossible('dp-linear', -187), candidate('deg-fomc', 1, { screen: -240, screenSeconds: 20 })]), late);
    expect(late.calls).toEqual([]);
  });
});
