// The confirm step alone: the model the ranking would present first gets a full fit when it has
// only a screening fit and the budget allows one.
import { describe, expect, it } from 'vitest';
import { confirmLeader, sizeMultipleWithin } from '../../../src/discover/steps/confirm.ts';
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

  it('sizes the fit to the time left while that still exceeds screening, else fits nothing', () => {
    const sizes = { screen: { particles: 256, subjects: 32 }, full: { particles: 3072, subjects: 96 } };
    expect(sizeMultipleWithin({ sizes, oneSeries: true }, 50_000, 60_000)).toBe(1);
    // one series: the work is the particles'; 70% of the 60 s left of a 300-s fit
    expect(sizeMultipleWithin({ sizes, oneSeries: true }, 300_000, 60_000)).toBeCloseTo(0.14, 12);
    // several subjects: particles and subjects shrink alike, so the multiple is the work's square root
    expect(sizeMultipleWithin({ sizes, oneSeries: false }, 300_000, 60_000)).toBeCloseTo(Math.sqrt(0.14), 12);
    // no better than screening (3072 × 0.07 = 215 particles < 256): not worth a full fit
    expect(sizeMultipleWithin({ sizes, oneSeries: true }, 600_000, 60_000)).toBeNull();
  });
});
