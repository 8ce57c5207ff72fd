// A dose at steady state (docs/data-format.md, "Steady state"): the regimen's dose at t = 0 follows
// earlier doses at its interval, simulated from t0 < 0, so a pre-dose visit is a trough. Checked
// against the closed-form steady state of one-compartment oral and IV-infusion PK on both backends,
// and through the readers (a steady_state column, NONMEM SS 1, the context's words).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDataset, tryParseDataset } from '../../src/data/index.ts';
import { applyRegimen, STEADY_STATE_LEAD_IN } from '../../src/infer/regimen.ts';
import { planFit } from '../../src/infer/plan.ts';
import { compileSpec } from '../../src/model/index.ts';
import { createCpuBackend, createWebGpuBackend, type EnsembleBackend } from '../../src/simulate/index.ts';
import { regimenFromWords } from '../../src/discover/regimen-from-words.ts';
import { dataFeatures } from '../../src/discover/features.ts';
import { scoreMotifs } from '../../src/discover/first-pick.ts';
import { describeRegimen } from '../../src/data/regimen.ts';
import { getNodeGpu } from '../helpers/gpu.ts';
import { IV, ORAL } from './helpers.ts';


/** one-compartment oral at steady state (infinitely many doses D every tau), 0 ≤ t ≤ tau after a dose */
function oralSteady(ka: number, CL: number, V: number, D: number, tau: number, t: number): number {
  const k = CL / V;
  return (D / V) * (ka / (ka - k)) * (Math.exp(-k * t) / (1 - Math.exp(-k * tau)) - Math.exp(-ka * t) / (1 - Math.exp(-ka * tau)));
}
/** one-compartment infusion of length T at steady state, 0 ≤ t ≤ tau after an infusion's start */
function infusionSteady(CL: number, V: number, D: number, T: number, tau: number, t: number): number {
  const k = CL / V, R = D / T;
  const trough = (R / CL) * (1 - Math.exp(-k * T)) * Math.exp(-k * (tau - T)) / (1 - Math.exp(-k * tau));
  if (t <= T) return trough * Math.exp(-k * t) + (R / CL) * (1 - Math.exp(-k * t));
  const end = trough * Math.exp(-k * T) + (R / CL) * (1 - Math.exp(-k * T));
  return end * Math.exp(-k * (t - T));
}

const backends: { name: string; make: () => Promise<EnsembleBackend> }[] = [
  { name: 'cpu', make: async () => createCpuBackend({ workers: 1 }) },
  { name: 'webgpu', make: async () => createWebGpuBackend({ gpu: await getNodeGpu() }) },
];

for (const b of backends) {
  describe(`steady state on the ${b.name} backend`, () => {
    let backend: EnsembleBackend;
    beforeAll(async () => { backend = await b.make(); });
    afterAll(async () => { await backend?.dispose(); });
    const tol = b.name === 'cpu' ? 1e-6 : 5e-4;
    const solver = { method: 'dopri5' as const, rtol: 1e-8, atol: 1e-10, steps: 40000 };

    it('oral every 12 h at steady state: the pre-dose visit is the trough, the profile the closed form', async () => {
      const data = parseDataset('group,dose,route,interval,doses,steady_state,time,mean,sd,n\na,250,oral,12,1,yes,0,5,1,10\na,250,oral,12,1,yes,1,9,1,10\na,250,oral,12,1,yes,4,8,1,10\na,250,oral,12,1,yes,12,5,1,10\n');
      const plan = planFit(compileSpec(ORAL), data);
      expect(plan.t0).toBe(-STEADY_STATE_LEAD_IN * 12);
      expect(plan.origin).toBe(0);
      const times = Float64Array.from([0, 0.5, 1, 2, 4, 8, 12]);
      // half-life 6.9 h against an interval of 12 h: 20 earlier doses leave nothing measurable
      const r = await backend.simulate({ model: plan.groups[0]!.model, params: Float64Array.from([1.2, 3, 30]), covariates: Float64Array.from([250]), t0: plan.t0, times, solver });
      times.forEach((t, k) => {
        const want = oralSteady(1.2, 3, 30, 250, 12, t);
        expect(Math.abs(r.outputs[k]! - want) / want, `t = ${t}`).toBeLessThan(tol);
      });
      // the trough at 0 is well above zero, and equals the one at 12 (no dose after 0)
      expect(r.outputs[0]!).toBeGreaterThan(1);
      expect(Math.abs(r.outputs[6]! - r.outputs[0]!) / r.outputs[0]!).toBeLessThan(tol);
      // a request without t0 (Explore's cohort, `mechanist simulate`) starts at the first dose too
      const plain = await backend.simulate({ model: plan.groups[0]!.model, params: Float64Array.from([1.2, 3, 30]), covariates: Float64Array.from([250]), times, solver });
      expect(Array.from(plain.outputs)).toEqual(Array.from(r.outputs));
    });

    it('a 2-h infusion every 24 h at steady state, dosing on after 0: the closed form over two intervals', async () => {
      const model = compileSpec(applyRegimen(IV, { route: 'infusion', duration: 2, interval: 24, count: 2, steadyState: true }));
      const times = Float64Array.from([0, 1, 2, 6, 24, 25, 30]);
      const r = await backend.simulate({ model, params: Float64Array.from([4, 40]), covariates: Float64Array.from([100]), t0: -STEADY_STATE_LEAD_IN * 24, times, solver });
      times.forEach((t, k) => {
        const want = infusionSteady(4, 40, 100, 2, 24, t % 24);
        expect(Math.abs(r.outputs[k]! - want) / want, `t = ${t}`).toBeLessThan(tol);
      });
    });
  });
}

