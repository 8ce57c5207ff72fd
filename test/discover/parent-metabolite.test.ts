// A drug and its metabolite measured together (docs/discovery.md, "Parent and metabolite"): read
// from the observables' names, fitted by one model in which the parent's clearance forms the
// metabolite. Checked on the names, against the closed-form IV-bolus solution, on which motifs the
// first pick proposes and which observables discovery keeps, and by a discovery run on a synthetic
// cohort with a known metabolite clearance.
import { describe, expect, it } from 'vitest';
import { parseDataset } from '../../src/data/index.ts';
import { dataFeatures } from '../../src/discover/features.ts';
import { scoreMotifs } from '../../src/discover/first-pick.ts';
import { focusObservables } from '../../src/discover/focus.ts';
import { dataScales, motifById } from '../../src/discover/library/index.ts';
import { parentAndMetabolite } from '../../src/discover/library/metabolite.ts';
import { simulateCohort } from '../../src/infer/synthetic.ts';
import { compileSpec, validateSpec } from '../../src/model/index.ts';
import { inThreadBackend as backend, smallDiscovery, SMALL_SIZES } from './fixtures.ts';

const TIMES = [0.25, 0.5, 1, 2, 4, 6, 8, 12, 24];
const CONTEXT = 'Drug X and its hydroxy metabolite in plasma (mg/L) after a 100 mg IV bolus; time in hours';

/** a table of the right shape, for the scales the priors are centred on */
function table(parent = 'drug_x', metabolite = 'hydroxy_metabolite'): string {
  const rows = ['group,dose,observable,time,mean,sd,n,unit'];
  TIMES.forEach((t) => rows.push(`all,100,${parent},${t},${(5 * Math.exp(-0.25 * t)).toFixed(4)},0.5,12,mg/L`));
  TIMES.forEach((t) => rows.push(`all,100,${metabolite},${t},${(2 * (Math.exp(-0.1 * t) - Math.exp(-0.6 * t))).toFixed(4)},0.2,12,mg/L`));
  return rows.join('\n');
}
const DATA = parseDataset(table(), { name: 'drug-metabolite.csv' });

