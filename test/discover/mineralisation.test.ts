// What an incubation releases — CO2-C evolved from a soil, N mineralised — rises from 0 toward the
// pool it comes from: first-order mineralisation from one pool (Stanford & Smith 1972) or two in
// parallel, not a growth curve and not a pesticide's decline (what was proposed before).
import { describe, expect, it } from 'vitest';
import { discoverRealTable, expectInterval, inThreadBackend, smallDiscovery, TINY_SIZES } from './fixtures.ts';
import { FATE_RE, MINERALISATION_RE } from '../../src/discover/library/degradation.ts';
import { dataScales, MOTIFS } from '../../src/discover/library/index.ts';
import { parseDataset } from '../../src/data/index.ts';
import { compileSpec } from '../../src/model/index.ts';
import { simulateInThread } from '../../src/simulate/cpu/in-thread.ts';

const SOIL = 'Cumulative CO2 evolved (mg C per g soil) from a laboratory soil incubation at 25 °C, time in days';
const byId = (id: string) => MOTIFS.find((m) => m.id === id)!;

describe('mineralisation (a cumulative release from organic matter)', () => {
  it('is named by CO2 evolved, respiration or mineralisation, and proposed only for a release that rises from near 0', () => {
    for (const words of [SOIL, 'Soil respiration: CO2-C released during incubation', 'Net N mineralization in an incubated soil (mg N/kg)']) {
      expect(MINERALISATION_RE.test(words), words).toBe(true);
      expect(FATE_RE.test(words), words).toBe(true);
    }
    expect(MINERALISATION_RE.test('Respiration rate of patients in intensive care')).toBe(false);
    const rising = parseDataset('time,value\n1,0.5\n5,3\n10,5\n20,7\n40,8\n', { name: 'r.csv' });
    const falling = parseDataset('time,value\n0,100\n5,60\n10,40\n20,20\n40,8\n', { name: 'f.csv' });
    expect(byId('mineral-one-pool').applies!(dataScales(rising, SOIL))).toBe(true);
    expect(byId('mineral-one-pool').applies!(dataScales(falling, SOIL))).toBe(false);
  });

  it('observes what has left the pools: C0 minus what remains (two pools: C0·(1 − g·e^(−k1·t) − (1 − g)·e^(−k2·t)))', () => {
    const s = dataScales(parseDataset('time,value\n1,0.5\n5,3\n10,5\n20,7\n40,8\n', { name: 'r.csv' }), SOIL);
    const model = compileSpec(byId('mineral-two-pool').build(s));
    const theta: Record<string, number> = { C0: 10, g: 0.3, k1: 0.5, k2: 0.02 };
    const times = [0, 1, 5, 20, 60];
    const r = simulateInThread({ model, params: Float64Array.from(model.parameterNames.map((n) => theta[n]!)), times: Float64Array.from(times), solver: { method: 'dopri5', rtol: 1e-10, atol: 1e-12 } });
    times.forEach((t, i) => expect(r.outputs[i]!).toBeCloseTo(10 * (1 - 0.3 * Math.exp(-0.5 * t) - 0.7 * Math.exp(-0.02 * t)), 6));
  });

  it('ranks two pools first on a release with a fast and a slow phase', async () => {
    const times = [0.5, 1, 2, 4, 7, 10, 14, 21, 28, 42, 56, 70, 90];
    const mean = times.map((t) => 50 * (1 - 0.3 * Math.exp(-0.6 * t) - 0.7 * Math.exp(-0.015 * t)));
    const rows = times.map((t, i) => `${t},${mean[i]!.toFixed(3)},${(0.05 * mean[i]!).toFixed(3)},6`).join('\n');
    const data = parseDataset(`time (day),mean,sd,n,unit\n${rows.split('\n').map((r) => `${r},mg C/kg`).join('\n')}\n`, { name: 'release.csv' });
    const r = await smallDiscovery([6, 4], TINY_SIZES)(data, { seed: 1, rounds: 2, budgetSeconds: 600, context: 'Carbon mineralization: cumulative CO2-C evolved from an incubated soil' }, inThreadBackend);
    expect(r.models[0]!.name).toMatch(/^mineral-two-pool( |$)/);
    expectInterval(r.models[0]!.parameters, 'g', 0.3);
  }, 240_000);

  it('on a real soil incubation (Schädel et al. 2013, via SoilR and Stan\'s case study) the mineralisation models lead, not a growth curve', async () => {
    const r = await discoverRealTable('real-public/soil-eco2.csv', SOIL);
    expect(r.models[0]!.name).toMatch(/^mineral-(one|two)-pool( |$)/);
    expect(r.models.slice(0, 2).some((m) => /^mineral-two-pool( |$)/.test(m.name))).toBe(true);
  }, 240_000);
});
