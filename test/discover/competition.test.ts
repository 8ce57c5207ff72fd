// Two competing species (docs/discovery.md, "The motif library"): Gause's Paramecium experiment,
// real data (test/fixtures/real-gause/), as a table of two monocultures beside a mixture. Checked
// on which groups hold which species, on the spec (a species starts at 0 where its group has no
// series of it), against the closed forms (logistic monocultures, the coexistence equilibrium),
// on the first pick, and on a discovery run of the real table.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDataset } from '../../src/data/index.ts';
import { dataFeatures } from '../../src/discover/features.ts';
import { scoreMotifs } from '../../src/discover/first-pick.ts';
import { namedFamilies } from '../../src/discover/domain.ts';
import { dataScales, motifById } from '../../src/discover/library/index.ts';
import { planFit } from '../../src/infer/plan.ts';
import { compileSpec, validateSpec } from '../../src/model/index.ts';
import { LOGISTIC, inThreadBackend, smallDiscovery, TINY_SIZES } from './fixtures.ts';

const GAUSE = parseDataset(readFileSync(new URL('../fixtures/real-gause/paramecium-competition.csv', import.meta.url), 'utf8'), { name: 'paramecium-competition.csv' });
const CONTEXT = "Gause's Paramecium caudatum and Paramecium aurelia grown alone and in mixed culture: volume of each species per day";
const backend = inThreadBackend;

