// An epidemic curve of new cases per week (docs/discovery.md, "Epidemic curves"): the Zika outbreak
// on Yap, 2007 (real, test/fixtures/real-public/zika-yap-2007.csv: 108 reported cases among 7391
// residents, most of whom were infected). The counts are the rate of new infections over the
// counting interval, a reported share rho of them where the context states the population.
// Checked on the scales and specs, against the cumulative count (the integral of the incidence),
// on which motifs are offered, and on a discovery run whose fit must follow the outbreak.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDataset } from '../../src/data/index.ts';
import { dataFeatures } from '../../src/discover/features.ts';
import { scoreMotifs } from '../../src/discover/first-pick.ts';
import { dataScales, motifById } from '../../src/discover/library/index.ts';
import { compileSpec, validateSpec } from '../../src/model/index.ts';
import { inThreadBackend, smallDiscovery, TINY_SIZES } from './fixtures.ts';

const YAP = parseDataset(readFileSync(new URL('../fixtures/real-public/zika-yap-2007.csv', import.meta.url), 'utf8'), { name: 'zika-yap-2007.csv' });
const CONTEXT = 'Zika outbreak on the Yap Main Islands, 2007: weekly reported cases, population 7391';
const backend = inThreadBackend;

describe('an epidemic curve of reported new cases', () => {
  it('is read as incidence over the visits’ spacing, with a reported share where the population is stated', () => {
    const scales = dataScales(YAP, CONTEXT);
    expect(scales.incidence).toEqual({ interval: 1 });
    expect(scales.population).toBe(7391);
    const sir = motifById('epi-sir')!.build(scales);
    validateSpec(sir);
    expect(sir.observables[0]!.expression).toBe('rho*beta*S*I/Npop');
    expect(sir.parameters.find((p) => p.name === 'rho')!.prior).toEqual({ type: 'uniform', lower: 0, upper: 1 });
    const seir = motifById('epi-seir')!.build(scales);
    validateSpec(seir);
    // (SEIR: the cases counted are the exposed becoming infectious)
    expect(seir.observables[0]!.expression).toBe('rho*sigma*E');
    // their running total is a reported share too
    const total = motifById('epi-sir')!.build({ ...scales, observables: ['cumulative_cases'] });
    validateSpec(total);
    expect(total.observables[0]!.expression).toBe('rho*C');
    // without a stated population the share is absorbed by the population's own prior
    const free = motifById('epi-sir')!.build(dataScales(YAP, 'Zika outbreak: weekly reported cases'));
    expect(free.observables[0]!.expression).toBe('beta*S*I/Npop');
    expect(free.parameters.some((p) => p.name === 'rho')).toBe(false);
    // weekly counts on a clock in days cover seven days each
    const days = parseDataset(readFileSync(new URL('../fixtures/real-public/zika-yap-2007.csv', import.meta.url), 'utf8').replace('week,', 'day,').replace(/^(\d+),/gm, (_, w: string) => `${7 * Number(w)},`));
    expect(dataScales(days, CONTEXT).incidence).toEqual({ interval: 7 });
    expect(motifById('epi-sir')!.build(dataScales(days, CONTEXT)).observables[0]!.expression).toBe('rho*7*beta*S*I/Npop');
    // a bare label of cases, with no word of new or weekly cases, stays the number infected
    expect(dataScales(YAP, 'Zika on Yap, population 7391').incidence).toBeUndefined();
    // the number currently ill stays the infected (a boarding school's boys confined to bed each day)
    expect(dataScales(YAP, 'Influenza outbreak in a boarding school of 763 boys: number of boys confined to bed each day').incidence).toBeUndefined();
  });

  it('counts over the interval what the cumulative count adds up', async () => {
    const scales = { ...dataScales(YAP, 'an outbreak: new cases per week'), observables: ['cases', 'cumulative'] };
    const spec = motifById('epi-sir')!.build(scales);
    validateSpec(spec);
    const model = compileSpec(spec);
    const theta: Record<string, number> = { beta: 1.2, gamma: 0.5, I0: 3, Npop: 1000 };
    const p = Float64Array.from(model.parameterNames.map((n) => theta[n]!));
    const times = Array.from({ length: 401 }, (_, k) => k * 0.05);
    const res = await backend.simulate({ model, params: p, covariates: new Float64Array(model.covariateNames.length), t0: 0, times: Float64Array.from(times), solver: { method: 'dopri5', rtol: 1e-10, atol: 1e-10 } });
    // the trapezoid integral of the incidence over 0–20 weeks is the cumulative count's rise
    let integral = 0;
    for (let k = 1; k < times.length; k++) integral += 0.025 * (res.outputs[(k - 1) * 2]! + res.outputs[k * 2]!);
    const rise = res.outputs[400 * 2 + 1]! - res.outputs[1]!;
    expect(rise).toBeGreaterThan(500);
    expect(integral).toBeCloseTo(rise, 0);
    expect(Math.abs(integral - rise) / rise).toBeLessThan(1e-3);
  });

  it('offers no predator and prey for an outbreak, unless the words name them', () => {
    const f = dataFeatures(YAP);
    const families = new Set(scoreMotifs(YAP, f, CONTEXT).map((s) => s.motif.family));
    expect(families.has('epidemic')).toBe(true);
    expect(families.has('ecology')).toBe(false);
    expect(scoreMotifs(YAP, f, 'pelts of predator and prey').some((s) => s.motif.family === 'ecology')).toBe(true);
  });

  it('ranks an epidemic first on Yap with a small reported share, its fit following the outbreak', async () => {
    const run = smallDiscovery([3, 2], TINY_SIZES);
    const r = await run(YAP, { seed: 1, rounds: 2, budgetSeconds: 600, context: CONTEXT }, backend);
    const top = r.models[0]!;
    expect(top.name).toMatch(/^epi-s/);
    // 108 of 7391 reported while most were infected: the share is a few percent, not all of them
    expect(top.parameters.rho!.median).toBeGreaterThan(0.005);
    expect(top.parameters.rho!.median).toBeLessThan(0.2);
    expect(top.parameters.beta!.median / top.parameters.gamma!.median).toBeGreaterThan(1.5);
    // the predicted weekly count rises to the outbreak's peak (29 cases in week 15), not a flat line
    const band = top.predictive.mean;
    expect(Math.max(...band.median)).toBeGreaterThan(10);
    // one trajectory: between visits the band is one count too, so it does not zigzag to 0 at every visit
    const at = (t: number) => band.median[band.times.indexOf(t)]!;
    expect(at(15)).toBeGreaterThan(5);
    expect(at(16)).toBeGreaterThan(5);
  }, 240_000);
});
