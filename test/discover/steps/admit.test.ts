// The admit step alone: compile, dedupe by structural key, observable check; rejections in the history.
import { describe, expect, it } from 'vitest';
import { admit } from '../../../src/discover/steps/admit.ts';
import type { Incoming } from '../../../src/discover/steps/propose.ts';
import type { ModelSpec } from '../../../src/model/spec.ts';
import { candidate, fakeContext, lines, spec, stateOf } from './fakes.ts';

const incoming = (s: ModelSpec, round = 2): Incoming => ({ spec: s, rationale: `why ${s.name}`, origin: { proposer: 'library', round } });

describe('admit', () => {
  it('adds new structures in order and skips structural duplicates of earlier rounds and of the same round', () => {
    const ctx = fakeContext();
    const s = admit(stateOf(2, [candidate('a', 1)]), ctx, [incoming(spec('b')), incoming(spec('a-copy')), incoming(spec('c')), incoming(spec('b-copy'))]);
    expect(s.candidates.map((c) => [c.key, c.origin.round])).toEqual([['a', 1], ['b', 2], ['c', 2]]);
    expect(lines(s)).toEqual(['a-copy: structurally identical to an earlier candidate, skipped', 'b-copy: structurally identical to an earlier candidate, skipped']);
    expect(s.history).toEqual([]);
  });

  it('records what does not compile in the history, with the first lines of the error', () => {
    const ctx = { ...fakeContext(), compile: (x: ModelSpec) => { if (x.name === 'bad') throw new Error('unknown identifier centrl\nat /equations/A'); return fakeContext().compile(x); } };
    const s = admit(stateOf(1, []), ctx, [incoming(spec('bad'), 1), incoming(spec('good'), 1)]);
    expect(s.candidates.map((c) => c.key)).toEqual(['good']);
    expect(s.history).toEqual([{ spec: expect.objectContaining({ name: 'bad' }), errors: ['unknown identifier centrl', 'at /equations/A'], round: 1 }]);
    expect(lines(s)).toEqual(['bad: invalid: unknown identifier centrl']);
  });

  it("skips a candidate that does not describe the data's observables when either side has several", () => {
    const ctx = { ...fakeContext(), dataObservables: ['y', 'z'], identifiers: new Map([['y', 'y'], ['z', 'z']]) };
    const two = { ...spec('both'), observables: [{ name: 'y', expression: 'A' }, { name: 'z', expression: '2*A' }] };
    const s = admit(stateOf(1, []), ctx, [incoming(spec('only-y'), 1), incoming(two, 1)]);
    expect(s.candidates.map((c) => c.key)).toEqual(['both']);
    expect(s.history[0]!.errors).toEqual(['does not describe the observable "z" of the data (its evidence would not be comparable)']);
  });

  it('one observable on each side is matched whatever its name', () => {
    const s = admit(stateOf(1, []), fakeContext(), [incoming(spec('other-name', 'conc'), 1)]);
    expect(s.candidates.map((c) => c.key)).toEqual(['other-name']);
  });

  it("gives a candidate with doses the data's regimen before compiling it", () => {
    const dosed = { ...spec('dosed'), doses: [{ type: 'bolus', state: 'A', amount: '100', time: 0 }] } as ModelSpec;
    const regimen = { route: 'iv' as const, interval: 12, count: 2 };
    const s = admit(stateOf(1, []), { ...fakeContext(), regimen }, [incoming(dosed, 1)]);
    expect(s.candidates[0]!.spec.doses).toEqual([{ type: 'bolus', state: 'A', amount: '100', time: 0, every: 12, count: 2 }]);
    expect(s.candidates[0]!.compiled.spec).toBe(s.candidates[0]!.spec);
  });
});
