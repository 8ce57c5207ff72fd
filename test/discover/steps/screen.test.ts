// The screen step alone: which candidates are screened, what is recorded, the budget cut-off.
import { describe, expect, it } from 'vitest';
import type { FitOptions } from '../../../src/infer/api.ts';
import { screen, screenDeferred } from '../../../src/discover/steps/screen.ts';
import { lostModes } from '../../../src/discover/lost-modes.ts';
import { candidate, fakeContext, lines, motif, stateOf } from './fakes.ts';

describe('screen', () => {
  it("screens only the round's new candidates, at the screening sizes, recording evidence, time and the count", async () => {
    const ctx = fakeContext({ evidence: { b: -2, c: 4 }, seconds: { b: 2, c: 3 } });
    const s = await screen(stateOf(2, [candidate('a', 1), candidate('b', 2), candidate('c', 2)]), ctx);
    expect(ctx.calls.map((c) => [c.name, c.options.screening, c.options.particles, c.options.subjects])).toEqual([['b', true, 8, 4], ['c', true, 8, 4]]);
    expect(s.candidates.map((c) => [c.key, c.screen?.logEvidence, c.screenSeconds])).toEqual([['a', undefined, undefined], ['b', -2, 2], ['c', 4, 3]]);
    expect(s.fitted).toBe(2);
    expect(lines(s)).toEqual(['b: screening log-evidence -2.00 ± 0.30', 'c: screening log-evidence 4.00 ± 0.30']);
  });

  it('does not start a screening fit when the typical screening time no longer fits before the deadline', async () => {
    // budget 100 s → deadline 95 s; each screening takes 40 s: the third would end at 120 s
    const ctx = fakeContext({ evidence: { a: 1, b: 2, c: 3 }, seconds: { a: 40, b: 40, c: 40 }, budgetSeconds: 100 });
    const s = await screen(stateOf(1, [candidate('a', 1), candidate('b', 1), candidate('c', 1)]), ctx);
    expect(ctx.calls.map((c) => c.name)).toEqual(['a', 'b']);
    expect(s.candidates.map((c) => c.screen !== undefined)).toEqual([true, true, false]);
    expect(lines(s).at(-1)).toBe('c: not screened (time budget)');
  });

  it("keeps time for the leader's full fit once three candidates are screened", async () => {
    // deadline 47.5 s; screenings 2 s; a full fit guessed at 2 s × (8/9 × 16) ≈ 28.4 s, kept 1.5× ≈ 42.7 s:
    // after three screenings (6 s) a fourth would leave 39.5 s < 42.7 s (the others are far behind: nothing kept for them)
    const names = ['a', 'b', 'c', 'd', 'e'];
    const evidence = Object.fromEntries(names.map((n, i) => [n, -100 * i]));
    const seconds = Object.fromEntries(names.map((n) => [n, 2]));
    const ctx = fakeContext({ evidence, seconds, budgetSeconds: 50 });
    const s = await screen(stateOf(1, names.map((n) => candidate(n, 1))), ctx);
    expect(ctx.calls.map((c) => c.name)).toEqual(['a', 'b', 'c']);
    expect(lines(s).slice(-2)).toEqual(["d: not screened (time kept for the leaders' full fits)", "e: not screened (time kept for the leaders' full fits)"]);
    // once the candidates within reach have their full fits, nothing is kept back
    const later = fakeContext({ evidence, seconds, budgetSeconds: 50 });
    await screen(stateOf(2, [candidate('done', 1, { screen: 100, full: 100 }), ...names.map((n) => candidate(n, 2))]), later);
    expect(later.calls.map((c) => c.name)).toEqual(names);
  });

  it("keeps time for the full fits of every candidate within reach of the leader, before and after its own; a later round's proposal at settle's smallest share", async () => {
    // deadline 95 s; a, b and c within 2 units: kept 1.5 × 3 × 28.4 ≈ 128 s, so after three screenings
    // (6 s) nothing more is screened, where the leader's alone (1.5 × 28.4 ≈ 42.7 s) would have let d and e in
    const names = ['a', 'b', 'c', 'd', 'e'];
    const evidence = Object.fromEntries(names.map((n, i) => [n, -i]));
    const seconds = Object.fromEntries(names.map((n) => [n, 2]));
    const ctx = fakeContext({ evidence, seconds, budgetSeconds: 100 });
    await screen(stateOf(1, names.map((n) => candidate(n, 1))), ctx);
    expect(ctx.calls.map((c) => c.name)).toEqual(['a', 'b', 'c']);
    // the leader fully fitted, b and c (1 and 2 units behind it) still have only their screenings: 85 s
    // kept for a first-round candidate left unscreened (x); a second round's proposal (d) needs them
    // only at settle's smallest share (0.4 × 85 = 34 s): screened before a 47.5-s deadline, not before 28.5 s
    const fitted = () => [candidate('a', 1, { screen: 0, full: 0, screenSeconds: 2 }), candidate('b', 1, { screen: -1, screenSeconds: 2 }), candidate('c', 1, { screen: -2, screenSeconds: 2 })];
    const later = fakeContext({ evidence, seconds, budgetSeconds: 50 });
    await screen(stateOf(2, [...fitted(), { ...candidate('x', 1), deferred: true }, candidate('d', 2)]), later);
    expect(later.calls.map((c) => c.name)).toEqual(['d']);
    const short = fakeContext({ evidence, seconds, budgetSeconds: 30 });
    const s = await screen(stateOf(2, [...fitted(), candidate('d', 2)]), short);
    expect(short.calls).toEqual([]);
    expect(lines(s)).toEqual(["d: not screened (time kept for the leaders' full fits)"]);
  });

  it("for one series keeps the leader's full fit alone, whose size is a share of the budget", async () => {
    // the same five curves within 4 units of one another as above: the leader's full fit guessed at
    // 2 s × fullToScreenPerWorkOneSeries (1) × 4 = 8 s, kept 1.5× = 12 s, so all five are screened
    // before the 95-s deadline
    const names = ['a', 'b', 'c', 'd', 'e'];
    const evidence = Object.fromEntries(names.map((n, i) => [n, -i]));
    const seconds = Object.fromEntries(names.map((n) => [n, 2]));
    const ctx = { ...fakeContext({ evidence, seconds, budgetSeconds: 100 }), oneSeries: true };
    await screen(stateOf(1, names.map((n) => candidate(n, 1))), ctx);
    expect(ctx.calls.map((c) => c.name)).toEqual(names);
  });

  it('a candidate left unscreened is deferred, not dropped: the next round or settle screens it first', async () => {
    const names = ['a', 'b', 'c', 'd', 'e'];
    const evidence = Object.fromEntries(names.map((n, i) => [n, -100 * i]));
    const seconds = Object.fromEntries(names.map((n) => [n, 2]));
    const first = await screen(stateOf(1, names.map((n) => candidate(n, 1))), fakeContext({ evidence, seconds, budgetSeconds: 50 }));
    expect(first.candidates.map((c) => c.deferred ?? false)).toEqual([false, false, false, true, true]);
    // round 2, after the leader's full fit: the deferred two are screened before the new one
    const withFull = { ...first, round: 2, candidates: [...first.candidates.map((c) => (c.key === 'a' ? { ...c, full: c.screen } : c)), candidate('f', 2)] };
    const next = fakeContext({ evidence: { ...evidence, f: 1 }, seconds, budgetSeconds: 50 });
    const s = await screen(withFull, next);
    expect(next.calls.map((c) => c.name)).toEqual(['d', 'e', 'f']);
    expect(s.candidates.filter((c) => c.deferred)).toEqual([]);
    expect(lines(s).slice(-3)).toEqual(['d: screening log-evidence -300.00 ± 0.30 (left unscreened earlier)', 'e: screening log-evidence -400.00 ± 0.30 (left unscreened earlier)', 'f: screening log-evidence 1.00 ± 0.30']);
    // after the rounds (settle), only the deferred ones
    const settling = fakeContext({ evidence, seconds, budgetSeconds: 50 });
    await screenDeferred({ ...withFull, candidates: withFull.candidates.filter((c) => c.key !== 'f') }, settling);
    expect(settling.calls.map((c) => c.name)).toEqual(['d', 'e']);
    // deferred again (no time left): not logged twice
    const late = fakeContext({ evidence, seconds, budgetSeconds: 50, clock: { ms: 47_000 } });
    const again = await screenDeferred(first, late);
    expect(late.calls).toEqual([]);
    expect(lines(again)).toEqual(lines(first));
    expect(again.candidates.filter((c) => c.deferred).map((c) => c.key)).toEqual(['d', 'e']);
  });

  it('a failed fit loses only itself and goes to the history with its error', async () => {
    const ctx = fakeContext({ evidence: { b: 1 } });
    const s = await screen(stateOf(1, [candidate('a', 1), candidate('b', 1)]), ctx);
    expect(s.candidates.map((c) => c.screen?.logEvidence)).toEqual([undefined, 1]);
    expect(s.history).toEqual([{ spec: expect.objectContaining({ name: 'a' }), errors: ['diverged'], round: 1 }]);
    expect(s.fitted).toBe(1);
    expect(lines(s)[0]).toBe('a: fit failed: diverged');
  });

  describe('one series: a screening far below a smaller model of its own family is run again with other seeds and pooled', () => {
    // Zika on Yap: the SEIR (which contains the SIR) screened at -94.0 with one seed and -61.6 with
    // another, against the SIR's -62.8; at -94.0 it was out of settle's 30-unit reach
    const seir = (o: FitOptions) => (o.seed === 1 ? -94 : -61.6);
    const epidemics = () => [motif('epi-sir', 3), motif('epi-seir', 4), motif('growth-exponential', 2)];

    it('rescreens the larger model with the next seed and pools the two screenings (the one that found the mode carries the pool)', async () => {
      const ctx = { ...fakeContext({ evidence: { 'epi-sir': -62.8, 'epi-seir': seir, 'growth-exponential': -105 } }), oneSeries: true };
      const s = await screen(stateOf(1, epidemics()), ctx);
      expect(ctx.calls.map((c) => [c.name, c.options.seed])).toEqual([['epi-sir', 1], ['epi-seir', 1], ['growth-exponential', 1], ['epi-seir', 2]]);
      // the mean of the two evidences: −61.6 + log((1 + e^−32.4) / 2); its SE half their difference
      expect(s.candidates.find((c) => c.key === 'epi-seir')!.screen!.logEvidence).toBeCloseTo(-61.6 - Math.log(2), 9);
      expect(s.candidates.find((c) => c.key === 'epi-seir')!.screen!.logEvidenceSE).toBeCloseTo(16.2, 9);
      expect(s.candidates.find((c) => c.key === 'epi-seir')!.rescreens).toBe(1);
      expect(lines(s).at(-1)).toBe('epi-seir: screened again with seed 2 (far below a smaller model of its family: a lost mode?): -61.60 ± 0.30, pooled with the earlier screening -62.29 ± 16.20');
      // the other family's curve, far below too, is not the SEIR's relative: left as it was
      expect(s.candidates.find((c) => c.key === 'growth-exponential')!.rescreens).toBeUndefined();
    });

    it('tries at most policy.lostMode.rescreens more seeds, pooling all the screenings', async () => {
      const ctx = { ...fakeContext({ evidence: { 'epi-sir': -62.8, 'epi-seir': (o) => (o.seed === 2 ? -99 : -94) } }), oneSeries: true };
      const s = await screen(stateOf(1, epidemics().slice(0, 2)), ctx);
      expect(ctx.calls.map((c) => [c.name, c.options.seed])).toEqual([['epi-sir', 1], ['epi-seir', 1], ['epi-seir', 2], ['epi-seir', 3]]);
      expect(s.candidates.find((c) => c.key === 'epi-seir')!.screen!.logEvidence).toBeCloseTo(-94 + Math.log((2 + Math.exp(-5)) / 3), 9);
    });

    it('leaves alone a larger model within reach (its full fit will judge it), a smaller model far below, and population tables', async () => {
      expect(lostModes(stateOf(1, [motif('epi-sir', 3, { screen: -62.8 }), motif('epi-seir', 4, { screen: -80 })]), { ...fakeContext(), oneSeries: true }, 'screen')).toEqual([]);
      expect(lostModes(stateOf(1, [motif('epi-sir', 3, { screen: -94 }), motif('epi-seir', 4, { screen: -62 })]), { ...fakeContext(), oneSeries: true }, 'screen')).toEqual([]);
      const far = [motif('epi-sir', 3, { screen: -62.8 }), motif('epi-seir', 4, { screen: -94 })];
      expect(lostModes(stateOf(1, far), fakeContext(), 'screen')).toEqual([]);
      expect(lostModes(stateOf(1, far), { ...fakeContext(), oneSeries: true }, 'screen').map((c) => c.key)).toEqual(['epi-seir']);
      // nor one already fully fitted, or out of attempts
      expect(lostModes(stateOf(1, [far[0]!, motif('epi-seir', 4, { screen: -94, full: -70 })]), { ...fakeContext(), oneSeries: true }, 'screen')).toEqual([]);
      expect(lostModes(stateOf(1, [far[0]!, { ...far[1]!, rescreens: 2 }]), { ...fakeContext(), oneSeries: true }, 'screen')).toEqual([]);
    });
  });
});
