// A response's baseline varies between subjects with a spread whose prior is centred on the first
// visit's CV (priors.ts baselineParam; docs/discovery.md, "The motif library").
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDataset } from '../../src/data/index.ts';
import { dataScales, motifById } from '../../src/discover/library/index.ts';

const table = (path: string) => parseDataset(readFileSync(new URL(`../fixtures/${path}`, import.meta.url), 'utf8'), { name: path });
const omegaOf = (motif: string, path: string, context: string, name: string) => {
  const scales = dataScales(table(path), context);
  const p = motifById(motif)!.build(scales).parameters.find((q) => q.name === name)!;
  return { scales, p };
};

describe("a baseline's between-subject spread", () => {
  it("is centred on the first visit's CV for indirect responses and Emax models", () => {
    // warfarin PCA: 96.6 ± 9.3 % of normal at baseline, n = 32
    const context = 'Prothrombin complex activity (% of normal) after a single oral dose of warfarin';
    for (const [motif, name] of [['pd-idr-1', 'R0'], ['pd-idr-4', 'R0'], ['pd-direct-emax', 'E0']] as const) {
      const { scales, p } = omegaOf(motif, 'real-like/warfarin-pca.csv', context, name);
      expect(scales.yFirstCv).toBeCloseTo(9.3 / 96.6, 6);
      expect(p.varies).toBe(true);
      expect(p.omega).toEqual({ type: 'lognormal', median: 0.0963, gsd: 2 });
    }
  });

  it('keeps the default where the first visit states no SD, and stays within 3–100%', () => {
    const noSd = parseDataset('time,mean,n\n0,100,10\n24,40,10\n48,60,10\n');
    const scales = dataScales(noSd, 'Response (%) after a dose of 10 mg');
    expect(scales.yFirstCv).toBeUndefined();
    expect(motifById('pd-idr-1')!.build({ ...scales, dose: 10 }).parameters.find((q) => q.name === 'R0')!.omega).toEqual({ type: 'lognormal', median: 0.3, gsd: 2 });
    const tight = parseDataset('time,mean,sd,n\n0,100,0.1,10\n24,40,5,10\n48,60,8,10\n');
    expect(motifById('pd-idr-1')!.build({ ...dataScales(tight), dose: 10 }).parameters.find((q) => q.name === 'R0')!.omega!.median).toBe(0.03);
  });
});
