// Refit lost modes alone (one series): a full fit far below a smaller model of its own family,
// while that family contends for first place, is fitted once more with the next seed and pooled.
import { describe, expect, it } from 'vitest';
import type { FitOptions } from '../../../src/infer/api.ts';
import { lostModes } from '../../../src/discover/lost-modes.ts';
import { refitLostModes } from '../../../src/discover/steps/refit-lost-modes.ts';
import { fakeContext, lines, motif, stateOf } from './fakes.ts';

// Yap's dengue curve: the SEIR (which contains the SIR) fully fitted at −147.4 with seed 1, −134.2 with seed 2
const seir = (o: FitOptions) => (o.seed === 1 ? -147.4 : -134.2);
const oneSeries = (o: Parameters<typeof fakeContext>[0] = {}) => ({ ...fakeContext(o), oneSeries: true });
const fitted = () => [motif('epi-sir', 3, { screen: -140, full: -132.8, screenSeconds: 2 }), motif('epi-seir', 4, { screen: -150, full: -147.4, screenSeconds: 2 }), motif('growth-exponential', 2, { screen: -212, full: -200, screenSeconds: 1 })];

describe('refit lost modes', () => {
  it('fits the larger model again with the next seed at a full fit’s sizes and pools the two by their work', async () => {
    const ctx = oneSeries({ evidence: { 'epi-seir': seir } });
    const s = await refitLostModes(stateOf(1, fitted()), ctx);
    expect(ctx.calls.map((c) => [c.name, c.options.seed, c.options.screening])).toEqual([['epi-seir', 2, undefined]]);
    const full = s.candidates.find((c) => c.key === 'epi-seir')!.full!;
    // the mean of the two evidences (equal work): −134.2 + log((1 + e^−13.2) / 2)
    expect(full.logEvidence).toBeCloseTo(-134.2 + Math.log((1 + Math.exp(-13.2)) / 2), 9);
    expect(full.logEvidenceSE).toBeCloseTo(6.6, 9);
    expect(lines(s)).toEqual(['epi-seir: fitted again with seed 2 (far below a smaller model of its family: a lost mode?): -134.20 ± 0.30, pooled with the first full fit -134.89 ± 6.60; the two disagree beyond their Monte-Carlo errors, so the SE is their spread']);
    // once only: a second pass finds nothing to refit
    const again = oneSeries({ evidence: { 'epi-seir': seir } });
    await refitLostModes({ ...s, candidates: s.candidates.map((c) => (c.key === 'epi-seir' ? { ...c, full: { ...c.full!, logEvidence: -147.4 } } : c)) }, again);
    expect(again.calls).toEqual([]);
  });

  it('leaves alone population tables, a family out of contention, and a refit that no longer fits the time left', async () => {
    const population = fakeContext({ evidence: { 'epi-seir': seir } });
    await refitLostModes(stateOf(1, fitted()), population);
    expect(population.calls).toEqual([]);
    // the SIR 20 units behind the best full fit: the SEIR's lost mode would not change what is shown
    const behind = [motif('dp-linear', 2, { screen: -110, full: -112.8 }), ...fitted()];
    expect(lostModes(stateOf(1, behind), oneSeries(), 'full')).toEqual([]);
    // the deadline (95 s of 100) already near: said, not fitted
    const late = oneSeries({ evidence: { 'epi-seir': seir }, budgetSeconds: 100, clock: { ms: 94_000 } });
    const s = await refitLostModes(stateOf(1, fitted()), late);
    expect(late.calls).toEqual([]);
    expect(lines(s)).toEqual(['epi-seir: full fit far below a smaller model of its family (a lost mode?), not refitted: time budget']);
  });
});
