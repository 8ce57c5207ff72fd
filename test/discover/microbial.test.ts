// Predictive microbiology on real curves from the R package nlsMicrobio (Baty & Delignette-Muller):
// log10 bacterial counts that grow after a lag (Baranyi & Roberts 1994), or fall under a heat
// treatment with a shoulder and a tail (Geeraerd et al. 2000). Before, a growth curve in log10
// counts had the logistic of its logs first, with no lag, and a survival curve had no model.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { discoverRealTable, expectInterval } from './fixtures.ts';
import { INACTIVATION_RE, MICROBIAL_GROWTH_RE, MICROBIAL_MOTIFS } from '../../src/discover/library/microbial.ts';
import { dataScales } from '../../src/discover/library/scales.ts';
import { conventionsFor, namedFamilies } from '../../src/discover/domain.ts';
import { compileSpec } from '../../src/model/index.ts';
import { simulateInThread } from '../../src/simulate/cpu/in-thread.ts';
import { parseDataset } from '../../src/data/index.ts';

const GROWTH = 'Bacterial growth curve: log10 of the bacterial density in broth, time in hours';
const KILL = 'Thermal inactivation of bacteria (survival curve): log10 of the surviving density, time in minutes';
const table = (name: string) => parseDataset(readFileSync(new URL(`../fixtures/real-microbio/${name}.csv`, import.meta.url), 'utf8'), { name: `${name}.csv` });

describe('microbial growth and inactivation words', () => {
  it('tell growth from inactivation, and an antibacterial drug from bacteria', () => {
    expect(MICROBIAL_GROWTH_RE.test(GROWTH)).toBe(true);
    expect(INACTIVATION_RE.test(GROWTH)).toBe(false);
    expect(INACTIVATION_RE.test(KILL)).toBe(true);
    expect(MICROBIAL_GROWTH_RE.test(KILL)).toBe(false);
    expect(MICROBIAL_GROWTH_RE.test('Listeria monocytogenes in milk at 8 °C, log CFU/mL')).toBe(true);
    expect(MICROBIAL_GROWTH_RE.test('Plasma concentration of an antibacterial drug after an oral dose')).toBe(false);
    expect(MICROBIAL_GROWTH_RE.test('Antimicrobial concentrations in serum, mg/L')).toBe(false);
    // the words name growth (its inactivation is a growth that runs backwards), and its convention
    expect(namedFamilies(table('survivalcurve2'), KILL).has('growth')).toBe(true);
    expect(conventionsFor(table('growthcurve1'), GROWTH).motifs.has('growth-baranyi')).toBe(true);
    expect(conventionsFor(table('survivalcurve2'), KILL).motifs.has('inactivation-log-linear')).toBe(true);
    expect(conventionsFor(table('growthcurve1'), GROWTH).motifs.has('growth-logistic')).toBe(false);
  });

  it('reads log10 counts from the label, the unit or the words, and never a number above 12', () => {
    expect(dataScales(table('growthcurve1'), GROWTH).log10Counts).toBe(true);
    const counts = parseDataset('time,value\n0,1000\n2,5000\n4,80000\n', { name: 'counts.csv' });
    expect(dataScales(counts, 'Bacterial counts (CFU/mL); log10 scale plotted').log10Counts).toBeUndefined();
    expect(dataScales(counts, 'Bacterial counts (CFU/mL)').log10Counts).toBeUndefined();
    // on counts (not logs) the models observe 10^L; an optical density below 1 has negative logs, which the priors cannot hold
    const baranyi = MICROBIAL_MOTIFS.find((m) => m.id === 'growth-baranyi')!;
    expect(baranyi.applies!(dataScales(counts, 'Bacterial counts (CFU/mL)'))).toBe(true);
    expect(baranyi.build(dataScales(counts, 'Bacterial counts (CFU/mL)')).observables[0]!.expression).toBe('pow(10, L)');
    const od = parseDataset('time,value\n0,0.05\n2,0.2\n4,0.9\n', { name: 'od.csv' });
    expect(baranyi.applies!(dataScales(od, 'Bacterial growth, optical density at 600 nm'))).toBe(false);
  });
});

describe('the microbial models', () => {
  it('integrate to the closed forms nlsMicrobio fits (Baranyi; Geeraerd with shoulder and tail)', () => {
    const s = dataScales(table('growthcurve1'), GROWTH);
    const times = [0, 1, 2, 4, 6, 8, 12, 16, 24];
    const check = (id: string, theta: Record<string, number>, closed: (t: number) => number) => {
      const spec = MICROBIAL_MOTIFS.find((m) => m.id === id)!.build(s);
      const model = compileSpec(spec);
      const params = Float64Array.from(model.parameterNames.map((n) => theta[n]!));
      const r = simulateInThread({ model, params, times: Float64Array.from(times), solver: { method: 'dopri5', rtol: 1e-10, atol: 1e-12 } });
      expect(r.status[0]).toBe(0);
      times.forEach((t, i) => expect(r.outputs[i]!, `${id} at t = ${t}`).toBeCloseTo(closed(t), 5));
    };
    const b = { LOG10N0: 3.6, LOG10Nmax: 8.59, mumax: 1.38, lag: 3.37 };
    check('growth-baranyi', b, (t) => b.LOG10Nmax + Math.log10((-1 + Math.exp(b.mumax * b.lag) + Math.exp(b.mumax * t)) / (Math.exp(b.mumax * t) - 1 + Math.exp(b.mumax * b.lag) * 10 ** (b.LOG10Nmax - b.LOG10N0))));
    const g = { LOG10N0: 7.38, LOG10Nres: 0.97, kmax: 1.36, Sl: 4.76 };
    check('inactivation-shoulder-tail', g, (t) => g.LOG10Nres + Math.log10((10 ** (g.LOG10N0 - g.LOG10Nres) - 1) * Math.exp(g.kmax * g.Sl) / (Math.exp(g.kmax * t) + Math.exp(g.kmax * g.Sl) - 1) + 1));
  });
});

describe('discovery on nlsMicrobio\'s curves', () => {
  it('ranks Baranyi first on a growth curve with a lag, with least squares\' estimates', async () => {
    const r = await discoverRealTable('real-microbio/growthcurve1.csv', GROWTH);
    const top = r.models[0]!;
    expect(top.name).toMatch(/^growth-baranyi( |$)/);
    // R's nls with nlsMicrobio's `baranyi` formula: LOG10N0 3.60, LOG10Nmax 8.59, mumax 1.38, lag 3.37 h
    expectInterval(top.parameters, 'LOG10Nmax', 8.59);
    expectInterval(top.parameters, 'lag', 3.37);
  }, 240_000);

  it('ranks the shoulder model first on a survival curve that holds, then falls log-linearly', async () => {
    const r = await discoverRealTable('real-microbio/survivalcurve2.csv', KILL);
    const top = r.models[0]!;
    expect(top.name).toMatch(/^inactivation-shoulder(-tail)?( |$)/);
    // nls with `geeraerd_without_Nres`: kmax 1.21 per minute, shoulder 11.2 min
    expectInterval(top.parameters, 'Sl', 11.2);
  }, 240_000);
});