describe('steady state in regimens and readers', () => {
  it('applyRegimen puts the lead-in before 0', () => {
    const spec = applyRegimen(ORAL, { route: 'oral', interval: 12, count: 3, steadyState: true });
    expect(spec.doses).toEqual([{ type: 'bolus', state: 'gut', amount: 'dose', time: -STEADY_STATE_LEAD_IN * 12, every: 12, count: STEADY_STATE_LEAD_IN + 3 }]);
    // applying twice changes nothing; without an interval nothing is led in
    expect(applyRegimen(spec, { route: 'oral', interval: 12, count: 3, steadyState: true })).toEqual(spec);
    expect(applyRegimen(ORAL, { route: 'oral', steadyState: true }).doses![0]).toMatchObject({ time: 0 });
  });

  it('describes the regimen as at steady state', () => {
    expect(describeRegimen({ name: 'a', covariates: { dose: 100 }, regimen: { route: 'oral', interval: 24, count: 2, steadyState: true } }, 'mg', 'h'))
      .toBe('100 mg oral every 24 h × 2, at steady state (given every 24 h before)');
  });

  it('a steady_state column: yes/no, an error without an interval or with another word, kept in the table', () => {
    const ok = parseDataset('dose,route,interval,ss,time,mean,sd,n\n100,oral,24,1,0,2,1,8\n100,oral,24,1,2,6,1,8\n');
    expect(ok.groups[0]!.regimen).toEqual({ route: 'oral', interval: 24, steadyState: true });
    const no = parseDataset('dose,route,interval,doses,steady_state,time,mean,sd,n\n100,oral,24,2,no,0,0,0,8\n100,oral,24,2,no,2,6,1,8\n');
    expect(no.groups[0]!.regimen).toEqual({ route: 'oral', interval: 24, count: 2 });
    const noInterval = tryParseDataset('dose,route,steady_state,time,mean,sd,n\n100,oral,yes,0,2,1,8\n');
    expect(noInterval.ok).toBe(false);
    if (!noInterval.ok) expect(noInterval.issues[0]).toMatchObject({ code: 'bad-steady-state', column: 'steady_state', row: 2 });
    const word = tryParseDataset('dose,route,interval,steady_state,time,mean,sd,n\n100,oral,24,maybe,0,2,1,8\n');
    expect(!word.ok && word.issues[0]!.message).toMatch(/steady state "maybe" is not one of yes, no/);
  });

  it('NONMEM: SS 1 with II on the first dose is a steady-state regimen; SS on a later dose is an error', () => {
    const ok = parseDataset('ID,TIME,AMT,DV,EVID,MDV,SS,II,CMT\n1,0,100,.,1,1,1,12,1\n1,0,.,3.1,0,0,0,0,2\n1,2,.,6.2,0,0,0,0,2\n2,0,100,.,1,1,1,12,1\n2,0,.,2.9,0,0,0,0,2\n2,2,.,5.8,0,0,0,0,2\n');
    expect(ok.groups[0]!.regimen).toMatchObject({ route: 'oral', interval: 12, steadyState: true });
    const late = tryParseDataset('ID,TIME,AMT,DV,EVID,MDV,SS,II,CMT\n1,0,100,.,1,1,0,0,1\n1,12,100,.,1,1,1,12,1\n1,14,.,6.2,0,0,0,0,2\n');
    expect(late.ok).toBe(false);
    if (!late.ok) expect(late.issues.find((i) => i.code === 'steady-state')?.message).toMatch(/only a subject's first dose can be at steady state/);
  });

  it('the context\'s words: "at steady state" with an interval, "last dose" ends the dosing at 0; columns take the words\' steady state', () => {
    const parsed = parseDataset('time (h),dose,mean,sd,n\n0,100,4.1,1.2,12\n1,100,9.8,2.5,12\n2,100,11.2,2.8,12\n4,100,9.1,2.1,12\n8,100,6.3,1.6,12\n24,100,4.0,1.1,12\n');
    const within = regimenFromWords(parsed, 'Plasma concentrations at steady state, 100 mg orally once daily');
    expect(within?.data.groups[0]!.regimen).toEqual({ route: 'oral', interval: 24, count: 2, steadyState: true });
    expect(within?.note).toMatch(/at steady state: the dose at t = 0 follows 20 earlier doses every 24 h/);
    const last = regimenFromWords(parsed, 'Concentrations after the last dose of 100 mg twice daily at steady state');
    expect(last?.data.groups[0]!.regimen).toEqual({ interval: 12, count: 1, steadyState: true });
    // a repeated regimen and a drug level well above zero before the dose at 0: earlier doses left it
    const implied = regimenFromWords(parsed, 'Plasma concentration (mg/L), 100 mg orally once daily');
    expect(implied?.data.groups[0]!.regimen).toEqual({ route: 'oral', interval: 24, count: 2, steadyState: true });
    expect(implied?.note).toMatch(/the words do not say steady state, but the drug level before the dose at t = 0 is 4\.1, 37% of its peak/);
    // not when the words say the dose at 0 is the first, nor for a marker that starts at its baseline
    expect(regimenFromWords(parsed, 'Plasma concentration (mg/L) after the first dose of 100 mg orally once daily')?.data.groups[0]!.regimen).toEqual({ route: 'oral', interval: 24, count: 2 });
    const marker = parseDataset('time (h),dose,observable,unit,mean,sd,n\n0,100,PCA,%,96,5,12\n24,100,40,5,12\n48,100,60,5,12\n'.replace('24,100,40', '24,100,PCA,%,40').replace('48,100,60', '48,100,PCA,%,60'));
    expect(regimenFromWords(marker, 'PCA (% of normal), warfarin 10 mg orally once daily')?.data.groups[0]!.regimen).toEqual({ route: 'oral', interval: 24, count: 3 });
    // a stated number of doses or days counts the doses from t = 0
    expect(regimenFromWords(parsed, 'once daily for 7 days, at steady state from the first dose')?.data.groups[0]!.regimen).toEqual({ interval: 24, count: 7, steadyState: true });
    // the interval named as such
    for (const [words, interval] of [['at steady state, dosing interval of 12 h', 12], ['steady state (τ = 24 h)', 24], ['8-hourly oral doses at steady state', 8], ['a 12-h dosing interval, steady state', 12]] as const) {
      expect(regimenFromWords(parsed, words)?.data.groups[0]!.regimen, words).toMatchObject({ interval, steadyState: true });
    }
    // a sampling interval is no dosing interval
    expect(regimenFromWords(parsed, 'at steady state, sampling every 2 h')).toBeNull();
    const columns = parseDataset('time,dose,interval,doses,mean,sd,n\n0,100,24,2,4.1,1.2,12\n2,100,24,2,11.2,2.8,12\n24,100,24,2,4.0,1.1,12\n');
    expect(regimenFromWords(columns, 'steady-state profile')?.data.groups[0]!.regimen).toEqual({ interval: 24, count: 2, steadyState: true });
    expect(regimenFromWords(columns, 'a profile after repeated doses')).toBeNull();
  });

  it('the first pick reads a steady-state profile (trough, peak, trough) as PK, not as a marker back at its baseline', () => {
    const parsed = parseDataset('time (h),dose,mean,sd,n\n0,100,4.1,1.2,12\n1,100,9.8,2.5,12\n2,100,11.2,2.8,12\n4,100,9.1,2.1,12\n8,100,6.3,1.6,12\n24,100,4.1,1.1,12\n');
    const context = 'Plasma concentration (mg/L) at steady state, 100 mg orally once daily';
    const steady = regimenFromWords(parsed, context)!.data;
    const f = dataFeatures(steady);
    expect(f).toMatchObject({ steadyState: true, startsAtBaseline: false, returnsToBaseline: false });
    expect(scoreMotifs(steady, f, context)[0]!.motif.family).toBe('pk');
    // the same curve read as a single dose starts at a baseline it returns to
    expect(dataFeatures(parsed).startsAtBaseline).toBe(true);
  });

  it('repeated doses leave out the lag motifs (their switch on the clock delays only a dose at t = 0); a single dose keeps them', () => {
    const parsed = parseDataset('time (h),dose,mean,sd,n\n0.5,100,1.1,0.4,12\n1,100,9.8,2.5,12\n2,100,11.2,2.8,12\n4,100,9.1,2.1,12\n8,100,6.3,1.6,12\n24,100,1.1,0.4,12\n');
    const oral = 'Plasma concentration (mg/L) after 100 mg orally';
    const ids = (d: typeof parsed, context: string) => scoreMotifs(d, dataFeatures(d), context).map((m) => m.motif.id);
    expect(ids(parsed, oral)).toContain('pk-1cmt-oral-lag');
    const repeated = regimenFromWords(parsed, `${oral} every 8 h`)!.data;
    expect(repeated.groups[0]!.regimen).toMatchObject({ interval: 8, count: 4 });
    expect(ids(repeated, `${oral} every 8 h`).filter((id) => id.includes('-lag'))).toEqual([]);
    expect(ids(repeated, `${oral} every 8 h`)).toContain('pk-1cmt-oral-transit');
  });
});
