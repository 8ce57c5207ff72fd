// Group-level effects (docs/discovery.md, "Groups nothing tells apart"): groups that differ in
// neither dose, regimen nor covariate get a ratio of the level parameter per group. Checked on
// the spec rewrite (the ratio multiplies every use of K; the first group is the reference), on
// the fit plan's indicator covariates, on the closed form of logistic growth, and on a fit that
// recovers a known ratio from a synthetic two-group cohort.
import { afterAll, describe, expect, it } from 'vitest';
import type { Dataset } from '../../src/data/types.ts';
import { groupLevelMisfit, indistinctGroups, levelParameter, withGroupEffects } from '../../src/discover/group-effects.ts';
import { mutate } from '../../src/discover/mutations.ts';
import { dataFeatures } from '../../src/discover/features.ts';
import { dataScales, motifById } from '../../src/discover/library/index.ts';
import { planFit } from '../../src/infer/plan.ts';
import { simulateCohort } from '../../src/infer/synthetic.ts';
import { simulateCohort as exploreCohort } from '../../src/ui/engine/cohort.ts';
import { fitModel } from '../../src/infer/index.ts';
import { compileSpec, validateSpec } from '../../src/model/index.ts';
import { createCpuBackend } from '../../src/simulate/index.ts';
import type { Diagnostics } from '../../src/infer/report.ts';
import { LOGISTIC, series } from './fixtures.ts';

const backend = createCpuBackend({ spawn: null });
afterAll(() => backend.dispose());

const TD = LOGISTIC.series[0]!.times;
/** LOGISTIC as three groups whose plateaus are 100, 150 and 60 */
function threeGroups(covariates: Record<string, number>[] = [{}, {}, {}]): Dataset {
  const K = [100, 150, 60];
  const names = ['1988F', '1988 P', '1989F'];
  return {
    ...LOGISTIC,
    groups: names.map((name, i) => ({ name, covariates: covariates[i]! })),
    series: names.map((name, i) => series(TD, TD.map((t) => K[i]! / (1 + (K[i]! / 5 - 1) * Math.exp(-0.5 * t))), { observable: 'volume', group: name, unit: 'mm3' })),
  };
}

function diagnostics(meanZ: Record<string, number>): Diagnostics {
  return {
    residuals: Object.entries(meanZ).flatMap(([group, z]) => TD.map((time) => ({ group, observable: 'volume', time, meanZ: z, sdZ: 0 }))),
    patterns: [], identifiability: { contraction: {}, correlated: [], atPriorEdge: [] }, failedFraction: 0, warnings: [],
  };
}

