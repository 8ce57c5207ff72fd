// One series (every visit n = 1): candidates are fitted as one trajectory, without between-subject variability.
import { describe, expect, it } from 'vitest';
import { isOneSeries, withoutBsv } from '../../src/discover/one-series.ts';
import { admit } from '../../src/discover/steps/admit.ts';
import { motifById, dataScales } from '../../src/discover/library/index.ts';
import { DATA, fakeContext, stateOf } from './steps/fakes.ts';

describe('one series', () => {
  const series = (n: number[]) => ({ series: [{ ...DATA.series[0]!, n }] });

  it('is data where every visit of every series has n ≤ 1', () => {
    expect(isOneSeries(series([1, 1, 1, 1]))).toBe(true);
    expect(isOneSeries(series([1, 1, 2, 1]))).toBe(false);
    expect(isOneSeries({ series: [DATA.series[0]!, { ...DATA.series[0]!, n: [1, 1, 1, 1] }] })).toBe(false);
    expect(isOneSeries({ series: [] })).toBe(false);
  });

  it('strips every random effect, and admission applies it only to one-series data', () => {
    const pp = motifById('growth-logistic')!.build(dataScales(DATA));
    expect(pp.parameters.some((p) => p.varies)).toBe(true);
    const flat = withoutBsv(pp);
    expect(flat.parameters.every((p) => !p.varies && p.omega === undefined)).toBe(true);
    expect(flat.parameters.map((p) => p.name)).toEqual(pp.parameters.map((p) => p.name));
    expect(withoutBsv(flat)).toBe(flat);
    const incoming = [{ spec: pp, rationale: 'why', origin: { proposer: 'library' as const, round: 1 } }];
    const one = admit(stateOf(1, []), { ...fakeContext(), oneSeries: true }, incoming);
    expect(one.candidates[0]!.spec.parameters.some((p) => p.varies)).toBe(false);
    const cohort = admit(stateOf(1, []), fakeContext(), incoming);
    expect(cohort.candidates[0]!.spec.parameters.some((p) => p.varies)).toBe(true);
  });
});
