// A real table in calendar years (R's uspop, the US censuses 1790–1910) with a published fit:
// Pearl & Reed (1920) fitted the logistic, K 197.27 million and r 0.03134 per year.
import { describe, expect, it } from 'vitest';
import { discoverRealTable, expectInterval } from './fixtures.ts';

const CONTEXT = 'United States population (millions) at each census, 1790 to 1910';

describe('the US census 1790–1910 (R uspop)', () => {
  it('ranks the logistic first, with Pearl & Reed\'s rate inside its interval and their ceiling near it', async () => {
    const r = await discoverRealTable('real-r/uspop.csv', CONTEXT);
    expect(r.models[0]!.name).toMatch(/^growth-logistic( |$)/);
    const p = r.models[0]!.parameters;
    expectInterval(p, 'r', 0.03134);
    // the ceiling is the least determined (1910 is before the inflection's far side); small fits
    // give a wider interval than validate:real's 163–221
    expect(p.K!.median).toBeGreaterThan(150);
    expect(p.K!.median).toBeLessThan(260);
    // a calendar-year table starts at its first census, not 1790 years earlier
    expect(p.N0!.median).toBeGreaterThan(3);
    expect(p.N0!.median).toBeLessThan(5);
  }, 240_000);
});