describe('groups nothing tells apart', () => {
  it('are found when no dose, covariate or regimen differs, and not otherwise', () => {
    expect(indistinctGroups(threeGroups())).toEqual(['1988F', '1988 P', '1989F']);
    expect(indistinctGroups(threeGroups([{ dose: 10 }, { dose: 10 }, { dose: 10 }]))).toEqual(['1988F', '1988 P', '1989F']);
    expect(indistinctGroups(threeGroups([{ dose: 10 }, { dose: 20 }, { dose: 10 }]))).toBeNull();
    expect(indistinctGroups(threeGroups([{ WT: 70 }, { WT: 70 }, { WT: 35 }]))).toBeNull();
    expect(indistinctGroups(LOGISTIC)).toBeNull();
  });

  it('give the level parameter a ratio per group against the first, in every expression that uses it', () => {
    const s = dataScales(threeGroups());
    const logistic = motifById('growth-logistic')!.build(s);
    expect(levelParameter(logistic)).toBe('K');
    const g = withGroupEffects(logistic, 'K', ['1988F', '1988 P', '1989F'])!;
    validateSpec(g);
    expect(g.name).toBe('growth-logistic +group(K)');
    expect(g.equations.N).toBe('r * N * (1 - N / (K * K_1988_P^in_1988_P * K_1989F^in_1989F))');
    expect(g.covariates).toEqual([{ name: 'in_1988_P', group: '1988 P', default: 0 }, { name: 'in_1989F', group: '1989F', default: 0 }]);
    expect(g.parameters.find((p) => p.name === 'K_1989F')).toMatchObject({ prior: { type: 'lognormal', median: 1, gsd: 2 } });
    expect(g.parameters.find((p) => p.name === 'K_1989F')!.varies).toBeUndefined();
    // a spec that already has them, or has no such parameter, is left alone
    expect(withGroupEffects(g, 'K', ['1988F', '1988 P'])).toBeNull();
    expect(withGroupEffects(logistic, 'CL', ['1988F', '1988 P'])).toBeNull();
  });

  it('set each group\'s indicator in the fit plan: 1 in its own group, 0 elsewhere', () => {
    const data = threeGroups();
    const g = withGroupEffects(motifById('growth-logistic')!.build(dataScales(data)), 'K', indistinctGroups(data)!)!;
    const model = compileSpec(g);
    const plan = planFit(model, data);
    const col = (name: string) => model.covariateNames.indexOf(name);
    expect(plan.groups.map((x) => [x.name, x.covariates[col('in_1988_P')], x.covariates[col('in_1989F')]])).toEqual([['1988F', 0, 0], ['1988 P', 1, 0], ['1989F', 0, 1]]);
    expect(plan.warnings.filter((w) => /in_/.test(w))).toEqual([]);
    const elsewhere = planFit(model, { ...data, groups: data.groups.filter((x) => x.name !== '1989F'), series: data.series.filter((x) => x.group !== '1989F') });
    expect(elsewhere.warnings).toContain('covariate "in_1989F" indicates group "1989F", which the data do not have: it is 0 in every group');
  });

  it('simulate each group at its own plateau (closed form of logistic growth)', async () => {
    const data = threeGroups();
    const g = withGroupEffects(motifById('growth-logistic')!.build(dataScales(data)), 'K', indistinctGroups(data)!)!;
    const model = compileSpec(g);
    const p = Float64Array.from(model.parameterNames.map((n) => ({ N0: 5, r: 0.5, K: 100, K_1988_P: 1.5, K_1989F: 0.6 })[n as 'N0']!));
    const cov = new Float64Array(3 * model.covariateNames.length);
    cov[1 * model.covariateNames.length + model.covariateNames.indexOf('in_1988_P')] = 1;
    cov[2 * model.covariateNames.length + model.covariateNames.indexOf('in_1989F')] = 1;
    const params = new Float64Array(3 * p.length);
    for (let i = 0; i < 3; i++) params.set(p, i * p.length);
    const res = await backend.simulate({ model, params, covariates: cov, t0: 0, times: Float64Array.from(TD), solver: { method: 'dopri5', rtol: 1e-9, atol: 1e-12 } });
    [100, 150, 60].forEach((K, i) => TD.forEach((t, k) => {
      expect(res.outputs[(i * TD.length + k) * model.observableNames.length]).toBeCloseTo(K / (1 + (K / 5 - 1) * Math.exp(-0.5 * t)), 5);
    }));
  });

  it('explore each group at its own plateau in the app (the group name sets the indicators)', async () => {
    const data = threeGroups();
    const spec = withGroupEffects(motifById('growth-logistic')!.build(dataScales(data)), 'K', indistinctGroups(data)!)!;
    const params = { N0: 5, r: 0.5, K: 100, K_1988_P: 1.5, K_1989F: 0.6 };
    const plateau = async (group?: string) => {
      const [band] = await exploreCohort({ spec, params, omegas: {}, covariates: {}, ...(group ? { group } : {}), times: [0, 60], subjects: 1, seed: 1, prefer: 'cpu' }, backend);
      return band!.mean[1]!;
    };
    expect(await plateau('1988F')).toBeCloseTo(100, 1);
    expect(await plateau('1988 P')).toBeCloseTo(150, 1);
    expect(await plateau('1989F')).toBeCloseTo(60, 1);
    expect(await plateau()).toBeCloseTo(100, 1);
  });

  it('are proposed when the groups sit on both sides of the fit, and not when they do not', () => {
    const data = threeGroups();
    const s = dataScales(data), f = dataFeatures(data);
    const spec = motifById('growth-logistic')!.build(s);
    const groups = indistinctGroups(data);
    const names = (meanZ: Record<string, number>, g = groups) => mutate({ spec, diagnostics: diagnostics(meanZ), features: f, scales: s, indistinctGroups: g }).map((p) => p.spec.name);
    expect(names({ '1988F': 0.2, '1988 P': 2.5, '1989F': -2.4 })).toContain('growth-logistic +group(K)');
    expect(names({ '1988F': 0.2, '1988 P': 0.4, '1989F': -0.3 })).not.toContain('growth-logistic +group(K)');
    expect(names({ '1988F': 2.2, '1988 P': 2.5, '1989F': 1.9 })).not.toContain('growth-logistic +group(K)');
    expect(names({ '1988F': 0.2, '1988 P': 2.5, '1989F': -2.4 }, null)).not.toContain('growth-logistic +group(K)');
    expect(mutate({ spec, diagnostics: diagnostics({ '1988F': 0.2, '1988 P': 2.5, '1989F': -2.4 }), features: f, scales: s, indistinctGroups: groups }).find((p) => p.spec.name === 'growth-logistic +group(K)')!.extends).toBe('growth-logistic');
    expect(groupLevelMisfit(diagnostics({ a: 3, b: -1 }).residuals, ['a', 'b'])).toBe(true);
  });

  it('recover a known ratio from a synthetic two-group cohort', async () => {
    const base = motifById('growth-logistic')!.build(dataScales(LOGISTIC));
    const spec = withGroupEffects(base, 'K', ['A', 'B'])!;
    const model = compileSpec(spec);
    const truth = { theta: { N0: 5, r: 0.5, K: 100, K_B: 1.6 }, omega: { N0: 0.2, r: 0.15 }, sigma: { additive: 1, proportional: 0.05 } };
    const { dataset: data } = await simulateCohort(model, truth, { n: 24, times: TD.slice(1), groups: [{ name: 'A' }, { name: 'B' }] }, 3, backend);
    const report = await fitModel(model, data, { particles: 256, subjects: 64, seed: 1 }, backend);
    const kb = report.parameters.K_B!;
    expect(kb.q05).toBeLessThan(1.6);
    expect(kb.q95).toBeGreaterThan(1.6);
    expect(kb.q05).toBeGreaterThan(1.3);
  }, 300_000);
});
