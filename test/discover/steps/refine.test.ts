// The refine step alone: which leaders are re-fitted, at what size, and all-or-none.
import { describe, expect, it } from 'vitest';
import { closeLeaders, refine, refineMultiple } from '../../../src/discover/steps/refine.ts';
import { DISCOVERY_POLICY } from '../../../src/discover/policy.ts';
import { candidate, fakeContext, lines, stateOf } from './fakes.ts';

describe('refine', () => {
  it('picks the fully fitted leaders within the band of the best (or the combined SEs), at most maxModels', () => {
    const cs = [candidate('a', 1, { full: 10 }), candidate('b', 1, { full: 8 }), candidate('c', 1, { full: 5 }), candidate('s', 1, { screen: 11 })];
    expect(closeLeaders(cs, DISCOVERY_POLICY).map((c) => c.key)).toEqual(['a', 'b']);
    const noisy = [candidate('a', 1, { full: 10, se: 2 }), candidate('c', 1, { full: 5, se: 2 })];
    expect(closeLeaders(noisy, DISCOVERY_POLICY).map((c) => c.key)).toEqual(['a', 'c']); // 3·√8 ≈ 8.5 > 5
    const many = ['a', 'b', 'c', 'd'].map((n, i) => candidate(n, 1, { full: 10 - i * 0.1 }));
    expect(closeLeaders(many, DISCOVERY_POLICY).map((c) => c.key)).toEqual(['a', 'b', 'c']);
    expect(closeLeaders([candidate('a', 1, { full: 10 })], DISCOVERY_POLICY)).toEqual([]);
  });

  it('re-fits the close leaders at twice the full sizes and pools each refit with its full fit', async () => {
    const ctx = fakeContext({ evidence: { a: 9.5, b: 9.8 } });
    const s = await refine(stateOf(2, [candidate('a', 1, { full: 10, fullSeconds: 1 }), candidate('b', 1, { full: 8, fullSeconds: 1 }), candidate('c', 1, { full: 1, fullSeconds: 1 })]), ctx);
    expect(ctx.calls.map((c) => [c.name, c.options.particles, c.options.subjects])).toEqual([['a', 64, 32], ['b', 64, 32]]);
    // a: log((e^10 + 4·e^9.5)/5) = 9.622; b: log((e^8 + 4·e^9.8)/5) = 9.617 (the refit has 4× the work)
    expect(s.candidates.map((c) => c.full!.logEvidence)).toEqual([expect.closeTo(9.622, 3), expect.closeTo(9.617, 3), 1]);
    expect(s.fitted).toBe(2);
    expect(lines(s)).toEqual([
      'a: refined log-evidence 9.50 ± 0.30, pooled with the full fit 9.62 ± 0.25',
      'b: refined log-evidence 9.80 ± 0.30, pooled with the full fit 9.62 ± 0.90; the two disagree beyond their Monte-Carlo errors, so the SE is their spread',
    ]);
  });

  it('refits at a smaller multiple when 2× would overrun the deadline, and is skipped below the minimum', async () => {
    // deadline 95 s, clock at 20 s: 75 s left, planned within 80% of it (60 s); 4 × (10 + 10) = 80 s
    // would overrun, 1.7² × 20 = 58 s does not
    const ctx = fakeContext({ evidence: { a: 1, b: 1 }, budgetSeconds: 100, clock: { ms: 20_000 } });
    const s = await refine(stateOf(2, [candidate('a', 1, { full: 10, fullSeconds: 10 }), candidate('b', 1, { full: 9, fullSeconds: 10 })]), ctx);
    expect(ctx.calls.map((c) => [c.name, c.options.particles, c.options.subjects])).toEqual([['a', 54, 27], ['b', 54, 27]]);
    expect(lines(s).map((l) => l.split(', pooled')[0])).toEqual(['a: refined log-evidence 1.00 ± 0.30 (at 1.7× the full sizes: the budget left)', 'b: refined log-evidence 1.00 ± 0.30 (at 1.7× the full sizes: the budget left)']);
    // 60 s of 75 s left for 20 + 20 s of full fits: 1.2× at most, below the minimum of 1.4
    const short = fakeContext({ evidence: { a: 1, b: 1 }, budgetSeconds: 100, clock: { ms: 20_000 } });
    const t = await refine(stateOf(2, [candidate('a', 1, { full: 10, fullSeconds: 20 }), candidate('b', 1, { full: 9, fullSeconds: 20 })]), short);
    expect(short.calls).toEqual([]);
    expect(lines(t)).toEqual(['refinement of a, b skipped (time budget)']);
    expect(refineMultiple([candidate('a', 1, { full: 1, fullSeconds: 1 })], 1e6, DISCOVERY_POLICY, false)).toBe(2);
  });

  it('on one series charges a refit the multiple, not its square (only the particles grow), and pools by that work', async () => {
    // the second case above (60 s planned for 20 + 20 s of full fits) on one series: 1.5× fits
    const ctx = { ...fakeContext({ evidence: { a: 1, b: 3 }, budgetSeconds: 100, clock: { ms: 20_000 } }), oneSeries: true };
    const s = await refine(stateOf(2, [candidate('a', 1, { full: 1, fullSeconds: 20 }), candidate('b', 1, { full: 1, fullSeconds: 20 })]), ctx);
    expect(ctx.calls.map((c) => [c.name, c.options.particles])).toEqual([['a', 48], ['b', 48]]);
    // b: log((e^1 + 1.5·e^3)/2.5) = 2.576 (the refit has 1.5× the work; 2.25× would give 2.691)
    expect(s.candidates.map((c) => c.full!.logEvidence)).toEqual([1, expect.closeTo(2.576, 3)]);
    expect(refineMultiple([candidate('a', 1, { full: 1, fullSeconds: 20 }), candidate('b', 1, { full: 1, fullSeconds: 20 })], 75_000, DISCOVERY_POLICY, false)).toBeNull();
  });

  it('keeps every full fit when one refit gives nothing (all or none)', async () => {
    const ctx = fakeContext({ evidence: { a: 20 } }); // b's refit fails
    const s = await refine(stateOf(2, [candidate('a', 1, { full: 10, fullSeconds: 1 }), candidate('b', 1, { full: 9, fullSeconds: 1 })]), ctx);
    expect(s.candidates.map((c) => c.full!.logEvidence)).toEqual([10, 9]);
    expect(lines(s).at(-1)).toBe('refinement stopped at the time budget; full fits kept');
  });

  it('does nothing when switched off or after a cancel', async () => {
    const state = stateOf(2, [candidate('a', 1, { full: 10, fullSeconds: 1 }), candidate('b', 1, { full: 9, fullSeconds: 1 })]);
    const off = fakeContext({ evidence: { a: 1, b: 1 }, refine: false });
    expect(await refine(state, off)).toBe(state);
    const ctrl = new AbortController();
    ctrl.abort();
    expect(await refine(state, fakeContext({ evidence: { a: 1, b: 1 }, signal: ctrl.signal }))).toBe(state);
    expect(off.calls).toEqual([]);
  });
});
