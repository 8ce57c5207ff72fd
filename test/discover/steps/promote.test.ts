// The promote step alone: which screened candidates get a full fit.
import { describe, expect, it } from 'vitest';
import { fullFitEstimateMs, fullToScreenGuess, promote, promotionPool } from '../../../src/discover/steps/promote.ts';
import { DISCOVERY_POLICY } from '../../../src/discover/policy.ts';
import { conventionalMotifs } from '../../../src/discover/domain.ts';
import { candidate, fakeContext, lines, stateOf } from './fakes.ts';

describe('promote', () => {
  it('fully fits the best screened candidates of any round, at most fullPerRound, at the full sizes', async () => {
    const ctx = fakeContext({ evidence: { a: 3, c: 6, d: 1 }, policy: { fullPerRound: 2 } });
    const s0 = stateOf(2, [
      candidate('a', 1, { screen: 2, screenSeconds: 1 }), candidate('b', 1, { screen: 9, full: 8, screenSeconds: 1, fullSeconds: 4 }),
      candidate('c', 2, { screen: 5, screenSeconds: 1 }), candidate('d', 2, { screen: 0, screenSeconds: 1 }), candidate('e', 2),
    ]);
    const s = await promote(s0, ctx);
    expect(ctx.calls.map((c) => [c.name, c.options.particles, c.options.subjects, c.options.screening])).toEqual([['c', 32, 16, undefined], ['a', 32, 16, undefined]]);
    expect(s.candidates.map((c) => c.full?.logEvidence)).toEqual([3, 8, 6, undefined, undefined]);
    expect(s.candidates.find((c) => c.key === 'c')!.fullSeconds).toBe(1);
    expect(lines(s)).toEqual(['c: log-evidence 6.00 ± 0.30', 'a: log-evidence 3.00 ± 0.30']);
  });

  it('stops at the first candidate whose screening evidence is further than fullFitWindow below the best so far', async () => {
    const ctx = fakeContext({ evidence: { a: 0, b: 0 }, policy: { fullPerRound: 3, fullFitWindow: 10 } });
    const s = await promote(stateOf(1, [candidate('a', 1, { screen: 20 }), candidate('b', 1, { screen: 9 })]), ctx);
    expect(ctx.calls.map((c) => c.name)).toEqual(['a']);
    expect(s.candidates[1]!.full).toBeUndefined();
  });

  it('skips a full fit that would overrun the deadline (screening result kept) and tries the next', async () => {
    // deadline 95 s; a took 10 s to screen → ~80 s full (8×), b took 1 s → ~8 s; the clock is at 50 s
    const ctx = fakeContext({ evidence: { a: 1, b: 1 }, budgetSeconds: 100, clock: { ms: 50_000 } });
    const s = await promote(stateOf(1, [candidate('a', 1, { screen: 5, screenSeconds: 10 }), candidate('b', 1, { screen: 4, screenSeconds: 1 })]), ctx);
    expect(ctx.calls.map((c) => c.name)).toEqual(['b']);
    expect(s.candidates[0]!.screen!.logEvidence).toBe(5);
    expect(lines(s)[0]).toBe('a: full fit skipped (time budget; screening result kept)');
  });

  it('guesses the full/screening time ratio from the fit sizes\' work ratio before any full fit was timed', () => {
    const at = (full: number, screen: number, oneSeries = false) => fullToScreenGuess({ policy: DISCOVERY_POLICY, oneSeries, sizes: { full: { particles: full, subjects: full / 2 }, screen: { particles: screen, subjects: screen / 2 } } });
    expect(at(192, 64)).toBeCloseTo(8, 10);
    expect(at(64, 32)).toBeCloseTo(32 / 9, 10);
    // one series simulates one subject: only the particles' ratio counts
    expect(at(192, 64, true)).toBeCloseTo(3 * DISCOVERY_POLICY.fullToScreenPerWorkOneSeries, 10);
  });

  it('estimates a full fit from the full/screening time ratios seen so far, else from the policy guess', () => {
    const fresh = candidate('x', 2, { screen: 1, screenSeconds: 2 });
    expect(fullFitEstimateMs(stateOf(2, [fresh]), fresh, 8)).toBe(16_000);
    const timed = stateOf(2, [candidate('a', 1, { screen: 1, full: 1, screenSeconds: 1, fullSeconds: 3 }), fresh]);
    expect(fullFitEstimateMs(timed, fresh, 8)).toBe(6_000);
  });

  it('the pool leaves out candidates without a finite screening evidence or with a full fit', () => {
    const nan = candidate('n', 1, { screen: NaN });
    expect(promotionPool(stateOf(1, [nan, candidate('f', 1, { screen: 3, full: 4 }), candidate('s', 1, { screen: 2 })]), 5).pool.map((c) => c.key)).toEqual(['s']);
    // the window is measured from the best screening evidence (like with like), full fits or not
    expect(promotionPool(stateOf(1, [candidate('f', 1, { screen: 9, full: 4 }), candidate('s', 1, { screen: 2 })]), 5).top).toBe(9);
  });

  it('puts the leading family\'s conventional structure first when it is within the window, and not otherwise', () => {
    const c = (name: string, screen: number) => candidate(name, 1, { screen });
    const oral = [c('pk-1cmt-oral-lag', -21), c('pk-1cmt-oral-transit', -23), c('pk-1cmt-oral-mixed', -25), c('pk-1cmt-oral', -25.6)];
    expect(promotionPool(stateOf(1, oral), 2, 10).pool.map((x) => x.key)).toEqual(['pk-1cmt-oral', 'pk-1cmt-oral-lag']);
    expect(promotionPool(stateOf(1, oral), 2, 3).pool.map((x) => x.key)).toEqual(['pk-1cmt-oral-lag', 'pk-1cmt-oral-transit']);
    // another family's conventional structure is not moved
    expect(promotionPool(stateOf(1, [...oral, c('growth-logistic', -22)]), 2, 10).pool.map((x) => x.key)).toEqual(['pk-1cmt-oral', 'pk-1cmt-oral-lag']);
    // the field's conventions (tumour growth: Gompertz in place of the logistic)
    const growth = [c('growth-richards', -20), c('growth-logistic', -21), c('growth-gompertz', -24)];
    expect(promotionPool(stateOf(1, growth), 1, 10).pool.map((x) => x.key)).toEqual(['growth-logistic']);
    expect(promotionPool(stateOf(1, growth), 1, 10, conventionalMotifs('tumour volume').motifs).pool.map((x) => x.key)).toEqual(['growth-gompertz']);
  });
});
