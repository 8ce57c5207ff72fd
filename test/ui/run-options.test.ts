import { describe, expect, test } from 'vitest';
import { tryParseDataset } from '../../src/data/index.ts';
import { buildDiscoveryOptions, defaultForecast, parsePredictTimes } from '../../src/ui/state/run-options.ts';
import { emptySession } from '../../src/ui/state/session.ts';

const csv = 'time,mean,sd,n\n1,5,1,10\n2,4,1,10\n24,1,0.3,10\n';
const data = (() => {
  const r = tryParseDataset(csv);
  if (!r.ok) throw new Error('fixture must parse');
  return r.dataset;
})();

describe('run options from the session', () => {
  test('forecast times: the user list, or 25% and 50% beyond the last visit', () => {
    expect(parsePredictTimes('36, 48;60  x -1')).toEqual([36, 48, 60]);
    expect(defaultForecast(data)).toEqual([30, 36]);
    const s = emptySession();
    expect(buildDiscoveryOptions(s, data).predictTimes).toEqual([30, 36]);
    s.settings.predictTimes = '40';
    expect(buildDiscoveryOptions(s, data).predictTimes).toEqual([40]);
  });

  test('settings, context and included user specs reach the engine; broken or excluded specs do not', () => {
    const s = emptySession();
    s.settings.seed = 7;
    s.settings.budgetSeconds = 20;
    s.context = 'Measured: drug X.';
    s.userSpecs = [
      { id: 'a', text: '{"name":"mine"}', include: true },
      { id: 'b', text: '{"name":"off"}', include: false },
      { id: 'c', text: '{ broken', include: true },
    ];
    const o = buildDiscoveryOptions(s, data);
    expect(o).toMatchObject({ seed: 7, budgetSeconds: 20, proposer: 'library', context: 'Measured: drug X.', particles: 256, subjects: 128 });
    expect(o.extraSpecs?.map((x) => x.name)).toEqual(['mine']);
    s.settings.particles = 0;
    s.context = '  ';
    const o2 = buildDiscoveryOptions(s, data);
    expect(o2.particles).toBeUndefined();
    expect(o2.context).toBeUndefined();
  });
});

describe('absurd run settings', () => {
  test('are refused up front, naming the setting and its bounds', () => {
    const s = emptySession();
    s.settings.particles = 1e9;
    expect(() => buildDiscoveryOptions(s, data)).toThrow(/particles must be a whole number from 16 to 65536 \(got 1000000000\), or 0 for the default/);
    s.settings.particles = 0;
    s.settings.rounds = 1e6;
    expect(() => buildDiscoveryOptions(s, data)).toThrow(/rounds must be a whole number from 1 to 50/);
    s.settings.rounds = 2;
    s.settings.budgetSeconds = NaN;
    expect(() => buildDiscoveryOptions(s, data)).toThrow(/budgetSeconds/);
    s.settings.budgetSeconds = 30;
    expect(buildDiscoveryOptions(s, data).rounds).toBe(2);
  });
});
