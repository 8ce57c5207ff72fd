// The data's regimen drives the simulation (issue 11): a spec's dose (target and amount) given on
// the data's schedule, against closed-form superposition on both backends — repeated oral doses,
// repeated infusions with outputs inside and between them, and outputs at dose times (trough
// convention: an output at a dose time sees the pre-dose state).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyDosingTable, parseDataset, parseDosingTable } from '../../src/data/index.ts';
import { applyRegimen, groupModels, sharedRegimen } from '../../src/infer/regimen.ts';
import { planFit } from '../../src/infer/plan.ts';
import { compileSpec } from '../../src/model/index.ts';
import { createCpuBackend, createWebGpuBackend, type EnsembleBackend } from '../../src/simulate/index.ts';
import { getNodeGpu } from '../helpers/gpu.ts';
import { IV, ORAL } from './helpers.ts';


/** one-compartment oral, superposition of single doses at `times` (ka ≠ k) */
function oralExact(ka: number, CL: number, V: number, D: number, doses: number[], t: number): number {
  const k = CL / V;
  return doses.filter((d) => d < t).reduce((a, d) => a + (D / V) * (ka / (ka - k)) * (Math.exp(-k * (t - d)) - Math.exp(-ka * (t - d))), 0);
}
/** one-compartment IV infusions of length T at rate D/T, superposition */
function infusionExact(CL: number, V: number, D: number, T: number, starts: number[], t: number): number {
  const k = CL / V, R = D / T;
  return starts.filter((s) => s < t).reduce((a, s) => {
    const on = Math.min(t - s, T);
    const atEnd = (R / CL) * (1 - Math.exp(-k * on));
    return a + atEnd * Math.exp(-k * (t - s - on));
  }, 0);
}

const backends: { name: string; make: () => Promise<EnsembleBackend> }[] = [
  { name: 'cpu', make: async () => createCpuBackend({ workers: 1 }) },
  { name: 'webgpu', make: async () => createWebGpuBackend({ gpu: await getNodeGpu() }) },
];

for (const b of backends) {
  describe(`regimens on the ${b.name} backend`, () => {
    let backend: EnsembleBackend;
    beforeAll(async () => { backend = await b.make(); });
    afterAll(async () => { await backend?.dispose(); });
    const tol = b.name === 'cpu' ? 1e-6 : 2e-4;
    const solver = { method: 'dopri5' as const, rtol: 1e-8, atol: 1e-10, steps: 20000 };

    it('oral every 12 h × 4: superposition, troughs at dose times are pre-dose', async () => {
      const model = compileSpec(applyRegimen(ORAL, { route: 'oral', interval: 12, count: 4 }));
      const times = Float64Array.from([1, 6, 12, 13, 24, 30, 36, 40, 48]);
      const params = Float64Array.from([1.2, 3, 30]);
      const r = await backend.simulate({ model, params, covariates: Float64Array.from([250]), times, solver });
      times.forEach((t, k) => {
        const want = oralExact(1.2, 3, 30, 250, [0, 12, 24, 36], t);
        expect(Math.abs(r.outputs[k]! - want) / want, `t = ${t}`).toBeLessThan(tol);
      });
    });

    it('an irregular schedule (a dosing table): changing amounts and uneven spacing, by superposition', async () => {
      const model = compileSpec(applyRegimen(ORAL, { route: 'oral', administrations: [{ time: 0, amount: 200 }, { time: 8, amount: 100 }, { time: 30, amount: 50 }] }));
      const times = Float64Array.from([1, 8, 9, 24, 30, 31, 40]);
      const r = await backend.simulate({ model, params: Float64Array.from([1.2, 3, 30]), covariates: Float64Array.from([200]), times, solver });
      times.forEach((t, k) => {
        const want = oralExact(1.2, 3, 30, 200, [0], t) + oralExact(1.2, 3, 30, 100, [8], t) + oralExact(1.2, 3, 30, 50, [30], t);
        expect(Math.abs(r.outputs[k]! - want) / want, `t = ${t}`).toBeLessThan(tol);
      });
    });

    it('overlapping infusions (two subjects\' pooled into a cohort-mean regimen): their rates add, by superposition', async () => {
      const model = compileSpec(applyRegimen(IV, { route: 'infusion', duration: 3, administrations: [{ time: 0, amount: 50 }, { time: 1, amount: 50 }, { time: 12, amount: 50, duration: 2 }, { time: 12.5, amount: 50 }] }));
      const times = Float64Array.from([0.5, 1, 2, 3, 3.5, 4, 6, 12.25, 13, 14, 16, 24]);
      const r = await backend.simulate({ model, params: Float64Array.from([4, 20]), covariates: Float64Array.from([50]), times, solver });
      times.forEach((t, k) => {
        const want = infusionExact(4, 20, 50, 3, [0, 1, 12.5], t) + infusionExact(4, 20, 50, 2, [12], t);
        expect(Math.abs(r.outputs[k]! - want) / want, `t = ${t}`).toBeLessThan(tol);
      });
    });

    it('IV infusion of 2 h every 12 h × 3: outputs inside and between infusions, at their starts and ends', async () => {
      const model = compileSpec(applyRegimen(IV, { route: 'infusion', duration: 2, interval: 12, count: 3 }));
      const times = Float64Array.from([0.5, 1, 2, 3, 12, 12.5, 14, 20, 24, 25, 26, 36]);
      const params = Float64Array.from([4, 20]);
      const r = await backend.simulate({ model, params, covariates: Float64Array.from([100]), times, solver });
      times.forEach((t, k) => {
        const want = infusionExact(4, 20, 100, 2, [0, 12, 24], t);
        expect(Math.abs(r.outputs[k]! - want) / want, `t = ${t}`).toBeLessThan(tol);
      });
    });
  });
}

