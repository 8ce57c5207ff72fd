// The settle step alone: budget left after the rounds buys full fits for the screened
// candidates within Monte-Carlo reach of the best.
import { describe, expect, it } from 'vitest';
import { leaderExtensions, settle, simplerRelatives } from '../../../src/discover/steps/settle.ts';
import { withinReach } from '../../../src/discover/steps/promote.ts';
import { DISCOVERY_POLICY } from '../../../src/discover/policy.ts';
import { candidate, fakeContext, lines, stateOf } from './fakes.ts';

describe('settle', () => {
  it('reaches the fixed window of 30 units, beyond it by two combined screening SEs, and no further', () => {
    const s = stateOf(2, [
      candidate('best', 1, { screen: -330, se: 26 }), candidate('noisy', 1, { screen: -352, se: 47 }),
      candidate('sharp', 1, { screen: -352, se: 0.5 }), candidate('far', 1, { screen: -452, se: 20 }),
      candidate('done', 1, { screen: -340, full: -300, se: 26 }),
    ]);
    // noisy: 22 below, reach 2·hypot(26, 47) ≈ 107; sharp: 22 below, reach max(30, 2·hypot(26, 0.5) ≈ 52); far: 122 below, reach ≈ 66
    expect(withinReach(s, DISCOVERY_POLICY).map((c) => c.key)).toEqual(['best', 'noisy', 'sharp']);
    // precise screenings still reach the fixed window of 30 units (screening underrates candidates unevenly)
    const precise = stateOf(2, [candidate('best', 1, { screen: -330, se: 0.3 }), candidate('near', 1, { screen: -338, se: 0.3 }), candidate('window', 1, { screen: -358, se: 0.3 }), candidate('out', 1, { screen: -365, se: 0.3 })]);
    expect(withinReach(precise, DISCOVERY_POLICY).map((c) => c.key)).toEqual(['best', 'near', 'window']);
  });

  it('fully fits them best first while the deadline allows, and leaves the rest with their screening fits', async () => {
    // deadline 95 s; every screening took 2 s → a full fit is guessed at 2 × 8/9 × 16 ≈ 28.4 s; the clock
    // starts at 50 s (no fit waits for cheaper ones here: that is a later test's); six within reach would
    // need 171 s of the 45 s left, under the smallest share of the usual sizes (40%): the usual sizes, best first
    const names = ['a', 'b', 'c', 'd', 'e', 'f'];
    const ctx = fakeContext({ evidence: { a: -10, b: -12, c: -11 }, budgetSeconds: 100, clock: { ms: 50_000 }, seconds: { a: 16, b: 16, c: 16 }, policy: { expensiveShare: 1 } });
    const s0 = stateOf(3, names.map((n, i) => candidate(n, 1, { screen: -20 - i, screenSeconds: 2, se: 5 })));
    const s = await settle(s0, ctx);
    // a at 50 → 66 s, b at 66 → 82 s; c would end at ~98 s > 95 s
    expect(ctx.calls.map((c) => [c.name, c.options.particles])).toEqual([['a', 32], ['b', 32]]);
    expect(s.candidates.map((c) => c.full?.logEvidence)).toEqual([-10, -12, undefined, undefined, undefined, undefined]);
    expect(lines(s)).toEqual(['a: log-evidence -10.00 ± 0.30 (full fit with the budget left)', 'b: log-evidence -12.00 ± 0.30 (full fit with the budget left)']);
  });

  it('fits all the candidates within reach at one smaller share of the usual sizes when they do not fit at the usual ones', async () => {
    // three full fits guessed at 1.2 × 8/9 × 16 ≈ 17.1 s each (51.2 s) in 60% of the 45 s left (27 s):
    // each at 52.7% of the work, √0.527 = 73% of the particles and subjects (32 × 16 → 23 × 12), like with like
    const ctx = fakeContext({ evidence: { a: -10, b: -12, c: -11 }, budgetSeconds: 100, clock: { ms: 50_000 }, seconds: { a: 9, b: 9, c: 9 }, policy: { expensiveShare: 1 } });
    const s0 = stateOf(3, [candidate('a', 1, { screen: -20, screenSeconds: 1.2, se: 5 }), candidate('b', 2, { screen: -25, screenSeconds: 1.2, se: 5 }), candidate('c', 3, { screen: -30, screenSeconds: 1.2, se: 5 })]);
    const s = await settle(s0, ctx);
    expect(ctx.calls.map((c) => [c.name, c.options.particles, c.options.subjects])).toEqual([['a', 23, 12], ['b', 23, 12], ['c', 23, 12]]);
    expect(s.candidates.map((c) => c.full?.logEvidence)).toEqual([-10, -12, -11]);
    expect(lines(s)).toEqual([
      'the full fits of a, b, c (within reach of the best screening evidence) do not fit the 45 s left at the usual sizes: each runs at 73% of them',
      'a: log-evidence -10.00 ± 0.30 (full fit with the budget left; at 73% of the usual sizes)',
      'b: log-evidence -12.00 ± 0.30 (full fit with the budget left; at 73% of the usual sizes)',
      'c: log-evidence -11.00 ± 0.30 (full fit with the budget left; at 73% of the usual sizes)',
    ]);
    // timed as at the usual sizes: 9 s at 52.7% of the work is 17.1 s
    expect(s.candidates[0]!.fullSeconds).toBeCloseTo(17.1, 0);
  });

  it('fits a candidate estimated at over 40% of the time left after the cheaper ones, the simpler relatives included', async () => {
    // slow: screened in 10 s, so its full fit is guessed at 10 × 8 = 80 s of the 85.5 s left (deadline
    // 104.5 s); the simpler relative of the best full fit (screened far below) takes 8 s, after
    // which the slow one no longer fits before the deadline
    const sized = (name: string, nParams: number, fits: Parameters<typeof candidate>[2]) => {
      const c = candidate(name, 1, fits);
      return { ...c, spec: { ...c.spec, parameters: Array.from({ length: nParams }, (_, i) => ({ ...c.spec.parameters[0]!, name: `p${i}` })) } };
    };
    const s0 = stateOf(1, [
      sized('pk-2cmt-oral', 5, { screen: -385, full: -370, screenSeconds: 1, fullSeconds: 8, se: 2 }),
      sized('pk-1cmt-oral-mixed', 6, { screen: -391, screenSeconds: 10, se: 2 }),
      sized('pk-1cmt-oral', 3, { screen: -418, screenSeconds: 1, se: 4 }),
    ]);
    const ctx = fakeContext({ evidence: { 'pk-1cmt-oral-mixed': -380, 'pk-1cmt-oral': -368 }, seconds: { 'pk-1cmt-oral-mixed': 80, 'pk-1cmt-oral': 8 }, budgetSeconds: 110, clock: { ms: 19_000 } });
    const s = await settle(s0, ctx);
    // the slow one does not fit the usual sizes in 60% of the time left: at 80% of them (planned 51.3 s),
    // it still waits for the cheap one (8 s), and then starts at 27 s
    expect(ctx.calls.map((c) => [c.name, c.options.particles])).toEqual([['pk-1cmt-oral', 32], ['pk-1cmt-oral-mixed', 26]]);
    expect(s.candidates.find((c) => c.key === 'pk-1cmt-oral')!.full!.logEvidence).toBe(-368);
    // with the time the slow one needs left after the cheap ones (deadline 190 s), it is fitted last at the usual sizes
    const roomy = fakeContext({ evidence: { 'pk-1cmt-oral-mixed': -380, 'pk-1cmt-oral': -368 }, seconds: { 'pk-1cmt-oral-mixed': 80, 'pk-1cmt-oral': 8 }, budgetSeconds: 200, clock: { ms: 19_000 } });
    await settle(s0, roomy);
    expect(roomy.calls.map((c) => [c.name, c.options.particles])).toEqual([['pk-1cmt-oral', 32], ['pk-1cmt-oral-mixed', 32]]);
  });

  it('then fully fits the extensions of leaders within reach, however low their screening evidence', async () => {
    const ext = (name: string, parent: string, screen: number) => ({ ...candidate(name, 2, { screen, screenSeconds: 2, se: 20 }), extends: parent });
    const s0 = stateOf(2, [
      candidate('lead', 1, { screen: -230, full: -204, se: 10 }), candidate('second', 1, { screen: -228, full: -205, se: 12 }),
      candidate('weak', 1, { screen: -300, full: -290, se: 5 }),
      ext('second +group(K)', 'second', -430), ext('lead +group(K)', 'lead', -470), ext('weak +group(K)', 'weak', -420),
      { ...candidate('done +BSV(r)', 2, { screen: -400, full: -210, se: 10 }), extends: 'lead' },
      candidate('unrelated', 2, { screen: -440, se: 20 }),
    ]);
    // the best parent's extension first, whatever the screening order; weak (86 below) is out of reach
    expect(leaderExtensions(s0, DISCOVERY_POLICY).map((c) => c.key)).toEqual(['lead +group(K)', 'second +group(K)']);
    const ctx = fakeContext({ evidence: { 'lead +group(K)': -190, 'second +group(K)': -200 }, budgetSeconds: 100 });
    const s = await settle(s0, ctx);
    expect(ctx.calls.map((c) => c.name)).toEqual(['lead +group(K)', 'second +group(K)']);
    expect(lines(s)[0]).toBe('lead +group(K): log-evidence -190.00 ± 0.30 (full fit with the budget left: extends lead, whose screening cannot judge the added parameters)');
    expect(leaderExtensions(stateOf(1, [candidate('only', 1, { screen: -5 })]), DISCOVERY_POLICY)).toEqual([]);
  });

  it('last, fully fits the simpler structures of the leading family, however low their screening evidence', async () => {
    // nlmixr2data's Oral_2CPT: the two-compartment truth screened 70 units below the three-compartment leader
    const sized = (name: string, nParams: number, fits: Parameters<typeof candidate>[2]) => {
      const c = candidate(name, 1, fits);
      const parameters = Array.from({ length: nParams }, (_, i) => ({ ...c.spec.parameters[0]!, name: `p${i}` }));
      return { ...c, spec: { ...c.spec, parameters } };
    };
    const s0 = stateOf(2, [
      sized('pk-3cmt-oral', 7, { screen: -353, full: -306, se: 1 }), sized('pk-2cmt-oral-lag', 6, { screen: -401, screenSeconds: 2, se: 4 }),
      sized('pk-2cmt-oral', 5, { screen: -423, screenSeconds: 2, se: 9 }), sized('pk-3cmt-oral-lag', 8, { screen: -371, screenSeconds: 2, se: 8 }),
      sized('growth-logistic', 3, { screen: -500, screenSeconds: 2, se: 2 }), sized('pk-1cmt-oral', 3, { screen: -481, full: -470, se: 2 }),
      sized('pk-1cmt-oral-lag', 4, { screen: -531, screenSeconds: 2, se: 4 }),
    ]);
    // the same family with fewer parameters, not yet fully fitted, best screening first; no larger
    // member, no other family, none screened more than 100 below the best (pk-1cmt-oral-lag: 178)
    expect(simplerRelatives(s0, DISCOVERY_POLICY).map((c) => c.key)).toEqual(['pk-2cmt-oral-lag', 'pk-2cmt-oral']);
    const ctx = fakeContext({ evidence: { 'pk-2cmt-oral-lag': -303, 'pk-2cmt-oral': -301, 'pk-3cmt-oral-lag': -310 }, budgetSeconds: 1000 });
    const s = await settle(s0, ctx);
    // the larger relative screened 18 below the best, within the window of 30: fitted first; then the simpler ones
    expect(ctx.calls.map((c) => c.name)).toEqual(['pk-3cmt-oral-lag', 'pk-2cmt-oral-lag', 'pk-2cmt-oral']);
    expect(lines(s).at(-1)).toBe('pk-2cmt-oral: log-evidence -301.00 ± 0.30 (full fit with the budget left: a simpler structure of the leading family, which only full fits can weigh against it)');
    expect(simplerRelatives(stateOf(1, [candidate('unknown-model', 1, { screen: -5, full: -3 }), candidate('other', 1, { screen: -9 })]), DISCOVERY_POLICY)).toEqual([]);
  });
});
