// A model dosed both ways (docs/modelspec.md, "Doses"; docs/data-format.md, "Dosing regimens"): one
// dose entry per route, each group's regimen picks its own — the oral dose times F into the gut,
// the IV dose into the central compartment — so oral and IV groups share one fit and F is estimable.
import { describe, expect, it } from 'vitest';
import { parseDataset } from '../../src/data/index.ts';
import { applyRegimen, checkRoutes, takesBothRoutes, withDataRegimen } from '../../src/infer/regimen.ts';
import { planFit } from '../../src/infer/plan.ts';
import { compileSpec } from '../../src/model/index.ts';
import type { ModelSpec } from '../../src/model/spec.ts';
import { createCpuBackend } from '../../src/simulate/index.ts';
import { flipFlopParameters } from '../../src/infer/flip-flop.ts';

const BOTH: ModelSpec = {
  name: 'both', states: [{ name: 'gut', initial: '0' }, { name: 'central', initial: '0' }],
  parameters: [
    { name: 'ka', prior: { type: 'lognormal', median: 1, gsd: 2 } }, { name: 'F', prior: { type: 'uniform', lower: 0.01, upper: 1 } },
    { name: 'CL', prior: { type: 'lognormal', median: 3, gsd: 2 } }, { name: 'V', prior: { type: 'lognormal', median: 30, gsd: 2 } },
  ],
  covariates: [{ name: 'dose', default: 100 }],
  equations: { gut: '-ka*gut', central: 'ka*gut - CL/V*central' },
  observables: [{ name: 'conc', expression: 'central/V' }],
  doses: [{ type: 'bolus', state: 'gut', amount: 'F*dose', time: 0, route: 'oral' }, { type: 'bolus', state: 'central', amount: 'dose', time: 0, route: 'iv' }],
};

const TABLE = `group,dose,route,duration,interval,doses,time,mean,sd,n
po,200,oral,,12,2,1,3,1,10
po,200,oral,,12,2,14,4,1,10
inf,100,infusion,0.5,,,1,3,1,10
inf,100,infusion,0.5,,,14,1,1,10
`;

describe('a model with a dose entry per route', () => {
  it('each regimen takes the entry for its route; applying twice changes nothing', () => {
    const oral = applyRegimen(BOTH, { route: 'oral', interval: 12, count: 2 });
    expect(oral.doses).toEqual([{ type: 'bolus', state: 'gut', amount: 'F*dose', time: 0, every: 12, count: 2, route: 'oral' }]);
    expect(applyRegimen(oral, { route: 'oral', interval: 12, count: 2 })).toEqual(oral);
    expect(applyRegimen(BOTH, { route: 'infusion', duration: 0.5 }).doses).toEqual([{ type: 'infusion', state: 'central', rate: '(dose)/0.5', start: 0, duration: 0.5, route: 'iv' }]);
    expect(applyRegimen(BOTH, { route: 'iv' }).doses).toEqual([{ type: 'bolus', state: 'central', amount: 'dose', time: 0, route: 'iv' }]);
    // a model with one route's entry refuses the other route, naming it
    const oralOnly: ModelSpec = { ...BOTH, doses: [BOTH.doses![0]!] };
    expect(() => applyRegimen(oralOnly, { route: 'iv' })).toThrow(/model "both" has no dose entry for intravenous doses/);
  });

  it('oral and IV groups share one plan: each group simulated by its own entry, against the closed forms', async () => {
    const data = parseDataset(TABLE);
    expect(takesBothRoutes(BOTH)).toBe(true);
    expect(() => checkRoutes(data.groups)).toThrow(/different routes.*a dose entry for each route/);
    expect(() => checkRoutes(data.groups, BOTH)).not.toThrow();
    // the base spec keeps both entries; the groups take theirs
    expect(withDataRegimen(BOTH, data)).toBe(BOTH);
    const plan = planFit(compileSpec(BOTH), data);
    const [po, inf] = plan.groups;
    expect(po!.model.doses).toEqual([{ kind: 'bolus', state: 0, times: [0, 12], amountIndex: 0 }]);
    expect(inf!.model.doses.map((d) => d.kind)).toEqual(['infusion']);
    const backend = createCpuBackend({ workers: 1 });
    try {
      const ka = 1.5, F = 0.6, CL = 4, V = 40, k = CL / V;
      const times = Float64Array.from([1, 6, 12, 14]);
      const solver = { method: 'dopri5' as const, rtol: 1e-9, atol: 1e-12, steps: 20000 };
      const p = Float64Array.from([ka, F, CL, V]);
      const oral = await backend.simulate({ model: po!.model, params: p, covariates: po!.covariates, times, solver });
      const single = (t: number) => (t > 0 ? ((F * 200) / V) * (ka / (ka - k)) * (Math.exp(-k * t) - Math.exp(-ka * t)) : 0);
      times.forEach((t, i) => expect(oral.outputs[i]!).toBeCloseTo(single(t) + single(t - 12), 6));
      const iv = await backend.simulate({ model: inf!.model, params: p, covariates: inf!.covariates, times, solver });
      // a 0.5-h infusion of 100 at 200/h, then decay
      const end = (200 / CL) * (1 - Math.exp(-k * 0.5));
      times.forEach((t, i) => expect(iv.outputs[i]!).toBeCloseTo(end * Math.exp(-k * (t - 0.5)), 6));
    } finally {
      await backend.dispose();
    }
    // IV data beside oral resolve the flip-flop: no mirroring
    expect(flipFlopParameters(BOTH, ['ka', 'F', 'CL', 'V'])).toBeNull();
  });
});
