// Tables of changes from baseline (docs/discovery.md, "Change from baseline"): read from the
// labels, units or context; every library model is then observed as its change from its own value
// at time 0 (or as a percent change). Checked on the reading, on the rewritten observables
// (idempotent, exactly 0 at baseline, equal to the marker minus its baseline along the curve), and
// by a discovery run on a synthetic cohort reported as changes.
import { describe, expect, it } from 'vitest';
import { parseDataset } from '../../src/data/index.ts';
import { asChangeFromBaseline, changeFromBaseline } from '../../src/discover/change-from-baseline.ts';
import { createLibraryProposer } from '../../src/discover/library-proposer.ts';
import { dataScales, motifById } from '../../src/discover/library/index.ts';
import { simulateCohort } from '../../src/infer/synthetic.ts';
import { compileSpec, validateSpec } from '../../src/model/index.ts';
import type { ModelSpec } from '../../src/model/spec.ts';
import { inThreadBackend as backend, smallDiscovery, SMALL_SIZES } from './fixtures.ts';

const TIMES = [0, 2, 4, 8, 12, 16, 24, 36, 48];
function table(label: string, unit: string, f: (t: number) => number, dose = ''): string {
  return ['group,dose,observable,time (wk),mean,sd,n,unit', ...TIMES.map((t) => `all,${dose},${label},${t},${f(t).toFixed(3)},${t === 0 ? 0 : 5},20,${unit}`)].join('\n');
}
const fall = (t: number) => -60 * (1 - Math.exp(-0.08 * t));

describe('changes from baseline', () => {
  it('are read from the label, the unit or the context, and not from a table that gives the baseline itself', () => {
    const walk = parseDataset(table('6MWD change from baseline', 'm', fall));
    expect(changeFromBaseline(walk)).toEqual({ observables: [{ name: 'obs_6MWD_change_from_baseline', percent: false }] });
    const plain = parseDataset(table('6MWD', 'm', fall));
    expect(changeFromBaseline(plain)).toBeNull();
    expect(changeFromBaseline(plain, 'Six-minute walk distance, change from baseline, in a rare-disease cohort')).not.toBeNull();
    expect(changeFromBaseline(parseDataset(table('BMD', '%', (t) => 8 * (1 - Math.exp(-0.1 * t)))), 'percent change from baseline in bone mineral density')!.observables[0]!.percent).toBe(true);
    expect(changeFromBaseline(parseDataset(table('BMD change', '%', (t) => 8 * (1 - Math.exp(-0.1 * t)))))!.observables[0]!.percent).toBe(true);
    // a change in a quantity measured in percent is not a percent change
    expect(changeFromBaseline(parseDataset(table('PCA change', '% of normal', fall)))!.observables[0]!.percent).toBe(false);
    // the words say change, but the first visit is the baseline itself
    expect(changeFromBaseline(parseDataset(table('6MWD', 'm', (t) => 400 + fall(t))), 'change from baseline in walking distance')).toBeNull();
  });

  it('observe any model as its change from its value at time 0, once', async () => {
    const data = parseDataset(table('6MWD change from baseline', 'm', fall));
    const change = changeFromBaseline(data)!;
    const base = motifById('dp-turnover')!.build(dataScales(data));
    const spec = asChangeFromBaseline(base, change);
    validateSpec(spec);
    expect(spec.observables[0]!.expression).toBe('(S) - (S0)');
    expect(asChangeFromBaseline(spec, change)).toBe(spec); // idempotent: mutations of it keep it
    expect(spec.rationale).toMatch(/change from baseline/);
    const pct = asChangeFromBaseline(base, { observables: [{ name: change.observables[0]!.name, percent: true }] });
    expect(pct.observables[0]!.expression).toBe('100*((S)/(S0) - 1)');
    expect(asChangeFromBaseline(pct, { observables: [{ name: change.observables[0]!.name, percent: true }] })).toBe(pct);
    // along the curve: the marker minus its baseline, exactly 0 at time 0
    const run = async (s: ModelSpec) => {
      const m = compileSpec(s);
      const theta: Record<string, number> = { S0: 400, Sss: 340, kout: 0.08 };
      const res = await backend.simulate({ model: m, params: Float64Array.from(m.parameterNames.map((n) => theta[n]!)), covariates: Float64Array.from(m.covariateDefaults), t0: 0, times: Float64Array.from(TIMES), solver: { method: 'dopri5', rtol: 1e-10, atol: 1e-10 } });
      return Array.from(res.outputs);
    };
    const [level, delta, percent] = await Promise.all([run(base), run(spec), run(pct)]);
    expect(delta[0]).toBe(0);
    TIMES.forEach((_, i) => {
      expect(delta[i]!).toBeCloseTo(level[i]! - 400, 8);
      expect(percent[i]!).toBeCloseTo(100 * (level[i]! / 400 - 1), 8);
    });
  });

  it('reach every proposal of the library proposer, first pick and mutations alike', async () => {
    const data = parseDataset(table('6MWD change from baseline', 'm', fall));
    const proposals = await createLibraryProposer().propose({ data, text: 'Six-minute walk distance in a rare-disease cohort' }, [], 6);
    expect(proposals.length).toBeGreaterThan(0);
    for (const p of proposals) expect(p.spec.observables[0]!.expression, p.spec.name).toMatch(/^\(.*\) - \(.*\)$/);
  });

  it('let discovery fit a cohort reported as changes, predicting no change at baseline', async () => {
    const data0 = parseDataset(table('6MWD change from baseline', 'm', fall));
    const truthSpec = asChangeFromBaseline(motifById('dp-turnover')!.build(dataScales(data0)), changeFromBaseline(data0)!);
    const model = compileSpec(truthSpec);
    const truth = { theta: { S0: 400, Sss: 330, kout: 0.08 }, omega: { S0: 0.15, kout: 0.3 }, sigma: { additive: 2, proportional: 0.02 } };
    const { dataset } = await simulateCohort(model, truth, { n: 20, times: TIMES }, 3, backend);
    const data = { ...dataset, observables: [{ name: '6MWD change from baseline', unit: 'm' }], series: dataset.series.map((s) => ({ ...s, observable: '6MWD change from baseline' })) };
    const run = smallDiscovery([3, 2], SMALL_SIZES);
    const r = await run(data, { seed: 1, rounds: 2, budgetSeconds: 600, context: 'Six-minute walk distance (m) in a rare-disease cohort' }, backend);
    const top = r.models[0]!;
    expect(top.spec.observables[0]!.expression).toMatch(/\) - \(/);
    expect(top.adequacy?.adequate ?? true).toBe(true);
    const mean = top.predictive.mean;
    expect(mean.times[0]).toBe(0);
    expect(Math.abs(mean.median[0]!)).toBeLessThan(1);
    expect(mean.median[mean.times.indexOf(48)]!).toBeLessThan(-40);
  }, 300_000);
});
