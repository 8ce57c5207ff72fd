// The rank step alone: the order, the report's facts, and the typed end of a run without a model.
import { describe, expect, it } from 'vitest';
import { rank } from '../../../src/discover/steps/rank.ts';
import { NoModelError } from '../../../src/discover/errors.ts';
import { candidate, fakeContext, stateOf } from './fakes.ts';

describe('rank', () => {
  it('ranks the fitted candidates by log-evidence into the report, screening-only ones marked', () => {
    const ctx = fakeContext();
    ctx.clock.ms = 12_000;
    const s = stateOf(2, [candidate('a', 1, { screen: 1, full: 2 }), candidate('b', 1, { screen: 6 }), candidate('c', 2, { screen: 4, full: 5 }), candidate('unfitted', 2)], { fitted: 5, log: ['[1.0 s] round 1: …'] });
    const r = rank(s, ctx);
    expect(r.models.map((m) => [m.rank, m.name, m.logEvidence])).toEqual([[1, 'b', 6], [2, 'c', 5], [3, 'a', 2]]);
    expect(r.models[0]!.explanation).toMatch(/screening fit only/);
    expect(r.verdict?.message).toMatch(/The best model has a screening fit only .*provisional/);
    const full = rank(stateOf(2, [candidate('a', 1, { screen: 1, full: 7 }), candidate('b', 1, { screen: 6 })]), fakeContext());
    expect(full.verdict?.message).not.toMatch(/provisional/);
    expect(r.models[1]!.explanation).not.toMatch(/screening fit only/);
    expect(r.models.reduce((a, m) => a + m.weight, 0)).toBeCloseTo(1, 9);
    expect(r.models[0]!.predictive.mean.times).toEqual([0, 1, 2, 3]);
    expect(r).toMatchObject({ rounds: 2, seed: 1, proposer: 'library', backend: 'cpu', timing: { wallSeconds: 12, candidatesFitted: 5 }, dataset: { observables: ['y'], groups: ['all'], times: [0, 1, 2, 3] } });
    expect(r.log).toEqual(['[1.0 s] round 1: …', '[12.0 s] done: 3 models ranked; best b']);
  });

  it('ends with a NoModelError saying why when nothing was proposed, or nothing fitted', () => {
    const ctx = fakeContext({ budgetSeconds: 30 });
    const history = [{ spec: candidate('bad', 1).spec, errors: ['unknown identifier centrl'], round: 1 }];
    const none = (() => { try { rank(stateOf(1, [], { history }), ctx); } catch (e) { return e; } })();
    expect(none).toBeInstanceOf(NoModelError);
    expect((none as NoModelError).reason).toBe('none-proposed');
    expect((none as Error).message).toMatch(/\(unknown identifier centrl\)/);
    const unfitted = (() => { try { rank(stateOf(1, [candidate('a', 1), candidate('n', 1, { screen: NaN })]), ctx); } catch (e) { return e; } })();
    expect((unfitted as NoModelError).reason).toBe('none-fitted');
    expect((unfitted as Error).message).toMatch(/within the time budget \(30 s\)/);
  });
});
