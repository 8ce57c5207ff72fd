// Hyperparameter layout, priors on φ, the particle × subject parameter matrix, and matching a
// parsed CSV dataset to a model.
import { describe, expect, it } from 'vitest';
import { buildEnsembleInputs, buildLayout, drawEta, logPriorDensity, samplePrior, type LogPrior } from '../../src/infer/population.ts';
import { createRng } from '../../src/infer/rng.ts';
import { planFit, FitInputError } from '../../src/infer/plan.ts';
import { mergeGroupWarnings } from '../../src/infer/group-covariates.ts';
import { parseDataset } from '../../src/data/index.ts';
import { loadModel, PK1 } from './helpers.ts';

const model = loadModel(PK1);

describe('population layout and priors', () => {
  it('lays out log θ_pop, log ω for varying parameters and log σ per error component', () => {
    const layout = buildLayout(model, [{ observable: 0, scale: 2 }]);
    expect(layout.hyper.map((h) => h.name)).toEqual(['ka', 'CL', 'V', 'omega_ka', 'omega_CL', 'omega_V', 'sigma_add', 'sigma_prop']);
    expect(layout.varying).toEqual([0, 1, 2]);
    expect(layout.sigmaAdd[0]).toBe(6);
    expect(layout.sigmaProp[0]).toBe(7);
    const ka = layout.hyper[0].prior;
    expect(ka).toEqual({ type: 'normal', mean: 0, sd: Math.log(3) });
  });

  it('prior densities on the log scale integrate to one and match their samplers', () => {
    const priors: LogPrior[] = [
      { type: 'normal', mean: 1, sd: 0.5 },
      { type: 'uniform', lower: 0.5, upper: 4 },
      { type: 'loguniform', lower: 0.1, upper: 10 },
    ];
    const rng = createRng(4);
    for (const p of priors) {
      let integral = 0;
      const h = 1e-3;
      for (let u = -6; u < 6; u += h) integral += Math.exp(logPriorDensity(p, u + h / 2)) * h;
      expect(integral).toBeCloseTo(1, 3);
      // sampler: the mean of u matches the density's mean
      let dm = 0;
      for (let u = -6; u < 6; u += h) dm += (u + h / 2) * Math.exp(logPriorDensity(p, u + h / 2)) * h;
      let sm = 0;
      for (let i = 0; i < 20000; i++) sm += samplePrior(p, rng) / 20000;
      expect(Math.abs(sm - dm)).toBeLessThan(0.02);
    }
  });

  it('builds θ_ij = exp(log θ_pop + ω η_j) for each particle and group, fixed parameters unchanged', () => {
    const layout = buildLayout(model, [{ observable: 0, scale: 2 }]);
    const D = layout.hyper.length;
    const phis = new Float64Array(2 * D);
    const set = (p: number, vals: number[]) => vals.forEach((v, k) => { phis[p * D + k] = v; });
    set(0, [Math.log(1), Math.log(5), Math.log(50), Math.log(0.3), Math.log(0.2), Math.log(0.1), 0, 0]);
    set(1, [Math.log(2), Math.log(6), Math.log(40), Math.log(0.5), Math.log(0.4), Math.log(0.3), 0, 0]);
    const M = 4;
    const eta = drawEta(createRng(1), 2, M, 3);
    const { params, covariates } = buildEnsembleInputs(layout, phis, 2, eta, M, [Float64Array.of(100), Float64Array.of(200)]);
    expect(params.length).toBe(2 * 2 * M * 3);
    const row = (p: number, g: number, j: number) => ((p * 2 + g) * M + j);
    const r = row(1, 1, 2);
    expect(params[r * 3 + 0]).toBeCloseTo(2 * Math.exp(0.5 * eta[1][2 * 3 + 0]), 12);
    expect(params[r * 3 + 2]).toBeCloseTo(40 * Math.exp(0.3 * eta[1][2 * 3 + 2]), 12);
    expect(covariates[r]).toBe(200);
    expect(covariates[row(1, 0, 3)]).toBe(100);
    // groups with equal covariates share one row, which the backends broadcast
    const same = buildEnsembleInputs(layout, phis, 2, eta, M, [Float64Array.of(100), Float64Array.of(100)]);
    expect([...same.covariates]).toEqual([100]);
    expect(same.params).toEqual(params);
  });
});

describe('matching data to a model', () => {
  it('maps series, groups and doses; a lone observable with another name is matched with a warning', () => {
    const csv = 'group,dose,time,mean,sd,n\nlow,50,1,0.5,0.1,12\nlow,50,4,0.7,0.2,12\nhigh,200,1,2.1,0.5,10\nhigh,200,4,2.9,0.8,10\nhigh,200,8,2.0,0.6,9\n';
    const plan = planFit(model, parseDataset(csv));
    expect(plan.groups.map((g) => [g.name, g.covariates[0]])).toEqual([['low', 50], ['high', 200]]);
    expect(plan.times).toEqual([1, 4, 8]);
    expect(plan.series).toHaveLength(2);
    expect(plan.series[1].data.timeIdx).toEqual([0, 1, 2]);
    expect(plan.series[1].data.n).toEqual([10, 10, 9]);
    expect(plan.warnings.join(' ')).toMatch(/matched to the model's only observable "conc"/);
  });

  it('says once, naming every group, what it would otherwise repeat per group (many arms)', () => {
    const data = parseDataset('group,dose,time,mean,sd,n\nA,50,1,0.5,0.1,12\nB,100,1,1.1,0.2,12\nC,200,1,2.1,0.5,10\n');
    const withAge = { ...data, groups: data.groups.map((g) => ({ ...g, covariates: { ...g.covariates, age: 40 } })) };
    const warnings = planFit(model, withAge).warnings.filter((w) => w.includes('"age"'));
    expect(warnings).toEqual(['groups "A", "B", "C": covariate "age" is not used by the model']);
    expect(mergeGroupWarnings(['group "A": x', 'other', 'group "B": y', 'group "C": x'])).toEqual(['groups "A", "C": x', 'other', 'group "B": y']);
  });

  it('ends with a clear error when no data observable is in the model', () => {
    const csv = 'observable,time,mean,sd,n\nglucose,1,5,1,10\nweight,1,70,8,10\n';
    expect(() => planFit(model, parseDataset(csv))).toThrow(FitInputError);
    expect(() => planFit(model, parseDataset(csv))).toThrow(/no fit can proceed.*"glucose".*"conc"/);
  });
});
