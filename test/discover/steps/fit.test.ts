// One fit of one candidate: its sizes, its time limit, and how it is stopped.
import { describe, expect, it } from 'vitest';
import { fitCandidate, fitSizes, fitTimeLimit } from '../../../src/discover/steps/fit.ts';
import { DiscoveryCancelled } from '../../../src/discover/errors.ts';
import { candidate, fakeContext, lines, stateOf } from './fakes.ts';

describe('fit of one candidate', () => {
  it('screens at the screening sizes; full fits at the full sizes (or the options), refits at sizeMultiple times those', () => {
    const ctx = fakeContext();
    expect(fitSizes(ctx, 'screen')).toEqual({ screening: true, particles: 8, subjects: 4 });
    expect(fitSizes(ctx, 'full')).toEqual({ particles: 32, subjects: 16 });
    expect(fitSizes(ctx, 'refine')).toEqual({ particles: 64, subjects: 32 });
    expect(fitSizes({ ...ctx, options: { particles: 100 } }, 'refine')).toEqual({ particles: 200, subjects: 32 });
  });

  it('a screening fit may run a quarter of the budget at first, then 3× the typical screening (at least 5% of the budget); never past the deadline', () => {
    const ctx = fakeContext({ budgetSeconds: 100 }); // deadline 95 s
    expect(fitTimeLimit(stateOf(1, []), ctx, 'screen')).toBe(25_000);
    expect(fitTimeLimit(stateOf(1, [candidate('a', 1, { screenSeconds: 4 })]), ctx, 'screen')).toBe(12_000);
    expect(fitTimeLimit(stateOf(1, [candidate('a', 1, { screenSeconds: 1 })]), ctx, 'screen')).toBe(5_000);
    expect(fitTimeLimit(stateOf(1, []), ctx, 'full')).toBe(95_000);
    ctx.clock.ms = 90_000;
    expect(fitTimeLimit(stateOf(1, []), ctx, 'screen')).toBe(5_000);
    ctx.clock.ms = 99_000;
    expect(fitTimeLimit(stateOf(1, []), ctx, 'refine')).toBe(0);
  });

  it('stops a fit at its limit: a slow screening fit says so, a full fit at the deadline says the budget stopped it', async () => {
    // a fit that runs until it is stopped; `toDeadline`: the clock reaches the deadline meanwhile
    const waitForStop = (ctx: ReturnType<typeof fakeContext>, toDeadline: boolean) => ({
      ...ctx,
      fit: (_m: unknown, _d: unknown, _o: unknown, _b: unknown, hooks?: { signal?: AbortSignal }) => {
        if (toDeadline) ctx.clock.ms = ctx.deadline;
        return new Promise<never>((_, reject) => hooks!.signal!.addEventListener('abort', () => reject(new Error('aborted'))));
      },
    });
    const slow = fakeContext({ budgetSeconds: 0.04 });
    const s = await fitCandidate(stateOf(1, [candidate('a', 1)]), waitForStop(slow, false), candidate('a', 1), 'screen');
    expect(s.report).toBeNull();
    expect(lines(s.state)).toEqual(['a: screening stopped: much slower to simulate than the other candidates']);
    expect(s.state.fitted).toBe(0);
    const late = fakeContext({ budgetSeconds: 0.02 });
    const f = await fitCandidate(stateOf(1, [candidate('a', 1)]), waitForStop(late, true), candidate('a', 1), 'full');
    expect(lines(f.state)).toEqual(['a: full fit stopped at the time budget']);
    expect(f.state.history).toEqual([]);
    // a full fit whose timer fires a little before the clock reaches the deadline is still stopped by the budget, not "slow to simulate"
    const early = await fitCandidate(stateOf(1, [candidate('a', 1)]), waitForStop(fakeContext({ budgetSeconds: 0.02 }), false), candidate('a', 1), 'refine');
    expect(lines(early.state)).toEqual(['a: refine fit stopped at the time budget']);
  });

  it('ends as cancelled when the caller cancels during a fit', async () => {
    const ctrl = new AbortController();
    const ctx = { ...fakeContext({ signal: ctrl.signal }), fit: async () => { ctrl.abort(); throw new Error('aborted'); } };
    await expect(fitCandidate(stateOf(1, [candidate('a', 1)]), ctx, candidate('a', 1), 'full')).rejects.toBeInstanceOf(DiscoveryCancelled);
  });
});