describe('a drug and its metabolite', () => {
  it('are told by the observables\' names', () => {
    expect(parentAndMetabolite(['midazolam', '1-OH midazolam'])).toEqual({ parent: 'midazolam', metabolite: '1-OH midazolam' });
    expect(parentAndMetabolite(['parent', 'metabolite'])).toEqual({ parent: 'parent', metabolite: 'metabolite' });
    expect(parentAndMetabolite(['norfluoxetine', 'fluoxetine'])).toEqual({ parent: 'fluoxetine', metabolite: 'norfluoxetine' });
    expect(parentAndMetabolite(['morphine', 'morphine_3_glucuronide'])).toEqual({ parent: 'morphine', metabolite: 'morphine_3_glucuronide' });
    expect(parentAndMetabolite(['conc', 'effect'])).toBeNull();
    expect(parentAndMetabolite(['M1', 'M2'])).toBeNull(); // two metabolites, no parent
    expect(parentAndMetabolite(['parent', 'metabolite', 'effect'])).toBeNull();
    expect(parentAndMetabolite(['normal_saline', 'glucose'])).toBeNull();
    expect(parentAndMetabolite(['carbamazepine', 'carbamazepine-10,11-epoxide'])).toEqual({ parent: 'carbamazepine', metabolite: 'carbamazepine-10,11-epoxide' });
    expect(parentAndMetabolite(['amiodarone', 'desethylamiodarone'])).toEqual({ parent: 'amiodarone', metabolite: 'desethylamiodarone' });
    // a name inside another is not a metabolite by itself: a drug and its effect
    expect(parentAndMetabolite(['warfarin', 'warfarin_effect'])).toBeNull();
    // labels that say nothing (ADAPT 5's example: y1, y2): where the words speak of a metabolite, the
    // curve that peaks first is the parent's and the later, rising one the metabolite's
    const adapt = (unit2: string) => parseDataset(['observable,time,value,unit',
      ...[[0.5, 3.6, 0.13], [1, 7.77, 0.59], [3, 2.6, 1.46], [5, 1.08, 1.32], [9, 0.4, 0.72], [24, 0.12, 0.12]].flatMap(([t, a, b]) => [`y2,${t},${b},${unit2}`, `y1,${t},${a},mg/L`])].join('\n'));
    expect(dataScales(adapt('mg/L'), 'Parent drug and its metabolite in plasma after a single dose').parentMetabolite).toMatchObject({ parentName: 'y1', metaboliteName: 'y2' });
    expect(dataScales(adapt('mg/L'), 'Two analytes in plasma after a single dose').parentMetabolite).toBeUndefined();
    // a concentration and a response in another unit are no parent and metabolite
    expect(dataScales(adapt('%'), 'Parent drug and its metabolite in plasma after a single dose').parentMetabolite).toBeUndefined();
  });

  it('follow the closed-form solution of IV-bolus parent → metabolite kinetics', async () => {
    const spec = motifById('pk-1cmt-iv-metabolite')!.build(dataScales(DATA, CONTEXT));
    validateSpec(spec);
    expect(spec.observables.map((o) => o.name)).toEqual(['drug_x', 'hydroxy_metabolite']);
    const model = compileSpec(spec);
    const theta: Record<string, number> = { CL: 5, V: 20, CLm: 12, Vm: 30 };
    const p = Float64Array.from(model.parameterNames.map((n) => theta[n]!));
    const cov = Float64Array.from(model.covariateDefaults);
    cov[model.covariateNames.indexOf('dose')] = 100;
    const res = await backend.simulate({ model, params: p, covariates: cov, t0: 0, times: Float64Array.from(TIMES), solver: { method: 'dopri5', rtol: 1e-10, atol: 1e-12 } });
    const k = 5 / 20, km = 12 / 30;
    TIMES.forEach((t, i) => {
      expect(res.outputs[i * 2]!).toBeCloseTo((100 / 20) * Math.exp(-k * t), 6);
      // dM/dt = k·A − km·M with A = D e^(−kt): M = D k/(km − k) (e^(−kt) − e^(−km t))
      expect(res.outputs[i * 2 + 1]!).toBeCloseTo((100 * k / (km - k)) * (Math.exp(-k * t) - Math.exp(-km * t)) / 30, 6);
    });
  });

  it('are kept together and proposed to the parent–metabolite motifs only', () => {
    expect(focusObservables(DATA, CONTEXT).dropped).toEqual([]);
    const s = dataScales(DATA, CONTEXT);
    expect(s.pkpd).toBeUndefined();
    expect(s.parentMetabolite?.metaboliteName).toBe('hydroxy_metabolite');
    const scored = scoreMotifs(DATA, dataFeatures(DATA), CONTEXT);
    // the context says IV: no oral structure; PK only (no epidemic curve of a plasma level)
    expect(scored[0]!.motif.id).toBe('pk-1cmt-iv-metabolite');
    expect(scored.every((m) => m.motif.family === 'pk')).toBe(true);
    expect(scored.some((m) => m.motif.id.includes('oral'))).toBe(false);
    // the motif still builds on a table without a metabolite (it names one, which admission rejects)
    const single = parseDataset(table().split('\n').filter((l) => !l.includes('hydroxy')).join('\n'), { name: 'parent.csv' });
    expect(motifById('pk-1cmt-oral-metabolite')!.build(dataScales(single)).observables.map((o) => o.name)).toEqual(['drug_x', 'metabolite']);
  });

  it('rank a parent–metabolite model first on a synthetic cohort and recover the metabolite clearance', async () => {
    const spec = motifById('pk-1cmt-iv-metabolite')!.build(dataScales(DATA, CONTEXT));
    const model = compileSpec(spec);
    const truth = { theta: { CL: 5, V: 20, CLm: 12, Vm: 30 }, omega: { CL: 0.25, V: 0.15, CLm: 0.25 }, sigma: { additive: 0.02, proportional: 0.08 } };
    const { dataset } = await simulateCohort(model, truth, { n: 24, times: TIMES, groups: [{ name: 'all', dose: 100 }] }, 5, backend);
    const run = smallDiscovery([3, 2], SMALL_SIZES);
    const r = await run(dataset, { seed: 1, rounds: 2, budgetSeconds: 600, context: CONTEXT }, backend);
    expect(r.models[0]!.name).toMatch(/^pk-1cmt-iv-metabolite( |$)/);
    const clm = r.models[0]!.parameters.CLm!;
    expect(clm.q05).toBeLessThan(12);
    expect(clm.q95).toBeGreaterThan(12);
  }, 300_000);
});