describe('the regimen from the table', () => {
  it('an aggregate table with route, duration, interval and doses gives each group its regimen, and specs take its timing', () => {
    const d = parseDataset(`group,dose,route,duration,interval,doses,time,mean,sd,n
low,50,infusion,1,24,3,2,1.5,0.3,10
low,50,infusion,1,24,3,24,0.4,0.1,10
high,100,infusion,1,24,3,2,3.1,0.6,10
high,100,infusion,1,24,3,24,0.9,0.2,10
`);
    expect(d.groups.map((g) => g.regimen)).toEqual([{ route: 'infusion', duration: 1, interval: 24, count: 3 }, { route: 'infusion', duration: 1, interval: 24, count: 3 }]);
    const r = sharedRegimen(d)!;
    expect(applyRegimen(IV, r).doses).toEqual([{ type: 'infusion', state: 'central', rate: '(dose)/1', start: 0, duration: 1, every: 24, count: 3 }]);
  });
  it('groups on different schedules: each distinct schedule gets its own compiled model, the rest share', () => {
    const d = parseDataset(`group,dose,route,interval,doses,time,mean,sd,n
a,50,oral,12,2,2,1.5,0.3,10
b,50,oral,24,2,2,1.5,0.3,10
c,80,oral,12,2,2,2.5,0.3,10
`);
    expect(sharedRegimen(d)).toBeUndefined();
    const plan = planFit(compileSpec(ORAL), d);
    const [a, b, c] = plan.groups.map((g) => g.model);
    expect(a).toBe(c);
    expect(a).not.toBe(b);
    expect(a!.doses).toEqual([{ kind: 'bolus', state: 0, times: [0, 12], amountIndex: 0 }]);
    expect(b!.doses).toEqual([{ kind: 'bolus', state: 0, times: [0, 24], amountIndex: 0 }]);
    // a model that already carries a group's schedule is used as it is
    const dosed = compileSpec(applyRegimen(ORAL, d.groups[1]!.regimen!));
    expect(groupModels(dosed, d.groups)[1]).toBe(dosed);
  });
  it('applying a regimen twice changes nothing (bolus and infusion)', () => {
    for (const [spec, r] of [[ORAL, { route: 'oral', interval: 12, count: 3 }], [IV, { route: 'infusion', duration: 2, interval: 24, count: 2 }]] as const) {
      const once = applyRegimen(spec, r);
      expect(applyRegimen(once, r)).toEqual(once);
    }
  });
  it('oral and intravenous groups in one run are refused with the groups named', () => {
    const d = parseDataset(`group,dose,route,duration,time,mean,sd,n
po,50,oral,,2,1.5,0.3,10
inf,50,infusion,1,2,1.5,0.3,10
`);
    expect(() => planFit(compileSpec(ORAL), d)).toThrow(/different routes \(oral: "po"; intravenous: "inf"\)/);
  });
  it('every malformed design is an error naming row and column', async () => {
    const { tryParseDataset } = await import('../../src/data/index.ts');
    const cases: [string, RegExp][] = [
      ['group,dose,interval,doses,time,mean,n\na,5,-12,3,1,2,5\n', /^2:interval:.*> 0/],
      ['group,dose,doses,time,mean,n\na,5,3,1,2,5\n', /^2:interval:3 doses need a dosing interval/],
      ['group,dose,route,duration,time,mean,n\na,5,infusion,0,1,2,5\n', /^2:duration:.*> 0/],
      ['group,dose,route,time,mean,n\na,5,infusion,1,2,5\n', /^2:duration:an infusion needs its duration/],
      ['group,dose,route,time,mean,n\na,5,nasal spray,1,2,5\n', /^2:route:route "nasal spray"/],
      ['group,dose,route,interval,doses,time,mean,n\na,5,oral,12,2,1,2,5\na,5,oral,24,2,2,2,5\n', /^3:route:.*different dosing regimen/],
      ['group,dose,route,duration,interval,doses,time,mean,n\na,5,infusion,13,12,2,1,2,5\n', /^2:duration:.*longer than the dosing interval/],
    ];
    for (const [csv, want] of cases) {
      const r = tryParseDataset(csv);
      expect(r.ok, csv).toBe(false);
      if (!r.ok) expect(r.issues.map((i) => `${i.row}:${i.column}:${i.message}`).join('\n'), csv).toMatch(want);
    }
  });
});

