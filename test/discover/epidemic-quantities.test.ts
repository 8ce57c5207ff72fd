// Epidemic observables read by their names (docs/discovery.md, "The motif library"): the infected
// (default), the susceptibles, the recovered, the cumulative count. Eyam's plague of 1666 (real,
// test/fixtures/real-public/eyam-plague.csv) has the susceptibles and the infected: both are fitted
// by one SIR model. Checked on the roles, on the spec (names unique, a cumulative state), against
// SIR's conservation laws, on which observables discovery keeps, and on a discovery run.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDataset } from '../../src/data/index.ts';
import { focusObservables } from '../../src/discover/focus.ts';
import { dataScales, motifById } from '../../src/discover/library/index.ts';
import { epidemicQuantities, epidemicRole } from '../../src/discover/library/epidemic.ts';
import { compileSpec, validateSpec } from '../../src/model/index.ts';
import { inThreadBackend, smallDiscovery, TINY_SIZES } from './fixtures.ts';

const EYAM = parseDataset(readFileSync(new URL('../fixtures/real-public/eyam-plague.csv', import.meta.url), 'utf8'), { name: 'eyam-plague.csv' });
const CONTEXT = 'Plague in the village of Eyam, 1666: susceptible and infected villagers; time in months from 18 June';
const backend = inThreadBackend;

describe('epidemic quantities named by the data', () => {
  it('read an observable name as the infected, susceptibles, recovered or cumulative count', () => {
    expect(['in_bed', 'cases', 'infected', 'I', 'deaths_per_week'].map(epidemicRole)).toEqual(['infected', 'infected', 'infected', 'infected', 'infected']);
    expect(['susceptible', 'S', 'recovered', 'cumulative_cases', 'total_deaths'].map(epidemicRole)).toEqual(['susceptible', 'susceptible', 'recovered', 'cumulative', 'cumulative']);
    expect(epidemicRole('conc')).toBeNull();
    expect(['bedrock_depth', 'embedded_fraction'].map(epidemicRole)).toEqual([null, null]); // 'bed' only as a word
    expect(epidemicQuantities(['susceptible', 'infected'])).toBe(true);
    expect(epidemicQuantities(['cases', 'infected'])).toBe(false); // the same quantity twice
    expect(epidemicQuantities(['conc', 'infected'])).toBe(false);
  });

  it('build one model of all of them, with names unique and a state that sums the incidence', () => {
    const scales = dataScales(EYAM, CONTEXT);
    const sir = motifById('epi-sir')!.build(scales);
    validateSpec(sir);
    expect(sir.observables.map((o) => [o.name, o.expression])).toEqual([['susceptible', 'S'], ['infected', 'I']]);
    // the population starts near the first susceptibles, not five times them
    const nPrior = sir.parameters.find((p) => p.name === 'Npop')!.prior as { median: number };
    expect(nPrior.median).toBeGreaterThan(254);
    expect(nPrior.median).toBeLessThan(1.1 * 254);
    const short = motifById('epi-seir')!.build({ ...scales, observables: ['S', 'I', 'cumulative'] });
    validateSpec(short);
    expect(short.states.map((s) => s.name)).toEqual(['S_n', 'E', 'I_n', 'R', 'C']);
    expect(short.observables.map((o) => o.expression)).toEqual(['S_n', 'I_n', 'C']);
    expect(short.equations.C).toBe('beta*S_n*I_n/Npop');
  });

  it('conserve the population, and count every infection in the cumulative state (C = N − S)', async () => {
    const spec = motifById('epi-sir')!.build({ ...dataScales(EYAM, CONTEXT), observables: ['susceptible', 'infected', 'recovered', 'cumulative'] });
    const model = compileSpec(spec);
    const theta: Record<string, number> = { beta: 4.6, gamma: 2.7, I0: 7, Npop: 261 };
    const p = Float64Array.from(model.parameterNames.map((n) => theta[n]!));
    const times = [0, 0.5, 1, 2, 4, 8];
    const res = await backend.simulate({ model, params: p, covariates: new Float64Array(model.covariateNames.length), t0: 0, times: Float64Array.from(times), solver: { method: 'dopri5', rtol: 1e-10, atol: 1e-10 } });
    times.forEach((_, k) => {
      const [S, I, R, C] = [0, 1, 2, 3].map((o) => res.outputs[k * 4 + o]!);
      expect(S + I + R).toBeCloseTo(261, 6);
      expect(C).toBeCloseTo(261 - S, 6);
    });
    // final size: S∞ solves ln(S∞/S0) = R0·(S∞ − N)/N with R0 = β/γ
    const sInf = res.outputs[5 * 4]!;
    expect(Math.log(sInf / 254)).toBeCloseTo((4.6 / 2.7) * (sInf - 261) / 261, 3);
  });

  it('keep both observables together, and rank SIR first on the real table', async () => {
    expect(focusObservables(EYAM, CONTEXT).dropped).toEqual([]);
    const run = smallDiscovery([3, 2], TINY_SIZES);
    const r = await run(EYAM, { seed: 1, rounds: 2, budgetSeconds: 600, context: CONTEXT }, backend);
    expect(r.models[0]!.name).toMatch(/^epi-sir( |$)/);
    const k = r.models[0]!.parameters;
    // R0 = β/γ ≈ 1.7 (Raggett 1982: β·N = 0.0178·261 = 4.65, γ = 2.73 per month)
    expect(k.beta!.median / k.gamma!.median).toBeGreaterThan(1.3);
    expect(k.beta!.median / k.gamma!.median).toBeLessThan(2.2);
  }, 240_000);
});
