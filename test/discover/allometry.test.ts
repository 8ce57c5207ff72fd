// Allometric PK motifs (docs/discovery.md, "Allometric scaling"): with a body-weight covariate in
// the data, the library's PK structures scale clearances by (WT/70)^0.75 and volumes by WT/70.
// Checked against the closed form of one-compartment oral PK at the scaled CL and V, and against
// the plain motif when the data carry no weight.
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { parseDataset } from '../../src/data/index.ts';
import type { Dataset } from '../../src/data/types.ts';
import { dataFeatures } from '../../src/discover/features.ts';
import { buildPk, dataScales, MOTIFS, type PkDescriptor } from '../../src/discover/library/index.ts';
import { compileSpec, validateSpec } from '../../src/model/index.ts';
import { createCpuBackend } from '../../src/simulate/index.ts';
import { ORAL_PK } from './fixtures.ts';

const backend = createCpuBackend({ spawn: null });
afterAll(() => backend.dispose());

/** ORAL_PK as three arms of the given mean weights (same curve; only the covariate matters here) */
function withWeights(weights: number[], name = 'WT', unit = 'kg'): Dataset {
  const groups = weights.map((w, i) => ({ name: `arm${i + 1}`, covariates: { dose: 100, [name]: w } }));
  return { ...ORAL_PK, covariates: [{ name, unit }], groups, series: groups.map((g) => ({ ...ORAL_PK.series[0]!, group: g.name })) };
}

const ORAL: PkDescriptor = { compartments: 1, route: 'oral', absorption: 'first-order', elimination: 'linear' };

describe('allometric PK motifs', () => {
  it('declare the data\'s weight covariate (default: the 70 kg reference) and scale every PK motif with it', () => {
    const s = dataScales(withWeights([25, 50, 85]));
    expect(s.weight).toEqual({ name: 'WT', unit: 'kg', median: 50, primary: 25, reference: 70 });
    for (const m of MOTIFS.filter((x) => x.family === 'pk')) {
      const spec = m.build(s);
      validateSpec(spec);
      expect(spec.covariates, m.id).toEqual([{ name: 'WT', unit: 'kg', default: 70 }]);
      const text = [...Object.values(spec.equations), ...spec.observables.map((o) => o.expression)].join(' ');
      const pk = (m.pk ?? m.parentPk)!;
      expect(text, m.id).toMatch(pk.elimination === 'mm' ? /Vmax\*\(WT\/70\)\^0\.75/ : /CL\*\(WT\/70\)\^0\.75/);
      if (m.parentPk) expect(text, m.id).toContain('CLm*(WT/70)^0.75/(Vm*(WT/70))*metab');
      if (pk.compartments > 1) expect(text, m.id).toMatch(/Q\*\(WT\/70\)\^0\.75\/\(V2\*\(WT\/70\)\)/);
      expect(text, m.id).toContain('(V*(WT/70))');
      expect(spec.rationale, m.id).toMatch(/70-kg subject/);
    }
  });

  it('leave the motifs as they were when the data carry no weight', () => {
    const spec = buildPk(ORAL, dataScales(ORAL_PK));
    expect(spec.covariates).toBeUndefined();
    expect(spec.equations.central).toBe('ka*gut - CL/V*central');
    expect(spec.observables[0]!.expression).toBe('central/V');
  });

  it('centre priors on the reference subject: CL and V of a 70 kg subject from a 25 kg arm', () => {
    const plain = buildPk(ORAL, dataScales(ORAL_PK));
    const scaled = buildPk(ORAL, dataScales(withWeights([25, 50, 85])));
    const median = (spec: typeof plain, p: string) => (spec.parameters.find((x) => x.name === p)!.prior as { median: number }).median;
    expect(median(scaled, 'V') / median(plain, 'V')).toBeCloseTo(70 / 25, 2);
    expect(median(scaled, 'CL') / median(plain, 'CL')).toBeCloseTo((70 / 25) ** 0.75, 2);
  });

  it('take the data\'s median as the reference when weights are far from 70 (rats in kg)', () => {
    const s = dataScales(withWeights([0.22, 0.25, 0.31], 'bw'));
    expect(s.weight).toMatchObject({ name: 'bw', reference: 0.25 });
    expect(buildPk(ORAL, s).equations.central).toBe('ka*gut - CL*(bw/0.25)^0.75/(V*(bw/0.25))*central');
  });

  it('simulate the closed form of one-compartment oral PK at CL·(W/70)^0.75 and V·W/70', async () => {
    const model = compileSpec(buildPk(ORAL, dataScales(withWeights([25, 50, 85]))));
    const [ka, CL, V] = [1.5, 4, 35];
    const times = Float64Array.from([0.5, 1, 2, 4, 8, 12, 24]);
    const params = Float64Array.from(model.parameterNames.map((n) => ({ ka, CL, V })[n as 'ka']));
    for (const W of [25, 70, 85]) {
      const covariates = Float64Array.from(model.covariateNames.map((n) => (n === 'WT' ? W : 100)));
      const r = await backend.simulate({ model, params, covariates, times, solver: { method: 'auto', rtol: 1e-9, atol: 1e-12 } });
      const Vi = V * (W / 70), k = (CL * (W / 70) ** 0.75) / Vi;
      times.forEach((t, i) => {
        const exact = ((100 * ka) / (Vi * (ka - k))) * (Math.exp(-k * t) - Math.exp(-ka * t));
        expect(Math.abs(r.outputs[i]! - exact) / exact, `W = ${W}, t = ${t}`).toBeLessThan(1e-6);
      });
    }
  });
});

describe('dose-normalised exposure with body weight', () => {
  it('does not read arms that differ only in size as saturable elimination', () => {
    const data = parseDataset(readFileSync('public/examples/data/pk-weight-three-arms.csv', 'utf8'));
    expect(dataFeatures(data).doseNonlinear).toBe(false);
    // the same curves without the weight covariate: AUC/dose differs 2.4-fold between arms
    const noWeight = { ...data, covariates: undefined, groups: data.groups.map((g) => ({ ...g, covariates: { dose: g.covariates.dose! } })) };
    expect(dataFeatures(noWeight).doseNonlinear).toBe(true);
  });
});
