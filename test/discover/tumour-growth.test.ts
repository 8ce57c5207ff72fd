// Tumour growth and its inhibition by a drug (docs/discovery.md, "Tumour growth"): the
// exponential–linear law against its implicit closed form, the drug's kill against the closed
// form of exponential growth under a decaying K-PD drive, when the first pick proposes them
// (words that name a tumour; the kill only with doses), and a discovery run on a synthetic
// xenograft study with an untreated arm and two dose levels.
import { describe, expect, it } from 'vitest';
import { parseDataset } from '../../src/data/index.ts';
import { dataFeatures } from '../../src/discover/features.ts';
import { scoreMotifs } from '../../src/discover/first-pick.ts';
import { dataScales, motifById } from '../../src/discover/library/index.ts';
import { withDoseDefault } from '../../src/discover/library-proposer.ts';
import { simulateCohort } from '../../src/infer/synthetic.ts';
import { applyRegimen } from '../../src/infer/regimen.ts';
import { compileSpec, validateSpec } from '../../src/model/index.ts';
import type { ModelSpec } from '../../src/model/spec.ts';
import type { Regimen } from '../../src/data/types.ts';
import { inThreadBackend as backend, smallDiscovery, SMALL_SIZES } from './fixtures.ts';

const DAYS = [0, 2, 4, 7, 9, 11, 14, 16, 18, 21, 23, 25, 28];
const CONTEXT = 'Tumour volume (cm^3) of lung cancer xenografts in mice, untreated or daily oral drug at two dose levels';
const growth = (t: number) => 0.12 * Math.exp(0.15 * t) / (1 + 0.12 * (Math.exp(0.15 * t) - 1) / 1.5);
const table = (label: string, doses: (number | '')[], f: (t: number, g: number) => number) =>
  parseDataset(['group,dose,observable,time (d),mean,sd,n,unit', ...doses.flatMap((d, g) => DAYS.map((t) => `arm${g},${d},${label},${t},${f(t, g).toFixed(4)},${(0.4 * f(t, g)).toFixed(4)},8,cm^3`))].join('\n'));
const ids = (data: ReturnType<typeof table>, context: string) => scoreMotifs(data, dataFeatures(data), context).map((m) => m.motif.id);

async function curve(spec: ModelSpec, theta: Record<string, number>, times: number[], dose = 0): Promise<number[]> {
  const m = compileSpec(spec);
  const cov = Float64Array.from(m.covariateDefaults);
  const k = m.covariateNames.indexOf('dose');
  if (k >= 0) cov[k] = dose;
  const res = await backend.simulate({ model: m, params: Float64Array.from(m.parameterNames.map((n) => theta[n]!)), covariates: cov, t0: 0, times: Float64Array.from(times), solver: { method: 'dopri5', rtol: 1e-10, atol: 1e-12 } });
  const o = m.observableNames.length;
  return Array.from(res.outputs).filter((_, i) => i % o === o - 1);
}

