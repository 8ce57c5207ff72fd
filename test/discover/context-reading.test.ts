// What discovery reads from the context's words, as the app shows it before a run.
import { describe, expect, it } from 'vitest';
import { contextReading } from '../../src/discover/context-reading.ts';
import type { Dataset } from '../../src/data/types.ts';

const data: Dataset = {
  timeUnit: 'h',
  observables: [{ name: 'conc', unit: 'mg/L' }],
  groups: [{ name: 'low', covariates: { dose: 100 } }, { name: 'high', covariates: { dose: 300 } }],
  series: ['low', 'high'].map((group) => ({ observable: 'conc', group, times: [0.5, 1, 2, 12, 24, 36], mean: [3, 5, 2, 4, 5, 3], sd: [1, 1, 1, 1, 1, 1], n: [12, 12, 12, 12, 12, 12] })),
  source: { format: 'aggregate', rows: 12 },
};

describe('what discovery reads from the context', () => {
  it('names the families, the route and the regimen the words state', () => {
    const lines = contextReading(data, 'Plasma concentration (mg/L) after 1-hour intravenous infusions every 12 hours, three infusions');
    expect(lines[0]).toBe('The words name pk: models of that family get 3× the prior probability of others.');
    expect(lines[1]).toBe('The route is intravenous: only intravenous PK structures are proposed.');
    expect(lines[2]).toMatch(/^The context states a 1 hour infusion: .* "every 12 hours": each group's dose is repeated every 12 h, 3 doses as stated\.$/);
  });

  it('gives the design note when the words describe a regimen nothing can be built from, and nothing for no words', () => {
    expect(contextReading(data, 'a loading dose then maintenance doses').at(-1)).toMatch(/^The context describes repeated dosing, but the data carry no dosing regimen/);
    expect(contextReading(data, '   ')).toEqual([]);
    // without data (nothing imported yet): the route and the design only
    expect(contextReading(null, 'tablets twice daily')).toEqual(['The route is oral: only oral PK structures are proposed.', expect.stringMatching(/^The context describes repeated dosing/)]);
  });
});
