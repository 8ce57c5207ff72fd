import { describe, expect, it } from 'vitest';
import { describeShape, parseDataset, summarizeDataset } from '../../src/data/index.ts';
import { fixture } from './fixtures.ts';

describe('summarizeDataset', () => {
  it('names observables, units, groups, doses, times and the peak', () => {
    const s = summarizeDataset(parseDataset(fixture('aggregate-groups.csv'), { name: 'pk study' }));
    expect(s).toContain('Dataset "pk study"');
    expect(s).toContain('conc (mg/L)');
    expect(s).toContain('Time unit: h');
    expect(s).toContain('low (dose 100); high (dose 300)');
    expect(s).toContain('Visit times (all series): 0.5, 1, 2, 4, 8, 24 h');
    expect(s).toMatch(/group high: 6 visits, n 12–14; means 5\.3, 8\.05, 9\.4/);
    expect(s).toMatch(/rises to a peak of 9\.4 at t = 2 h, then falls to 0\.66 \(7% of peak\)/);
    expect(s).toMatch(/SD missing at 1 visit/);
  });

  it('gives no individual values or raw SDs for individual data', () => {
    const d = parseDataset(fixture('individual.csv'));
    const s = summarizeDataset(d);
    expect(s).toContain('5 subjects');
    for (const v of ['7.5', '8.5', '0.707']) expect(s).not.toContain(v); // single values and SDs stay out
    expect(s).toContain('means 8, 5');
  });
});

describe('describeShape', () => {
  const t = [0, 1, 2, 3, 4, 5, 6];
  it.each<[string, number[], RegExp]>([
    ['flat', [5, 5.01, 4.99, 5, 5.02, 5, 5], /^flat at about 5/],
    ['exponential decay', t.map((x) => 8 * Math.exp(-0.5 * x)), /^falls from 8 to 0\.398, halving by about t ≈ 1\.\d+/],
    ['saturating rise from zero', t.map((x) => 10 * (1 - Math.exp(-x))), /^starts at zero, rises from 0 to 9\.98, levelling off/],
    ['peak', [0, 4, 6, 5, 3, 2, 1], /rises to a peak of 6 at t = 2, then falls to 1 \(17% of peak\)/],
    ['nadir', [10, 6, 4, 5, 7, 8, 9], /falls to a minimum of 4 at t = 2, then rises to 9/],
    ['oscillation', [0, 5, 0, 5, 0, 5, 0], /oscillates \(5 changes of direction\)/],
  ])('%s', (_name, m, re) => {
    expect(describeShape(t, m)).toMatch(re);
  });
});
