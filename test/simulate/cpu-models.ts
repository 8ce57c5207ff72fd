// Hand-written CompiledModel objects for the CPU engine tests (the JS is written here by hand in
// the generated form: y[i], p[j], c[k]). Closed-form references live next to each test.
import type { CompiledDose, CompiledModel } from '../../src/model/compiled.ts';

interface HandModel {
  name: string;
  states: string[];
  params: string[];
  covariates?: { name: string; value: number }[];
  observables: string[];
  rhs: string;
  init: string;
  observe: string;
  jac: string;
  dose?: string;
  doses?: CompiledDose[];
  stiff?: boolean;
}

export function handModel(h: HandModel): CompiledModel {
  const covs = [{ name: 'dose', value: 0 }, ...(h.covariates ?? []).filter((c) => c.name !== 'dose')];
  const doseCov = h.covariates?.find((c) => c.name === 'dose');
  if (doseCov) covs[0] = doseCov;
  const js = `return {
    rhs: function (t, y, p, c, dy) { ${h.rhs} },
    init: function (p, c, y) { ${h.init} },
    observe: function (t, y, p, c, out) { ${h.observe} },
    jac: function (t, y, p, c, J) { ${h.jac} },
    dose: function (k, p, c) { ${h.dose ?? 'return c[0];'} },
  };`;
  return {
    spec: {
      name: h.name,
      states: h.states.map((s) => ({ name: s, initial: '0' })),
      parameters: h.params.map((p) => ({ name: p, prior: { type: 'lognormal', median: 1, gsd: 2 } })),
      equations: {},
      observables: h.observables.map((o) => ({ name: o, expression: '0' })),
    },
    hash: `hand-${h.name}-${js.length}`,
    stateNames: h.states,
    parameterNames: h.params,
    covariateNames: covs.map((c) => c.name),
    covariateDefaults: covs.map((c) => c.value),
    observableNames: h.observables,
    doses: h.doses ?? [],
    nDoseExprs: h.doses?.length ? 1 : 0,
    js,
    wgsl: '',
    latex: { equations: [], observables: [], initial: [] },
    stiff: h.stiff ?? false,
    // hand-written code has no trees: generic engines only
    trees: null,
    linearTimeInvariant: false,
  };
}

/** dx/dt = −k·x, x(0) = x0; params (k, x0). */
export const decay = handModel({
  name: 'decay', states: ['x'], params: ['k', 'x0'], observables: ['x'],
  rhs: 'dy[0] = -p[0] * y[0];', init: 'y[0] = p[1];', observe: 'out[0] = y[0];', jac: 'J[0] = -p[0];',
});

/** One-compartment oral PK: depot → central → out; params (ka, k, V); conc = central / V. */
export function pkOral(doses: CompiledDose[] = [], initDose = true): CompiledModel {
  return handModel({
    name: `pk-oral-${doses.length}-${initDose}`, states: ['depot', 'central'], params: ['ka', 'k', 'V'],
    covariates: [{ name: 'dose', value: 100 }], observables: ['conc'],
    rhs: 'dy[0] = -p[0] * y[0]; dy[1] = p[0] * y[0] - p[1] * y[1];',
    init: initDose ? 'y[0] = c[0]; y[1] = 0;' : 'y[0] = 0; y[1] = 0;',
    observe: 'out[0] = y[1] / p[2];',
    jac: 'J[0] = -p[0]; J[1] = 0; J[2] = p[0]; J[3] = -p[1];',
    doses,
  });
}

/** dx/dt = −k·x (+ infusion), x(0) = 0; params (k, R); infusion rate = R. */
export function infusionModel(intervals: [number, number][]): CompiledModel {
  return handModel({
    name: 'infusion', states: ['x'], params: ['k', 'R'], observables: ['x'],
    rhs: 'dy[0] = -p[0] * y[0];', init: 'y[0] = 0;', observe: 'out[0] = y[0];', jac: 'J[0] = -p[0];',
    dose: 'return p[1];', doses: [{ kind: 'infusion', state: 0, intervals, rateIndex: 0 }],
  });
}

/** dx/dt = r·x·(1 − x/K), x(0) = x0; params (r, K, x0). */
export const logistic = handModel({
  name: 'logistic', states: ['x'], params: ['r', 'K', 'x0'], observables: ['x'],
  rhs: 'dy[0] = p[0] * y[0] * (1 - y[0] / p[1]);', init: 'y[0] = p[2];', observe: 'out[0] = y[0];',
  jac: 'J[0] = p[0] * (1 - 2 * y[0] / p[1]);',
});

/** dx/dt = x², x(0) = x0 (blows up at t = 1/x0); params (x0). */
export const blowUp = handModel({
  name: 'blowup', states: ['x'], params: ['x0'], observables: ['x'],
  rhs: 'dy[0] = y[0] * y[0];', init: 'y[0] = p[0];', observe: 'out[0] = y[0];', jac: 'J[0] = 2 * y[0];',
});

/** Robertson's chemical kinetics (stiff); params (k1, k2, k3) = (0.04, 3e7, 1e4). */
export const robertson = handModel({
  name: 'robertson', states: ['y1', 'y2', 'y3'], params: ['k1', 'k2', 'k3'], observables: ['y1', 'y2', 'y3'],
  rhs: 'dy[0] = -p[0] * y[0] + p[2] * y[1] * y[2]; dy[1] = p[0] * y[0] - p[2] * y[1] * y[2] - p[1] * y[1] * y[1]; dy[2] = p[1] * y[1] * y[1];',
  init: 'y[0] = 1; y[1] = 0; y[2] = 0;',
  observe: 'out[0] = y[0]; out[1] = y[1]; out[2] = y[2];',
  jac: 'J[0] = -p[0]; J[1] = p[2] * y[2]; J[2] = p[2] * y[1];'
    + ' J[3] = p[0]; J[4] = -p[2] * y[2] - 2 * p[1] * y[1]; J[5] = -p[2] * y[1];'
    + ' J[6] = 0; J[7] = 2 * p[1] * y[1]; J[8] = 0;',
});

/** Lorenz system; params (sigma, rho, beta); saves states. */
export const lorenz = handModel({
  name: 'lorenz', states: ['x', 'y', 'z'], params: ['sigma', 'rho', 'beta'], observables: ['x', 'y', 'z'],
  rhs: 'dy[0] = p[0] * (y[1] - y[0]); dy[1] = y[0] * (p[1] - y[2]) - y[1]; dy[2] = y[0] * y[1] - p[2] * y[2];',
  init: 'y[0] = 1; y[1] = 0; y[2] = 0;',
  observe: 'out[0] = y[0]; out[1] = y[1]; out[2] = y[2];',
  jac: 'J[0] = -p[0]; J[1] = p[0]; J[2] = 0; J[3] = p[1] - y[2]; J[4] = -1; J[5] = -y[0]; J[6] = y[1]; J[7] = y[0]; J[8] = -p[2];',
});

/** Parameter matrix from rows. */
export function rows(r: number[][]): Float64Array {
  return Float64Array.from(r.flat());
}
