// The run log names visits that saw far fewer subjects than the rest of their series.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDataset } from '../../src/data/index.ts';
import { sparseVisitsNote } from '../../src/discover/sparse-visits.ts';

const load = (path: string) => parseDataset(readFileSync(new URL(`../fixtures/${path}`, import.meta.url), 'utf8'), { name: path });

describe('sparse visits', () => {
  it('real warfarin: the visits before 24 h, which only 3–14 of 32 subjects gave, are named once', () => {
    const note = sparseVisitsNote(load('real-nlmixr2/warfarin-pk/aggregate.csv'));
    expect(note).toMatch(/^visits at t = 0\.5, 1, 1\.5, 2, 3, 6, 9, 12 (h )?saw 3–14 of up to 32 subjects\. The fit takes the subjects of a smaller visit as a random subset/);
    // both observables: each series is named by its observable
    const both = sparseVisitsNote(load('real-nlmixr2/warfarin/aggregate.csv'))!;
    expect(both).toMatch(/"cp": visits at t = 0\.5, .*12 (h )?saw 3–14 of up to 32 subjects; "pca": visit at t = 144 (h )?saw 13 of up to 32 subjects\./);
  });

  it('says nothing when every visit saw at least half the subjects', () => {
    expect(sparseVisitsNote(load('real-r/theophylline.csv'))).toBeUndefined();
    expect(sparseVisitsNote(load('real-like/theophylline-aggregate.csv'))).toBeUndefined();
  });
});
