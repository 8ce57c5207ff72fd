// SBML export → our importer: an equivalent spec (same states, parameters with the exported
// values as prior medians, BSV, covariates, doses) that simulates the same within 1e-8 on the CPU.
import { describe, expect, it } from 'vitest';
import { exportModel, importSbml } from '../../src/exchange/index.ts';
import { checkSpec } from '../../src/model/index.ts';
import { applyRegimen } from '../../src/infer/regimen.ts';
import { example, GRID, maxRelDiff, simulateSpec } from './helpers.ts';

const CASES: [string, Record<string, number>, Record<string, number>, number[]][] = [
  ['pk-1cmt-oral', { ka: 1.3, CL: 4, V: 35 }, { dose: 100 }, GRID],
  ['pk-2cmt-iv', { CL: 5, V1: 20, Q: 10, V2: 60 }, { dose: 250 }, GRID],
  ['pk-1cmt-multiple-dose', { ka: 0.9, CL: 5, V: 50 }, { dose: 100 }, GRID],
  ['pk-1cmt-oral-covariate', { ka: 1, CL70: 5, V70: 50 }, { dose: 100, WT: 82 }, GRID],
  ['pd-indirect-response', { ka: 1, CL: 5, V: 50, kin: 10, kout: 0.5, IC50: 0.7 }, { dose: 100 }, GRID],
  ['disease-progression', { ka: 2, ke: 0.3, V: 20, kin: 5, kout: 0.1, prog: 0.01, Emax: 0.5, EC50: 1, gam: 1.5 }, { dose: 50 }, Array.from({ length: 53 }, (_, i) => i)],
  ['pk-tmdd', { kel: 0.2, V: 3, kon: 0.5, koff: 0.1, kint: 0.05, ksyn: 1, kdeg: 0.2 }, { dose: 10 }, Array.from({ length: 29 }, (_, i) => i)],
  ['epi-sir', { beta: 0.5, gamma: 0.1, I0: 0.001 }, {}, Array.from({ length: 121 }, (_, i) => i)],
  ['growth-gompertz', { alpha: 0.1, Kmax: 1000, vol0: 50 }, {}, Array.from({ length: 61 }, (_, i) => i)],
  ['stiff-robertson', { k1: 0.04, k2: 3e7, k3: 1e4 }, {}, [0, 1e-3, 0.01, 0.1, 1, 10, 40]],
];

describe('SBML round trip', () => {
  it.each(CASES)('%s simulates the same after export and import', (name, params, covs, times) => {
    const spec = example(name);
    const { spec: back } = importSbml(exportModel({ spec }, 'sbml'));
    expect(checkSpec(back).issues).toEqual([]);
    expect(back.states.map((s) => s.name)).toEqual(spec.states.map((s) => s.name));
    expect(back.parameters.map((p) => p.name)).toEqual(spec.parameters.map((p) => p.name));
    expect(back.parameters.map((p) => p.varies ?? false)).toEqual(spec.parameters.map((p) => p.varies ?? false));
    expect(Object.keys(back.equations)).toEqual(Object.keys(spec.equations));
    expect(back.timeUnit).toBe(spec.timeUnit);
    const a = simulateSpec(spec, params, covs, times), b = simulateSpec(back, params, covs, times);
    for (const o of spec.observables) expect(maxRelDiff(a[o.name]!, b[o.name]!)).toBeLessThan(1e-8);
  });

  it('carries the fitted values: posterior medians become prior medians, ω the BSV prior, units and covariates kept', () => {
    const spec = example('pk-1cmt-oral');
    const fitted = {
      spec,
      parameters: { ka: { median: 1.234 }, CL: { median: 4.56 }, V: { median: 37.8 } },
      bsv: { ka: { omega: { median: 0.25 } }, CL: { omega: { median: 0.31 } }, V: { omega: { median: 0.12 } } },
    };
    const { spec: back } = importSbml(exportModel(fitted, 'sbml'));
    expect(back.parameters).toEqual([
      { name: 'ka', unit: '1/h', prior: { type: 'lognormal', median: 1.234, gsd: 3 }, varies: true, omega: { type: 'lognormal', median: 0.25, gsd: 2 } },
      { name: 'CL', unit: 'L/h', prior: { type: 'lognormal', median: 4.56, gsd: 3 }, varies: true, omega: { type: 'lognormal', median: 0.31, gsd: 2 } },
      { name: 'V', unit: 'L', prior: { type: 'lognormal', median: 37.8, gsd: 3 }, varies: true, omega: { type: 'lognormal', median: 0.12, gsd: 2 } },
    ]);
    expect(back.covariates).toEqual([{ name: 'dose', unit: 'mg', default: 100 }]);
    expect(back.states).toEqual([{ name: 'gut', unit: 'mg', initial: '0' }, { name: 'central', unit: 'mg', initial: '0' }]);
    expect(back.observables).toEqual([{ name: 'conc', unit: 'mg/L', expression: 'central / V' }]);
    expect(back.error).toEqual({ model: 'combined' });
  });

  it('writes SBML units for the unit strings it understands', () => {
    const xml = exportModel({ spec: example('pk-1cmt-oral') }, 'sbml');
    expect(xml).toContain('<unitDefinition id="u_1_per_h" name="1/h"><listOfUnits><unit kind="second" exponent="-1" scale="0" multiplier="3600"/></listOfUnits></unitDefinition>');
    expect(xml).toContain('<unitDefinition id="u_mg_per_L" name="mg/L"><listOfUnits><unit kind="gram" exponent="1" scale="-3" multiplier="1"/><unit kind="litre" exponent="-1" scale="0" multiplier="1"/></listOfUnits></unitDefinition>');
    expect(xml).toMatch(/<model id="One_compartment_oral_PK" name="One-compartment oral PK" timeUnits="u_h">/);
  });

  it('refuses infusions with a sentence (no SBML event form for them yet)', () => {
    expect(() => exportModel({ spec: example('pk-1cmt-infusion') }, 'sbml')).toThrow(/infusions are not written yet/);
  });

  it('refuses a steady-state lead-in (doses before t = 0) with a sentence', () => {
    const steady = applyRegimen(example('pk-1cmt-oral'), { route: 'oral', interval: 24, count: 1, steadyState: true });
    expect(() => exportModel({ spec: steady }, 'sbml')).toThrow(/doses before t = 0 \(a steady-state lead-in\)/);
  });
});