describe('tumour growth and its inhibition', () => {
  const untreated = table('tumour volume', [''], (t) => growth(t));
  const treated = table('tumour volume', [0, 1, 4], (t, g) => growth(t) * Math.exp(-0.05 * g * Math.min(t, 14)));

  it('grows exponentially while small and linearly once large: (N − N0)/λ1 + ln(N/N0)/(2λ0) = t', async () => {
    const spec = motifById('growth-exponential-linear')!.build(dataScales(untreated, CONTEXT));
    validateSpec(spec);
    const th = { N0: 0.1, lambda0: 0.12, lambda1: 0.08 };
    const fine = Array.from({ length: 61 }, (_, i) => i * 0.5);
    const y = await curve(spec, th, fine);
    fine.forEach((t, i) => expect((y[i]! - th.N0) / th.lambda1 + Math.log(y[i]! / th.N0) / (2 * th.lambda0)).toBeCloseTo(t, 6));
    // exponential at 2λ0 while small, and the rate tends to λ1 once large
    const small = await curve(spec, { ...th, N0: 1e-4 }, [0, 1]);
    expect(Math.log(small[1]! / small[0]!)).toBeCloseTo(2 * th.lambda0, 3);
    const big = await curve(spec, th, [200, 201]);
    expect(big[1]! - big[0]!).toBeCloseTo(th.lambda1, 2);
  });

  it('kills in proportion to the drug and the size: N = N0·exp(2λ0·t − κ·D·(1 − e^(−kde·t))/kde) while growth is exponential', async () => {
    const spec = withDoseDefault(motifById('tgi-exponential-linear')!.build(dataScales(treated, CONTEXT)), dataScales(treated, CONTEXT));
    validateSpec(spec);
    // λ1 huge: the law is 2λ0·N to 1 part in 10⁹ at these sizes
    const th = { N0: 0.1, lambda0: 0.1, lambda1: 1e9, kde: 0.3, kappa: 0.4 };
    const fine = Array.from({ length: 41 }, (_, i) => i * 0.5);
    const D = 2;
    const y = await curve(spec, th, fine, D);
    fine.forEach((t, i) => expect(Math.log(y[i]!)).toBeCloseTo(Math.log(th.N0) + 2 * th.lambda0 * t - (th.kappa * D * (1 - Math.exp(-th.kde * t))) / th.kde, 6));
    // it shrinks while the drug is high and regrows after
    const low = Math.min(...y);
    expect(low).toBeLessThan(0.5 * th.N0);
    expect(y.at(-1)!).toBeGreaterThan(2 * low);
    // an untreated arm (dose 0) follows the growth law alone
    const none = await curve(spec, th, fine, 0);
    fine.forEach((t, i) => expect(none[i]!).toBeCloseTo(th.N0 * Math.exp(2 * th.lambda0 * t), 6));
  });

  it('is proposed when the words name a tumour: the kill with doses, the growth law without', () => {
    expect(ids(treated, CONTEXT)[0]).toBe('tgi-exponential-linear');
    const undosed = ids(untreated, 'Tumour volume (cm^3) of lung cancer xenografts in untreated mice');
    expect(undosed).toContain('growth-exponential-linear');
    expect(undosed).not.toContain('tgi-exponential-linear');
    // dose levels in a column and a daily regimen in the words, American spelling: still the kill
    // first, ahead of the turnover and Emax responses of a marker
    const us = table('Tumor volume', [0, 10, 30], (t, g) => growth(t) * Math.exp(-0.004 * [0, 10, 30][g]! * Math.min(t, 21)));
    expect(ids(us, 'Tumor volume (mm³) in nude mice bearing HCT116 xenografts; vehicle or drug X once daily for 21 days')[0]).toBe('tgi-exponential-linear');
    // a size that is not a tumour's (a plant's leaves, a culture) gets the growth curves it always had
    const leaves = ids(table('leaf weight', [''], (t) => growth(t)), 'Leaf weight (g) of soybean plants');
    expect(leaves).not.toContain('growth-exponential-linear');
    expect(leaves).not.toContain('tgi-exponential-linear');
  });

  it('with plasma concentrations measured too, the kill is driven by a one-compartment PK model fitted jointly', () => {
    const both = parseDataset(['group,dose,observable,time (d),mean,sd,n,unit',
      ...[1, 4].flatMap((d) => DAYS.flatMap((t) => [
        `arm${d},${d},tumour volume,${t},${(growth(t) * Math.exp(-0.04 * d * Math.min(t, 14))).toFixed(4)},${(0.3 * growth(t)).toFixed(4)},8,cm^3`,
        `arm${d},${d},plasma concentration,${t},${(d * 2 * Math.exp(-0.3 * t) + 0.01).toFixed(4)},${(d * 0.5 * Math.exp(-0.3 * t) + 0.01).toFixed(4)},8,mg/L`,
      ]))].join('\n'));
    const context = 'Tumour volume (cm^3) of xenografts and plasma concentration of the drug after oral doses';
    expect(ids(both, context)[0]).toBe('tgi-exponential-linear');
    const spec = motifById('tgi-exponential-linear')!.build(dataScales(both, context));
    validateSpec(spec);
    expect(spec.observables.map((o) => o.expression)).toEqual(['central/V', 'N']);
    expect(spec.equations.N).toMatch(/kappa\*\(central\/V\)\*N$/);
  });

  it('ranks first on a synthetic xenograft study with an untreated arm and two dose levels', async () => {
    const scales = dataScales(treated, CONTEXT);
    const spec = withDoseDefault(motifById('tgi-exponential-linear')!.build(scales), scales);
    // daily oral doses from day 0 to day 13, then none: the tumours shrink, then regrow
    const daily: Regimen = { route: 'oral', interval: 1, count: 14 };
    const truth = { theta: { kde: 0.7, N0: 0.12, lambda0: 0.09, lambda1: 0.1, kappa: 0.12 }, omega: { N0: 0.3, lambda0: 0.2 }, sigma: { additive: 0.005, proportional: 0.1 } };
    const arms = [{ name: 'control', dose: 0 }, { name: '25 mg/kg', dose: 0.5 }, { name: '100 mg/kg', dose: 2 }];
    const { dataset } = await simulateCohort(compileSpec(applyRegimen(spec, daily)), truth, { n: 8, times: DAYS, groups: arms }, 3, backend);
    const label = <S extends { observable: string }>(s: S): S => ({ ...s, observable: 'tumour volume', unit: 'cm^3' });
    const data = { ...dataset, timeUnit: 'd', observables: [{ name: 'tumour volume', unit: 'cm^3' }], series: dataset.series.map(label), groups: dataset.groups.map((g) => ({ ...g, regimen: daily })) };
    const run = smallDiscovery([4, 2], SMALL_SIZES);
    const r = await run(data, { seed: 1, rounds: 2, budgetSeconds: 600, context: CONTEXT }, backend);
    expect(r.models.length).toBeGreaterThanOrEqual(3);
    expect(r.models[0]!.name).toMatch(/^tgi-exponential-linear( |$)/);
  }, 300_000);
});
