// Derived quantities against closed forms, on the real CPU backend (f64).
import { afterAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { compileSpec } from '../../src/model/index.ts';
import type { ModelSpec } from '../../src/model/spec.ts';
import { deriveQuantities, type DeriveArgs } from '../../src/derive/index.ts';
import { cpuBackend } from '../infer/helpers.ts';

const backend = cpuBackend();
afterAll(() => backend.dispose());

const example = (name: string): ModelSpec => JSON.parse(readFileSync(`public/examples/models/${name}.json`, 'utf8'));
const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

function args(spec: ModelSpec, typical: number[][], extra: Partial<DeriveArgs> = {}, covariates: number[] = [100]): DeriveArgs {
  const model = compileSpec(spec);
  return {
    model, backend,
    typical: Float64Array.from(typical.flat()),
    individuals: new Float64Array(0),
    groups: [{ name: 'all', covariates: Float64Array.from(covariates) }],
    t0: 0, tEnd: 48, observable: 0, unit: 'mg/L',
    ...extra,
  };
}

describe('PK closed forms', () => {
  it('one-compartment oral: t½ = ln2·V/CL, AUC = dose/CL, Bateman Cmax/Tmax', async () => {
    const [ka, CL, V, dose] = [1.2, 4, 40, 100];
    const k = CL / V;
    const d = await deriveQuantities(args(example('pk-1cmt-oral'), [[ka, CL, V]], { tEnd: 72 }));
    expect(rel(d.t_half_elim!.median, (Math.LN2 * V) / CL)).toBeLessThan(1e-12);
    expect(rel(d.t_half_abs!.median, Math.LN2 / ka)).toBeLessThan(1e-12);
    expect(rel(d.AUC_inf!.median, dose / CL)).toBeLessThan(1e-7);
    const tmax = Math.log(ka / k) / (ka - k);
    const cmax = ((dose * ka) / (V * (ka - k))) * (Math.exp(-k * tmax) - Math.exp(-ka * tmax));
    expect(rel(d.Tmax!.median, tmax)).toBeLessThan(1e-6);
    expect(rel(d.Cmax!.median, cmax)).toBeLessThan(1e-8);
    // AUC(0–72) of the Bateman function
    const aucLast = (dose / CL) - ((dose * ka) / (V * (ka - k))) * (Math.exp(-k * 72) / k - Math.exp(-ka * 72) / ka);
    expect(rel(d.AUC_last!.median, aucLast)).toBeLessThan(1e-8);
    expect(d.t_half_elim!.unit).toBe('h');
    expect(d.AUC_inf!.unit).toBe('mg/L·h');
    expect(d.t_half_elim!.sentence).toMatch(/^Half of the drug is eliminated every 6\.93 h \(5–95%: 6\.93–6\.93 h\)\.$/);
  });

  it('several doses with no regular regimen: Cmax, Tmax and AUC are over the schedule, and the sentences say so', async () => {
    // 100 mg by mouth at 0 h and 50 mg at 5 h (a cohort's mean of each subject's doses is such a list)
    const [ka, CL, V] = [1.2, 4, 40];
    const two = { ...example('pk-1cmt-oral'), doses: [{ type: 'bolus', state: 'gut', amount: 'dose', time: 0 }, { type: 'bolus', state: 'gut', amount: '0.5*dose', time: 5 }] } as ModelSpec;
    const d = await deriveQuantities(args(two, [[ka, CL, V]], { tEnd: 72 }));
    // superposition: the exposure to all doses is (100 + 50)/CL
    expect(rel(d.AUC_inf!.median, 150 / CL)).toBeLessThan(1e-6);
    expect(d.AUC_inf!.sentence).toMatch(/^The total exposure to the doses given \(AUC to infinity\) is 37\.5 mg\/L·h/);
    expect(d.Cmax!.sentence).toMatch(/^Over the doses given the concentration peaks at/);
    expect(d.Tmax!.sentence).toMatch(/^That peak comes, after the first dose, at/);
    expect(d.Tmax!.median).toBeGreaterThan(5);
    // one dose: one dose's words
    const one = await deriveQuantities(args(example('pk-1cmt-oral'), [[ka, CL, V]], { tEnd: 72 }));
    expect(one.AUC_inf!.sentence).toMatch(/^The total exposure to one dose \(AUC to infinity\) is 25 mg\/L·h/);
    expect(one.Tmax!.sentence).toMatch(/^The peak comes, after the dose, at/);
  });

  it('summarises over posterior draws and the cohort', async () => {
    // three draws of CL: the median quantity comes from the median draw; the cohort from the individuals
    const typical = [[1, 4, 40], [1, 5, 40], [1, 6, 40]];
    const individuals = Float64Array.from([[1, 2, 40], [1, 8, 40], [1, 4, 40], [1, 4, 40], [1, 4, 40]].flat());
    const d = await deriveQuantities({ ...args(example('pk-1cmt-oral'), typical), individuals });
    expect(rel(d.AUC_inf!.median, 100 / 5)).toBeLessThan(1e-7);
    expect(rel(d.AUC_inf!.q05, 100 / 6 + 0.1 * (100 / 5 - 100 / 6))).toBeLessThan(1e-7); // type-7 quantile of 3 values
    expect(d.t_half_elim!.cohort!.q05).toBeLessThan(Math.LN2 * 40 / 4);
    expect(d.t_half_elim!.cohort!.q95).toBeGreaterThan(Math.LN2 * 40 / 4);
    expect(d.t_half_elim!.sentence).toMatch(/between patients this varies from/);
  });

  it('two-compartment IV: α and β half-lives from the micro-constants', async () => {
    const [CL, V1, Q, V2] = [5, 20, 10, 60];
    const k10 = CL / V1, k12 = Q / V1, k21 = Q / V2;
    const s = k10 + k12 + k21, disc = Math.sqrt(s * s - 4 * k10 * k21);
    const alpha = (s + disc) / 2, beta = (s - disc) / 2;
    const d = await deriveQuantities(args(example('pk-2cmt-iv'), [[CL, V1, Q, V2]], { tEnd: 96 }));
    expect(rel(d.t_half_alpha!.median, Math.LN2 / alpha)).toBeLessThan(1e-10);
    expect(rel(d.t_half_beta!.median, Math.LN2 / beta)).toBeLessThan(1e-10);
    expect(d.t_half_abs).toBeUndefined();
    expect(rel(d.AUC_inf!.median, 100 / CL)).toBeLessThan(1e-6);
    // IV bolus: the peak is the first value after the dose, dose/V1
    expect(rel(d.Cmax!.median, 100 / V1)).toBeLessThan(1e-6);
  });

  it('repeated oral dosing: average at steady state = dose/(CL·τ), accumulation = 1/(1 − e^{−kτ})', async () => {
    const spec = example('pk-1cmt-multiple-dose');
    spec.doses = [{ type: 'bolus', state: 'gut', amount: 'dose', time: 0, every: 12, count: 40 }];
    const [ka, CL, V] = [1, 5, 50];
    const k = CL / V, tau = 12;
    const d = await deriveQuantities(args(spec, [[ka, CL, V]], { tEnd: 480 }));
    expect(rel(d.Cavg_ss!.median, 100 / (CL * tau))).toBeLessThan(1e-6);
    // exposure of the last interval over the first: the single-dose AUC(0–∞) over AUC(0–τ)
    const aucTau1 = (100 / CL) - ((100 * ka) / (V * (ka - k))) * (Math.exp(-k * tau) / k - Math.exp(-ka * tau) / ka);
    expect(rel(d.accumulation!.median, (100 / CL) / aucTau1)).toBeLessThan(1e-6);
    // trough at steady state: superposition of single-dose curves at τ, 2τ, …
    const single = (t: number) => ((100 * ka) / (V * (ka - k))) * (Math.exp(-k * t) - Math.exp(-ka * t));
    let trough = 0;
    for (let n = 1; n <= 40; n++) trough += single(n * tau);
    expect(rel(d.Ctrough_ss!.median, trough)).toBeLessThan(1e-6);
  });
});

describe('at steady state', () => {
  it('a profile after earlier doses (a lead-in before t0): Cmax, Ctrough and Cavg of the steady state, no accumulation', async () => {
    const spec = example('pk-1cmt-multiple-dose');
    // 20 doses before 0, then one at 0 (the last): the steady-state interval is [0, 12]
    spec.doses = [{ type: 'bolus', state: 'gut', amount: 'dose', time: -240, every: 12, count: 21 }];
    const [ka, CL, V] = [1, 5, 50];
    const k = CL / V, tau = 12;
    const d = await deriveQuantities(args(spec, [[ka, CL, V]], { tEnd: 12, simStart: -240 }));
    const ss = (t: number) => ((100 * ka) / (V * (ka - k))) * (Math.exp(-k * t) / (1 - Math.exp(-k * tau)) - Math.exp(-ka * t) / (1 - Math.exp(-ka * tau)));
    // the steady state after 20 intervals of a 6.9-h half-life: within 1e-6
    expect(rel(d.Cavg_ss!.median, 100 / (CL * tau))).toBeLessThan(1e-6);
    expect(rel(d.Ctrough_ss!.median, ss(tau))).toBeLessThan(1e-6);
    const tmax = Math.log((ka * (1 - Math.exp(-k * tau))) / (k * (1 - Math.exp(-ka * tau)))) / (ka - k);
    expect(rel(d.Tmax!.median, tmax)).toBeLessThan(1e-5);
    expect(rel(d.Cmax!.median, ss(tmax))).toBeLessThan(1e-8);
    expect(d.accumulation).toBeUndefined();
  });
});

describe('other families', () => {
  it('logistic growth: carrying capacity K, time to half-maximum ln((K − N0)/N0)/r', async () => {
    const [r, K, N0] = [0.3, 500, 10];
    const d = await deriveQuantities(args(example('growth-logistic'), [[r, K, N0]], { tEnd: 30, unit: 'cells' }, [0]));
    expect(rel(d.carrying_capacity!.median, K)).toBeLessThan(1e-6);
    expect(rel(d.t_half_max!.median, Math.log((K - N0) / N0) / r)).toBeLessThan(1e-4);
    // the early doubling time approaches ln 2 / (r (1 − N0/K)) on the first grid step
    expect(rel(d.doubling_time!.median, Math.LN2 / (r * (1 - N0 / K)))).toBeLessThan(1e-2);
    expect(d.Cmax).toBeUndefined();
  });

  it('SIR outbreak: R0 = β·S0/γ, a peak time and size', async () => {
    const spec = example('epi-sir');
    const d = await deriveQuantities(args(spec, [[0.5, 0.1, 0.001]], { tEnd: 120, unit: 'fraction' }, [0]));
    const model = compileSpec(spec);
    const y0 = new Float64Array(3);
    new Function(model.js)().init(Float64Array.from([0.5, 0.1, 0.001]), new Float64Array(1), y0);
    expect(rel(d.R0!.median, (0.5 * y0[0]!) / 0.1)).toBeLessThan(1e-12);
    expect(d.t_peak!.median).toBeGreaterThan(0);
    expect(d.peak!.median).toBeGreaterThan(0.001);
  });

  it('indirect response: baseline kin/kout, a nadir and the time back to within 10%', async () => {
    const spec = example('pd-indirect-response');
    const [ka, CL, V, kin, kout, IC50] = [1, 5, 50, 10, 0.5, 0.5];
    const model = compileSpec(spec);
    const d = await deriveQuantities({ ...args(spec, [[ka, CL, V, kin, kout, IC50]], { tEnd: 48 }), observable: model.observableNames.indexOf(spec.observables[1]!.name) });
    expect(rel(d.baseline!.median, kin / kout)).toBeLessThan(1e-9);
    expect(d.max_effect!.median).toBeLessThan(0);
    expect(d.t_nadir!.median).toBeGreaterThan(0);
    expect(d.t_return_10pct!.median).toBeGreaterThan(d.t_nadir!.median);
  });

  it('exponential decline: the observable halves in ln 2/k; no rate per year over two days', async () => {
    const d = await deriveQuantities(args(example('decay-exponential'), [[0.2, 50]], { tEnd: 48, unit: 'ng/mL' }, [0]));
    // crossing times are linear interpolations on the grid: O(h²)
    expect(rel(d.t_half_obs!.median, Math.LN2 / 0.2)).toBeLessThan(1e-4);
    // DT90 of degradation kinetics: ln 10/k
    expect(rel(d.t_tenth_obs!.median, Math.LN10 / 0.2)).toBeLessThan(1e-4);
    expect(d.change_per_year).toBeUndefined();
    expect(d.t_half_obs!.sentence).toMatch(/^It falls to half of its starting value at 3\.47 h after the start/);
  });
});

describe('groups', () => {
  it('groups with the same covariates are simulated once and share their quantities', async () => {
    const spec = example('pk-1cmt-oral');
    const typical = [[1.2, 4, 40], [1, 5, 40]];
    let rows = 0;
    const counting = { ...backend, simulate: (req: Parameters<typeof backend.simulate>[0], signal?: AbortSignal) => { rows += req.params.length / 3; return backend.simulate(req, signal); } };
    const groups = [100, 100, 200].map((dose, i) => ({ name: `g${i}`, covariates: Float64Array.of(dose) }));
    const d = await deriveQuantities({ ...args(spec, typical), backend: counting, groups });
    // the pilot and both draws, for 2 distinct covariate rows (not 3 groups)
    expect(rows).toBe((1 + typical.length) * 2);
    const low = await deriveQuantities(args(spec, typical, {}, [100]));
    const high = await deriveQuantities(args(spec, typical, {}, [200]));
    for (const [g, single] of [['g0', low], ['g1', low], ['g2', high]] as const) {
      expect(d[`Cmax[${g}]`]!.median).toBe(single.Cmax!.median);
      expect(d[`AUC_inf[${g}]`]!.q95).toBe(single.AUC_inf!.q95);
    }
  });
});

describe('flip-flop mirror', () => {
  it('ka < k rows become the ka > k row with the same curve: same Cmax and AUC, half-lives swapped', async () => {
    const { mirrorFlipFlop } = await import('../../src/infer/derived.ts');
    const [ka, CL, V] = [0.05, 4, 40]; // absorption slower than elimination (k = 0.1)
    const rows = Float64Array.from([ka, CL, V]);
    mirrorFlipFlop(rows, 3, { ka: 0, CL: 1, V: 2 });
    expect(rows[0]).toBeCloseTo(CL / V, 15);
    expect(rows[1]).toBe(CL);
    expect(rows[2]).toBeCloseTo((V * (CL / V)) / ka, 12);
    const spec = example('pk-1cmt-oral');
    const a = await deriveQuantities(args(spec, [[ka, CL, V]], { tEnd: 240 }));
    const b = await deriveQuantities(args(spec, [Array.from(rows)], { tEnd: 240 }));
    expect(rel(b.Cmax!.median, a.Cmax!.median)).toBeLessThan(1e-9);
    expect(rel(b.AUC_inf!.median, a.AUC_inf!.median)).toBeLessThan(1e-7);
    expect(rel(b.t_half_abs!.median, a.t_half_elim!.median)).toBeLessThan(1e-12);
    expect(rel(b.t_half_elim!.median, a.t_half_abs!.median)).toBeLessThan(1e-12);
    // a ka > k row is left alone
    const keep = Float64Array.from([1, CL, V]);
    mirrorFlipFlop(keep, 3, { ka: 0, CL: 1, V: 2 });
    expect(Array.from(keep)).toEqual([1, CL, V]);
  });
});

describe('degradation pathway endpoints (formation fractions and DT50 per substance)', () => {
  const pathway = (equations: Record<string, string>, parameters: string[], observables: [string, string][]): ModelSpec => ({
    name: 'pathway', timeUnit: 'day',
    states: Object.keys(equations).map((n, i) => ({ name: n, initial: i === 0 ? '100' : '0' })),
    parameters: parameters.map((name) => ({ name, prior: { type: 'lognormal', median: 0.1, gsd: 2 } })),
    equations,
    observables: observables.map(([name, expression]) => ({ name, expression })),
    error: { model: 'proportional', proportional: { type: 'lognormal', median: 0.1, gsd: 2 } },
  } as ModelSpec);

  it('SFO–SFO with a formation fraction: ff is f, each DT50 is ln 2 over the substance\'s rate', async () => {
    const spec = pathway({ P: '-k_parent*P', M: 'f*k_parent*P - k_m*M' }, ['k_parent', 'f', 'k_m'], [['parent', 'P'], ['m1', 'M']]);
    const d = await deriveQuantities(args(spec, [[0.1, 0.5, 0.005]], { tEnd: 120 }, []));
    expect(rel(d.ff_parent_to_m1!.median, 0.5)).toBeLessThan(1e-12);
    expect(rel(d.DT50_parent!.median, Math.LN2 / 0.1)).toBeLessThan(1e-12);
    expect(rel(d.DT50_m1!.median, Math.LN2 / 0.005)).toBeLessThan(1e-12);
    expect(d.DT50_m1!.unit).toBe('day');
    expect(d.ff_parent_to_m1!.unit).toBeUndefined();
    expect(d.ff_parent_to_m1!.sentence).toMatch(/^Of what parent degrades to, the fraction that forms m1 is 0\.5 /);
    // no between-subject variability given, no "between patients" range
    const withCohort = await deriveQuantities({ ...args(spec, [[0.1, 0.5, 0.005]], { tEnd: 120 }, []), individuals: Float64Array.from([0.1, 0.5, 0.005, 0.1, 0.5, 0.005]) });
    expect(withCohort.ff_parent_to_m1!.sentence).not.toMatch(/between patients/);
    // the metabolite rises from nothing: a peak, and no doubling time
    const m1 = await deriveQuantities(args(spec, [[0.1, 0.5, 0.005]], { tEnd: 120, observable: 1, parameterQuantities: false }, []));
    expect(m1.t_peak!.median).toBeGreaterThan(0);
    expect(m1.doubling_time).toBeUndefined();
  });

  it('rates per product (A2 from A1): each fraction is the rate forming it over the source\'s total rate', async () => {
    const spec = pathway(
      { P: '-(k_P_A1 + k_P_B1 + k_P_sink)*P', X1: 'k_P_A1*P - (k_A1_A2 + k_A1_sink)*X1', X2: 'k_P_B1*P - k_B1_sink*X2', X3: 'k_A1_A2*X1 - k_A2_sink*X3' },
      ['k_P_A1', 'k_P_B1', 'k_P_sink', 'k_A1_A2', 'k_A1_sink', 'k_B1_sink', 'k_A2_sink'],
      [['parent', 'P'], ['A1', 'X1'], ['B1', 'X2'], ['A2', 'X3']],
    );
    const d = await deriveQuantities(args(spec, [[0.02, 0.01, 0.02, 0.006, 0.008, 0.0175, 0.0245]], { tEnd: 100 }, []));
    expect(rel(d.ff_parent_to_A1!.median, 0.02 / 0.05)).toBeLessThan(1e-12);
    expect(rel(d.ff_parent_to_B1!.median, 0.01 / 0.05)).toBeLessThan(1e-12);
    expect(rel(d.ff_A1_to_A2!.median, 0.006 / 0.014)).toBeLessThan(1e-12);
    expect(d.ff_parent_to_A2).toBeUndefined();
    expect(rel(d.DT50_A2!.median, Math.LN2 / 0.0245)).toBeLessThan(1e-12);
  });

  it('pools that do not form one another have none', async () => {
    const spec = pathway({ F: '-kf*F', L: '-kl*L' }, ['kf', 'kl'], [['y', 'F + L']]);
    const d = await deriveQuantities(args(spec, [[0.5, 0.05]], { tEnd: 50 }, []));
    expect(Object.keys(d).some((k) => k.startsWith('ff_') || k.startsWith('DT50_'))).toBe(false);
  });
});