describe('two competing species', () => {
  it('know which groups hold which species: a monoculture has no series of the other', () => {
    expect(dataScales(GAUSE).groupsObserving).toEqual({ caudatum: ['Pc', 'Mixture'], aurelia: ['Mixture', 'Pa'] });
    // the source's way: the absent species listed as zeros
    const zeros = { ...GAUSE, series: [...GAUSE.series, ...GAUSE.series.filter((x) => x.group !== 'Mixture').map((x) => ({ ...x, observable: x.observable === 'caudatum' ? 'aurelia' : 'caudatum', mean: x.mean.map(() => 0) }))] };
    expect(dataScales(zeros).groupsObserving).toEqual({ caudatum: ['Pc', 'Mixture'], aurelia: ['Mixture', 'Pa'] });
    // every group measuring every observable: nothing to say
    expect(dataScales(LOGISTIC).groupsObserving).toBeUndefined();
  });

  it('start a species at zero where its group has no series of it, one indicator per group', () => {
    const spec = motifById('competition')!.build(dataScales(GAUSE));
    validateSpec(spec);
    expect(spec.states.map((s) => s.initial)).toEqual(['N1_0*(in_Pc + in_Mixture)', 'N2_0*(in_Mixture + in_Pa)']);
    expect(spec.covariates).toEqual([{ name: 'in_Pc', group: 'Pc', default: 0 }, { name: 'in_Mixture', group: 'Mixture', default: 0 }, { name: 'in_Pa', group: 'Pa', default: 0 }]);
    expect(spec.observables.map((o) => [o.name, o.expression])).toEqual([['caudatum', 'N1'], ['aurelia', 'N2']]);
    const model = compileSpec(spec);
    const plan = planFit(model, GAUSE);
    expect(plan.warnings.filter((w) => /in_/.test(w))).toEqual([]);
    // without monocultures both species start everywhere
    const mixed = { ...GAUSE, groups: GAUSE.groups.filter((g) => g.name === 'Mixture'), series: GAUSE.series.filter((s) => s.group === 'Mixture') };
    const both = motifById('competition')!.build(dataScales(mixed));
    expect(both.states.map((s) => s.initial)).toEqual(['N1_0', 'N2_0']);
    expect(both.covariates).toBeUndefined();
  });

  it('simulate logistic monocultures and the coexistence equilibrium of the mixture', async () => {
    const spec = motifById('competition')!.build(dataScales(GAUSE));
    const model = compileSpec(spec);
    const theta: Record<string, number> = { N1_0: 2, N2_0: 3, r1: 0.8, r2: 0.5, K1: 200, K2: 150, a12: 0.5, a21: 0.4 };
    const p = Float64Array.from(model.parameterNames.map((n) => theta[n]!));
    const groups = ['Pc', 'Mixture', 'Pa'];
    const nc = model.covariateNames.length;
    const cov = new Float64Array(groups.length * nc);
    groups.forEach((g, i) => { cov[i * nc + model.covariateNames.indexOf(`in_${g}`)] = 1; });
    const params = new Float64Array(groups.length * p.length);
    groups.forEach((_, i) => params.set(p, i * p.length));
    const times = [1, 3, 6, 10, 200];
    const res = await backend.simulate({ model, params, covariates: cov, t0: 0, times: Float64Array.from(times), solver: { method: 'dopri5', rtol: 1e-10, atol: 1e-12 } });
    const at = (g: number, k: number, o: number) => res.outputs[(g * times.length + k) * 2 + o]!;
    const logistic = (N0: number, r: number, K: number, t: number) => K / (1 + (K / N0 - 1) * Math.exp(-r * t));
    times.forEach((t, k) => {
      expect(at(0, k, 0)).toBeCloseTo(logistic(2, 0.8, 200, t), 6);
      expect(at(0, k, 1)).toBe(0);
      expect(at(2, k, 1)).toBeCloseTo(logistic(3, 0.5, 150, t), 6);
      expect(at(2, k, 0)).toBe(0);
    });
    // N1* = (K1 − a12 K2)/(1 − a12 a21), N2* = (K2 − a21 K1)/(1 − a12 a21)
    expect(at(1, 4, 0)).toBeCloseTo((200 - 0.5 * 150) / (1 - 0.2), 4);
    expect(at(1, 4, 1)).toBeCloseTo((150 - 0.4 * 200) / (1 - 0.2), 4);
  });

  it('are proposed first for two species that rise to plateaus, and never for one observable', () => {
    expect(namedFamilies(GAUSE, CONTEXT).has('ecology')).toBe(true);
    const ranked = scoreMotifs(GAUSE, dataFeatures(GAUSE), CONTEXT).map((r) => r.motif.id);
    const ecology = ranked.filter((id) => motifById(id)!.family === 'ecology');
    // the words name competition ("mixed culture"), not predation: predator–prey is not proposed
    expect(ecology).toEqual(['competition']);
    const plain = scoreMotifs(GAUSE, dataFeatures(GAUSE), 'volume of each species per day').map((r) => r.motif.id);
    expect(plain.indexOf('competition')).toBeLessThan(plain.indexOf('predator-prey'));
    expect(plain.indexOf('predator-prey')).toBeGreaterThan(-1);
    expect(scoreMotifs(LOGISTIC, dataFeatures(LOGISTIC), 'two competing species').map((r) => r.motif.id)).not.toContain('competition');
    // predatory mites and their prey (Huffaker 1963) cycle: the words rule competition out
    const mites = structuredClone(GAUSE);
    expect(scoreMotifs(mites, dataFeatures(mites), 'predatory mite Typhlodromus and its prey Eotetranychus, individuals per week').map((r) => r.motif.id).filter((id) => motifById(id)!.family === 'ecology')).toEqual(['predator-prey']);
    // "competitive inhibition" is pharmacology, not ecology
    expect(namedFamilies(LOGISTIC, 'competitive inhibition of the enzyme').has('ecology')).toBe(false);
  });

  it('rank first on Gause\'s real table', async () => {
    const run = smallDiscovery([4, 2], TINY_SIZES);
    const r = await run(GAUSE, { seed: 1, rounds: 2, budgetSeconds: 600, context: CONTEXT }, backend);
    expect(r.models[0]!.name).toMatch(/^competition( |$)/);
    const k = r.models[0]!.parameters;
    // P. aurelia wins the mixture (Gause): it crowds caudatum more than caudatum crowds it, relative to the plateaus
    expect(k.a12!.median * k.K2!.median / k.K1!.median).toBeGreaterThan(k.a21!.median * k.K1!.median / k.K2!.median);
  }, 240_000);
});
