// Small models written by hand in the generated-WGSL contract (docs/CONTRACTS.md), so the GPU
// kernels can be checked against closed forms independently of the model compiler.
import type { CompiledDose, CompiledModel } from '../../src/model/compiled.ts';

interface HandModel {
  name: string;
  states: string[];
  params: string[];
  covs?: string[];
  covDefaults?: number[];
  obs: string[];
  /** WGSL bodies; y, p, c, t in scope */
  rhs: string[];
  init: string[];
  observe: string[];
  jac?: string[];
  dose?: string[];
  doses?: CompiledDose[];
  stiff?: boolean;
}

export function handModel(m: HandModel): CompiledModel {
  const ns = m.states.length, np = m.params.length, covs = m.covs ?? ['dose'], nc = covs.length, no = m.obs.length;
  const dose = m.dose ?? ['0.0'];
  const jac = m.jac ?? Array.from({ length: ns * ns }, () => '0.0');
  const arr = (alias: string, xs: string[]) => `var r: ${alias};\n${xs.map((x, i) => `  r[${i}] = ${x};`).join('\n')}\n  return r;`;
  const wgsl = `
const MODEL_NS: u32 = ${ns}u;
const MODEL_NP: u32 = ${np}u;
const MODEL_NC: u32 = ${nc}u;
const MODEL_NO: u32 = ${no}u;
const MODEL_NJ: u32 = ${ns * ns}u;
const MODEL_NDOSE: u32 = ${dose.length}u;
alias model_state = array<f32, ${ns}>;
alias model_params = array<f32, ${np}>;
alias model_covs = array<f32, ${nc}>;
alias model_obs = array<f32, ${no}>;
alias model_jacobian = array<f32, ${ns * ns}>;
fn model_rhs(t: f32, y: model_state, p: model_params, c: model_covs) -> model_state {
  ${arr('model_state', m.rhs)}
}
fn model_init(p: model_params, c: model_covs) -> model_state {
  ${arr('model_state', m.init)}
}
fn model_observe(t: f32, y: model_state, p: model_params, c: model_covs) -> model_obs {
  ${arr('model_obs', m.observe)}
}
fn model_jac(t: f32, y: model_state, p: model_params, c: model_covs) -> model_jacobian {
  ${arr('model_jacobian', jac)}
}
fn model_dose(k: u32, p: model_params, c: model_covs) -> f32 {
  ${dose.map((d, k) => `if (k == ${k}u) { return ${d}; }`).join('\n  ')}
  return 0.0;
}`;
  return {
    spec: { name: m.name, states: [], parameters: [], equations: {}, observables: [] },
    hash: `hand-${m.name}-${wgsl.length}`,
    stateNames: m.states,
    parameterNames: m.params,
    covariateNames: covs,
    covariateDefaults: m.covDefaults ?? covs.map(() => 0),
    observableNames: m.obs,
    doses: m.doses ?? [],
    nDoseExprs: dose.length,
    js: '',
    wgsl,
    latex: { equations: [], observables: [], initial: [] },
    stiff: m.stiff ?? false,
    // hand-written code has no trees: generic engines only
    trees: null,
    linearTimeInvariant: false,
  };
}

/** dx/dt = −k·x, x(0) = x0; params (k, x0). */
export const decay = handModel({
  name: 'decay', states: ['x'], params: ['k', 'x0'], obs: ['x'],
  rhs: ['-p[0] * y[0]'], init: ['p[1]'], observe: ['y[0]'], jac: ['-p[0]'],
});

/** One-compartment oral PK; params (ka, CL, V); boluses of `dose` into the depot; C = central / V. */
export function oralPk(doseTimes: number[]): CompiledModel {
  return handModel({
    name: `oral-${doseTimes.join('_')}`, states: ['depot', 'central'], params: ['ka', 'CL', 'V'], obs: ['C'],
    covs: ['dose'], covDefaults: [100],
    rhs: ['-p[0] * y[0]', 'p[0] * y[0] - p[1] / p[2] * y[1]'],
    init: ['0.0', '0.0'], observe: ['y[1] / p[2]'],
    jac: ['-p[0]', '0.0', 'p[0]', '-p[1] / p[2]'],
    dose: ['c[0]'],
    doses: [{ kind: 'bolus', state: 0, times: doseTimes, amountIndex: 0 }],
  });
}

/** Closed form of the oral model after boluses D at doseTimes (no division by ka − k when equal). */
export function oralPkExact(ka: number, cl: number, v: number, dose: number, doseTimes: number[], t: number): number {
  const k = cl / v;
  let c = 0;
  for (const td of doseTimes) {
    if (td >= t) continue; // a bolus at t is given after the output at t
    const s = t - td;
    const d = ka - k;
    // (e^{-k s} − e^{-ka s}) / (ka − k) = s·e^{-k s}·(1 − e^{−d s})/(d s), stable as d → 0
    const x = d * s;
    const phi = Math.abs(x) < 1e-8 ? 1 - x / 2 : -Math.expm1(-x) / x;
    c += (dose * ka / v) * s * Math.exp(-k * s) * phi;
  }
  return c;
}

/** Logistic growth dN/dt = r·N·(1 − N/K); params (r, K, N0). */
export const logistic = handModel({
  name: 'logistic', states: ['N'], params: ['r', 'K', 'N0'], obs: ['N'],
  rhs: ['p[0] * y[0] * (1.0 - y[0] / p[1])'], init: ['p[2]'], observe: ['y[0]'],
  jac: ['p[0] * (1.0 - 2.0 * y[0] / p[1])'],
});

/** dx/dt = x², x(0) = x0: blows up at t = 1/x0. */
export const blowUp = handModel({
  name: 'blowup', states: ['x'], params: ['x0'], obs: ['x'],
  rhs: ['y[0] * y[0]'], init: ['p[0]'], observe: ['y[0]'], jac: ['2.0 * y[0]'],
});

/** dx/dt = −k·x + infusion into x; params (k, rate). */
export function infusionModel(intervals: [number, number][]): CompiledModel {
  return handModel({
    name: `infusion-${intervals.flat().join('_')}`, states: ['x'], params: ['k', 'rate'], obs: ['x'],
    rhs: ['-p[0] * y[0]'], init: ['0.0'], observe: ['y[0]'], jac: ['-p[0]'],
    dose: ['p[1]'],
    doses: [{ kind: 'infusion', state: 0, intervals, rateIndex: 0 }],
  });
}

/** Robertson's stiff chemical kinetics (3 states); params (k1, k2, k3). */
export const robertson = handModel({
  name: 'robertson', states: ['a', 'b', 'c'], params: ['k1', 'k2', 'k3'], obs: ['a', 'b', 'c'],
  rhs: ['-p[0] * y[0] + p[2] * y[1] * y[2]', 'p[0] * y[0] - p[2] * y[1] * y[2] - p[1] * y[1] * y[1]', 'p[1] * y[1] * y[1]'],
  init: ['1.0', '0.0', '0.0'], observe: ['y[0]', 'y[1]', 'y[2]'],
  jac: [
    '-p[0]', 'p[2] * y[2]', 'p[2] * y[1]',
    'p[0]', '-p[2] * y[2] - 2.0 * p[1] * y[1]', '-p[2] * y[1]',
    '0.0', '2.0 * p[1] * y[1]', '0.0',
  ],
  stiff: true,
});
