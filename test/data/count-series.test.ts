// A count's zero is a count (src/data/count-series.ts): an outbreak's week without a reported case
// is a measurement, not a value below a quantification limit. Checked on the rule and on what the
// fit plan censors: the Zika curve on Yap (real) keeps its zeros; the same zeros in a
// concentration profile stay "everyone below the LLOQ".
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDataset } from '../../src/data/index.ts';
import { countsEvents } from '../../src/data/count-series.ts';
import type { Series } from '../../src/data/types.ts';
import { planFit } from '../../src/infer/plan.ts';
import { compileSpec } from '../../src/model/index.ts';
import { dataScales, motifById } from '../../src/discover/library/index.ts';

const series = (over: Partial<Series>): Series => ({ observable: 'cases', group: 'all', times: [1, 2, 3], mean: [0, 4, 0], sd: [null, null, null], n: [1, 1, 1], ...over });

describe('a series of counted events', () => {
  it('is one trajectory of whole numbers whose label or unit counts', () => {
    expect(countsEvents(series({}))).toBe(true);
    expect(countsEvents(series({ observable: 'y', unit: 'persons' }))).toBe(true);
    expect(countsEvents(series({ observable: 'new_infections' }))).toBe(true);
    expect(countsEvents(series({ mean: [0, 4.5, 0] }))).toBe(false); // Eyam's half-month averages
    expect(countsEvents(series({ n: [1, 3, 1] }))).toBe(false); // a cohort's mean
    expect(countsEvents(series({ observable: 'conc', unit: 'mg/L' }))).toBe(false);
  });

  it('keeps its zeros as counts in the fit, where a concentration’s zeros are censored', () => {
    const text = readFileSync(new URL('../fixtures/real-public/zika-yap-2007.csv', import.meta.url), 'utf8');
    const yap = parseDataset(text);
    const context = 'Zika outbreak on Yap: weekly reported cases, population 7391';
    const plan = planFit(compileSpec(motifById('epi-sir')!.build(dataScales(yap, context))), yap);
    expect(plan.series[0]!.data.censored ?? []).toEqual([]);
    expect(plan.warnings.join(' ')).not.toMatch(/quantification/);
    // the same table as a drug level: the zeros after a positive visit are "everyone below the LLOQ"
    const conc = parseDataset(text.replace('week,cases,n,unit', 'week,conc,n,unit').replace(/,cases$/gm, ',mg/L'));
    const pk = planFit(compileSpec(motifById('epi-sir')!.build(dataScales(conc, context))), conc);
    expect((pk.series[0]!.data.censored ?? []).length).toBe(17);
  });
});
