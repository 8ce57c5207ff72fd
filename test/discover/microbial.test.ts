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
import { focusObservables } from '../../src/discover/focus.ts';

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
    expect(MICROBIAL_GROWTH_RE.test('Pathogen and background microflora of ground beef in enrichment broth')).toBe(true);
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
    // on counts (not logs) the models observe 10^L; an optical density below 1, whose logs are
    // negative, gets Baranyi's model on its own scale (growthrates' y0, K as N0, Nmax)
    const baranyi = MICROBIAL_MOTIFS.find((m) => m.id === 'growth-baranyi')!;
    expect(baranyi.applies!(dataScales(counts, 'Bacterial counts (CFU/mL)'))).toBe(true);
    expect(baranyi.build(dataScales(counts, 'Bacterial counts (CFU/mL)')).observables[0]!.expression).toBe('pow(10, L)');
    const od = parseDataset('time,value\n0,0.05\n2,0.2\n4,0.9\n', { name: 'od.csv' });
    const OD = 'Bacterial growth, optical density at 600 nm';
    expect(baranyi.applies!(dataScales(od, OD))).toBe(true);
    const onDensity = baranyi.build(dataScales(od, OD));
    expect([onDensity.observables[0]!.expression, onDensity.parameters.map((p) => p.name)]).toEqual(['N', ['N0', 'Nmax', 'mumax', 'lag']]);
    // the field's convention only where its curve can be built: log reductions (0 falling to −6) get no log-linear convention
    expect(conventionsFor(od, OD).motifs.has('growth-baranyi')).toBe(true);
    const reductions = parseDataset('time,value\n0,0\n2,-1\n4,-3\n6,-6\n', { name: 'kill.csv' });
    const killWords = 'Thermal inactivation of Listeria: log reduction by minute';
    const logLinear = MICROBIAL_MOTIFS.find((m) => m.id === 'inactivation-log-linear')!;
    expect(logLinear.applies!(dataScales(reductions, killWords))).toBe(false);
    expect(conventionsFor(reductions, killWords).motifs.has('inactivation-log-linear')).toBe(false);
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
    const baranyiLog10 = (x: typeof b, t: number) => x.LOG10Nmax + Math.log10((-1 + Math.exp(x.mumax * x.lag) + Math.exp(x.mumax * t)) / (Math.exp(x.mumax * t) - 1 + Math.exp(x.mumax * x.lag) * 10 ** (x.LOG10Nmax - x.LOG10N0)));
    check('growth-baranyi', b, (t) => baranyiLog10(b, t));
    // the same curve on an optical density's own scale (growthrates' bactgrowth: y0 0.0175, K 0.0996)
    const od = { N0: 0.0175, Nmax: 0.0996, mumax: 0.2, lag: 5 };
    const odModel = compileSpec(MICROBIAL_MOTIFS.find((m) => m.id === 'growth-baranyi')!.build(dataScales(parseDataset('time (h),value\n0,0.0175\n10,0.05\n24,0.099\n', { name: 'od.csv' }), 'Bacterial growth, optical density')));
    const odRun = simulateInThread({ model: odModel, params: Float64Array.from(odModel.parameterNames.map((n) => od[n as keyof typeof od])), times: Float64Array.from(times), solver: { method: 'dopri5', rtol: 1e-10, atol: 1e-12 } });
    times.forEach((t, i) => expect(odRun.outputs[i]!, `on density at t = ${t}`).toBeCloseTo(10 ** baranyiLog10({ LOG10N0: Math.log10(od.N0), LOG10Nmax: Math.log10(od.Nmax), mumax: od.mumax, lag: od.lag }, t), 9));
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