describe('fits on regimen data recover the truth', () => {
  const cases = [
    { file: 'pk-infusion-two-arms.csv', motif: 'pk-2cmt-iv', truth: { CL: 3, V: 10, Q: 12, V2: 40 } },
    { file: 'pk-oral-multiple-nonmem.csv', motif: 'pk-1cmt-oral', truth: { ka: 1.5, CL: 4, V: 35 } },
    { file: 'pk-infusion-two-schedules.csv', motif: 'pk-2cmt-iv', truth: { CL: 3, V: 10, Q: 12, V2: 40 } },
    { file: 'pk-oral-loading-dose.csv', dosing: 'dosing/pk-oral-loading-dose.csv', motif: 'pk-1cmt-oral', truth: { ka: 1.5, CL: 4, V: 35 } },
  ];
  for (const c of cases) {
    it(`${c.file}: the library ${c.motif} with the data's regimen recovers the population values within 30%`, async () => {
      const { readFileSync } = await import('node:fs');
      const { dataScales, motifById } = await import('../../src/discover/library/index.ts');
      const { fitModel, withDataRegimen } = await import('../../src/infer/index.ts');
      const read = (f: string) => readFileSync(new URL(`../../public/examples/data/${f}`, import.meta.url), 'utf8');
      let data = parseDataset(read(c.file));
      if ('dosing' in c && c.dosing) {
        const table = parseDosingTable(read(c.dosing));
        const applied = table.ok ? applyDosingTable(data, table.table) : null;
        if (!applied?.ok) throw new Error(`${c.dosing} does not apply`);
        data = applied.dataset;
      }
      expect(data.groups.every((g) => g.regimen)).toBe(true);
      const spec = withDataRegimen(motifById(c.motif)!.build(dataScales(data)), data);
      const backend = createCpuBackend({ workers: 2 });
      try {
        const report = await fitModel(compileSpec(spec), data, { particles: 256, subjects: 64, seed: 5 }, backend);
        for (const [name, value] of Object.entries(c.truth)) {
          const got = report.parameters[name]!.median;
          expect(Math.abs(got / value - 1), `${name}: ${got} vs ${value}`).toBeLessThan(0.3);
        }
      } finally {
        await backend.dispose();
      }
    }, 300_000);
  }
});

describe('a regimen drives PD motifs too (K-PD)', () => {
  it('the K-PD drive of pd-idr-1 on repeated doses is the superposition of single doses', async () => {
    const { dataScales, motifById } = await import('../../src/discover/library/index.ts');
    const data = parseDataset('group,dose,time,mean,sd,n\na,100,0,50,5,10\na,100,24,30,5,10\na,100,72,45,5,10\n');
    const spec = applyRegimen(motifById('pd-idr-1')!.build(dataScales(data)), { route: 'iv', interval: 24, count: 3 });
    const model = compileSpec(spec);
    const params = Float64Array.from(model.parameterNames.map((n) => { const p = spec.parameters.find((x) => x.name === n)!.prior; return p.type === 'lognormal' ? p.median : Math.sqrt(p.lower * p.upper); }));
    const kde = params[model.parameterNames.indexOf('kde')]!;
    const iA = model.stateNames.indexOf('A');
    const times = Float64Array.from([6, 24, 30, 48, 60, 80]);
    const backend = createCpuBackend({ workers: 1 });
    try {
      const r = await backend.simulate({ model, params, covariates: Float64Array.from([100]), times, save: 'states', solver: { method: 'dopri5', rtol: 1e-9, atol: 1e-10, steps: 20000 } });
      const nS = model.stateNames.length;
      times.forEach((t, k) => {
        const want = [0, 24, 48].filter((d) => d < t).reduce((a, d) => a + 100 * Math.exp(-kde * (t - d)), 0);
        expect(Math.abs(r.outputs[k * nS + iA]! - want) / want, `t = ${t}`).toBeLessThan(1e-6);
      });
    } finally {
      await backend.dispose();
    }
  });
});
