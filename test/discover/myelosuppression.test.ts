// The myelosuppression motif (Friberg et al. 2002; docs/discovery.md, "The motif library"):
// proliferation, three transit compartments and circulating cells with feedback. Checked on its
// steady state without drug, on the nadir-and-rebound shape with it, on when the first pick
// proposes it (blood-count words only), and by a discovery run on a synthetic neutrophil cohort.
import { describe, expect, it } from 'vitest';
import { parseDataset } from '../../src/data/index.ts';
import { dataFeatures } from '../../src/discover/features.ts';
import { scoreMotifs } from '../../src/discover/first-pick.ts';
import { dataScales, motifById } from '../../src/discover/library/index.ts';
import { simulateCohort } from '../../src/infer/synthetic.ts';
import { compileSpec, validateSpec } from '../../src/model/index.ts';
import type { ModelSpec } from '../../src/model/spec.ts';
import { inThreadBackend as backend, smallDiscovery, SMALL_SIZES } from './fixtures.ts';

const TIMES = [0, 2, 4, 6, 8, 10, 12, 14, 17, 21, 28];
const CONTEXT = 'Absolute neutrophil count (10^9/L) after a single infusion of 100 mg docetaxel; time in days';
const nadir = (t: number) => 5 - 3.5 * Math.exp(-((t - 9) ** 2) / 12) + 1.2 * Math.exp(-((t - 17) ** 2) / 10);
const table = (label: string, unit: string) => parseDataset(['group,dose,observable,time (d),mean,sd,n,unit', ...TIMES.map((t) => `all,100,${label},${t},${nadir(t).toFixed(3)},0.8,16,${unit}`)].join('\n'));
const ANC = table('ANC', '10^9/L');
const THETA: Record<string, number> = { kde: 0.7, A50: 20, Circ0: 5, MTT: 5, gamma: 0.3, Emax: 0.9 };

async function curve(spec: ModelSpec, dose: number, times: number[]): Promise<number[]> {
  const m = compileSpec(spec);
  const cov = Float64Array.from(m.covariateDefaults);
  cov[m.covariateNames.indexOf('dose')] = dose;
  const res = await backend.simulate({ model: m, params: Float64Array.from(m.parameterNames.map((n) => THETA[n]!)), covariates: cov, t0: 0, times: Float64Array.from(times), solver: { method: 'dopri5', rtol: 1e-9, atol: 1e-9 } });
  return Array.from(res.outputs);
}

describe('myelosuppression (Friberg)', () => {
  it('stays at baseline without drug, and with it falls to a nadir, rebounds above baseline and settles', async () => {
    const spec = motifById('pd-myelosuppression')!.build(dataScales(ANC, CONTEXT));
    validateSpec(spec);
    const fine = Array.from({ length: 121 }, (_, i) => i * 0.5);
    for (const v of await curve(spec, 0, fine)) expect(v).toBeCloseTo(5, 10);
    const y = await curve(spec, 100, fine);
    const low = Math.min(...y), at = fine[y.indexOf(low)]!;
    expect(low).toBeLessThan(2.5);
    // the nadir comes after about one mean transit time, not at the dose
    expect(at).toBeGreaterThan(4);
    expect(at).toBeLessThan(15);
    // feedback overshoots: counts rise above baseline after the nadir, then come back
    const after = y.slice(y.indexOf(low));
    expect(Math.max(...after)).toBeGreaterThan(5.2);
    expect(Math.abs(y.at(-1)! - 5)).toBeLessThan(Math.max(...after) - 5);
  });

  it('is proposed for blood counts only', () => {
    const ids = (data: ReturnType<typeof table>, context: string) => scoreMotifs(data, dataFeatures(data), context).map((m) => m.motif.id);
    expect(ids(ANC, CONTEXT).slice(0, 4)).toContain('pd-myelosuppression');
    const pca = table('PCA', '% of normal');
    expect(ids(pca, 'Prothrombin complex activity (% of normal) after a single oral dose of warfarin')).not.toContain('pd-myelosuppression');
  });

  it('ranks first on a synthetic neutrophil cohort', async () => {
    const model = compileSpec(motifById('pd-myelosuppression')!.build(dataScales(ANC, CONTEXT)));
    const truth = { theta: THETA, omega: { Circ0: 0.2, MTT: 0.15, kde: 0.2 }, sigma: { additive: 0.1, proportional: 0.05 } };
    const { dataset } = await simulateCohort(model, truth, { n: 24, times: TIMES, groups: [{ name: 'all', dose: 100 }] }, 11, backend);
    const data = { ...dataset, observables: [{ name: 'ANC', unit: '10^9/L' }], series: dataset.series.map((s) => ({ ...s, observable: 'ANC', unit: '10^9/L' })) };
    const run = smallDiscovery([4, 2], SMALL_SIZES);
    const r = await run(data, { seed: 1, rounds: 2, budgetSeconds: 600, context: CONTEXT }, backend);
    expect(r.models[0]!.name).toMatch(/^pd-myelosuppression( |$)/);
  }, 300_000);
});