// Two flora growing together (nlsMicrobio's competition1/2: E. coli O157:H7 and a ground beef's
// background flora; Vimont et al. 2006): before, discovery kept only the first flora ("no library
// mechanism links them") and fitted Baranyi to it alone.
describe('two flora growing together (the Jameson effect)', () => {
  const BROTH = 'Simultaneous growth of E. coli O157:H7 and the background microflora of ground beef in enrichment broth, log10 CFU/mL by hour';
  const jameson = MICROBIAL_MOTIFS.find((m) => m.id === 'growth-jameson')!;

  it('links the two flora and sets each one\'s priors from its own series', () => {
    const data = table('competition1');
    expect(focusObservables(data, BROTH).dropped).toEqual([]);
    const s = dataScales(data, BROTH);
    expect(s.series).toEqual([{ first: 0.9, max: 8.14 }, { first: 3.62, max: 8.7 }]);
    expect(jameson.applies!(s)).toBe(true);
    const spec = jameson.build(s);
    expect(spec.observables.map((o) => o.expression)).toEqual(['L1', 'L2']);
    const median = (n: string) => (spec.parameters.find((p) => p.name === n)!.prior as { median: number }).median;
    expect(median('LOG10N0_2')).toBeCloseTo(3.62, 2);
    // the total at its largest: 10^8.14 + 10^8.7
    expect(median('LOG10Nmax')).toBeCloseTo(Math.log10(10 ** 8.14 + 10 ** 8.7), 2);
    // a falling second series is no flora growing, and one series is Baranyi's alone
    const falling = parseDataset('observable,time,value\nA,0,2\nA,4,6\nB,0,6\nB,4,3\n', { name: 'two.csv' });
    expect(jameson.applies!(dataScales(falling, BROTH))).toBe(false);
    expect(focusObservables(falling, BROTH).dropped).toEqual(['B']);
    // protozoa fed on bacteria, counted as individuals: competitors (ecology.ts), not two flora
    const protozoa = parseDataset('observable,time,value\nPc,1,5\nPc,4,60\nPa,1,4\nPa,4,90\n', { name: 'gause.csv' });
    expect(jameson.applies!(dataScales(protozoa, 'Paramecium caudatum and P. aurelia grown together on a medium with wild bacteria'))).toBe(false);
  });

  it('integrates to Baranyi\'s curve for each flora while the total is far below the maximum', () => {
    const spec = jameson.build(dataScales(table('competition1'), BROTH));
    const model = compileSpec(spec);
    const theta: Record<string, number> = { LOG10N0_1: 0.8, mumax_1: 1.47, lag_1: 1.5, LOG10N0_2: 3.6, mumax_2: 1.23, lag_2: 3, LOG10Nmax: 40 };
    const times = [0, 1, 2, 4, 6, 8, 12];
    const r = simulateInThread({ model, params: Float64Array.from(model.parameterNames.map((n) => theta[n]!)), times: Float64Array.from(times), solver: { method: 'dopri5', rtol: 1e-10, atol: 1e-12 } });
    expect(r.status[0]).toBe(0);
    // nlsMicrobio's baranyi_without_Nmax: L0 + µt/ln10 + log10(e^(−µt)(1 − e^(−µ·lag)) + e^(−µ·lag))
    const free = (l0: number, mu: number, lag: number, t: number) => l0 + (mu * t) / Math.LN10 + Math.log10(Math.exp(-mu * t) * (1 - Math.exp(-mu * lag)) + Math.exp(-mu * lag));
    times.forEach((t, i) => {
      expect(r.outputs[2 * i]!, `flora 1 at t = ${t}`).toBeCloseTo(free(0.8, 1.47, 1.5, t), 6);
      expect(r.outputs[2 * i + 1]!, `flora 2 at t = ${t}`).toBeCloseTo(free(3.6, 1.23, 3, t), 6);
    });
    // with the maximum in reach both stop together, their total at the maximum
    theta.LOG10Nmax = 8.8;
    const late = simulateInThread({ model, params: Float64Array.from(model.parameterNames.map((n) => theta[n]!)), times: Float64Array.from([40]), solver: { method: 'dopri5', rtol: 1e-10, atol: 1e-12 } });
    expect(Math.log10(10 ** late.outputs[0]! + 10 ** late.outputs[1]!)).toBeCloseTo(8.8, 3);
  });

  it('ranks the Jameson model first on competition1, with least squares\' rates', async () => {
    const r = await discoverRealTable('real-microbio/competition1.csv', BROTH);
    const top = r.models[0]!;
    expect(top.name).toMatch(/^growth-jameson( |$)/);
    // R's nls with nlsMicrobio's jameson_baranyi: mumax_1 1.473, LOG10N0_2 3.567
    expectInterval(top.parameters, 'mumax_1', 1.473);
    expectInterval(top.parameters, 'LOG10N0_2', 3.567);
  }, 240_000);
});
