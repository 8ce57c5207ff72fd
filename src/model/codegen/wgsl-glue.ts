// Generated WGSL that joins a compiled model to the kernel templates in shaders/: per-model loads,
// the right-hand side with infusions, the output writer, and the step functions unrolled from the
// Butcher / Rosenbrock tableaux (passed in: the numbers live in src/simulate/tableaux.ts; no
// coefficient is typed here). Every piece of text below comes from numbers and indices only,
// never from user text. Assembled into kernels by src/simulate/webgpu/kernels.ts.
import type { CompiledModel } from '../compiled.ts';
import { wgslLit as lit } from './literals.ts';
import type { ExplicitTableau, RosenbrockTableau } from './tableau.ts';
import { controllerWgsl, type ControllerConstants } from './wgsl-controller.ts';

/** Σ_j coef[j]·vec_j[s] over non-zero coefficients, or null when all are zero. */
function combination(coefs: readonly number[], vec: (j: number) => string, s: number): string | null {
  const terms: string[] = [];
  coefs.forEach((a, j) => {
    if (a !== 0) terms.push(a === 1 ? `${vec(j)}[${s}]` : `${lit(a)} * ${vec(j)}[${s}]`);
  });
  return terms.length ? terms.join(' + ') : null;
}

/** Unrolled `name[s] = base[s] + h * (Σ coef_j k_j[s])` for every state. */
function axpyLines(name: string, coefs: readonly number[], k: (j: number) => string, ns: number, scale = 'h'): string[] {
  const lines = [`  var ${name}: model_state;`];
  for (let s = 0; s < ns; s++) {
    const c = combination(coefs, k, s);
    lines.push(c ? `  ${name}[${s}] = y[${s}] + ${scale} * (${c});` : `  ${name}[${s}] = y[${s}];`);
  }
  return lines;
}

function infusedStates(model: CompiledModel): number[] {
  const set = new Set<number>();
  for (const d of model.doses) if (d.kind === 'infusion') set.add(d.state);
  return [...set].sort((a, b) => a - b);
}

/** rhs_full: model_rhs plus the active infusion rates (only for states that receive one). */
export function rhsGlue(model: CompiledModel): string {
  const infused = infusedStates(model);
  const head = 'fn rhs_full(t: f32, y: model_state, p: model_params, c: model_covs, inf: model_state) -> model_state {';
  if (!infused.length) return `${head}\n  return model_rhs(t, y, p, c);\n}`;
  const adds = infused.map((s) => `  d[${s}] = d[${s}] + inf[${s}];`);
  return [head, '  var d = model_rhs(t, y, p, c);', ...adds, '  return d;', '}'].join('\n');
}

/**
 * Per-model helpers unrolled over states, parameters and covariates: loads from the storage
 * buffers, the finiteness test and `add_at` (a dose into state k). With these no array is indexed
 * by a run-time value, which would push the state out of registers on real GPUs.
 */
export function stateHelpersGlue(model: CompiledModel): string {
  const ns = model.stateNames.length;
  const np = model.parameterNames.length;
  const nc = model.covariateNames.length;
  const finite = Array.from({ length: ns }, (_, s) => `finite(y[${s}])`).join(' && ') || 'true';
  const cases = Array.from({ length: ns }, (_, s) => `    case ${s}u: { r[${s}] = r[${s}] + v; }`);
  return [
    `fn all_finite(y: model_state) -> bool {
  return ${finite};
}`,
    ['fn add_at(y: model_state, k: u32, v: f32) -> model_state {', '  var r = y;', '  switch k {', ...cases, '    default: {}', '  }', '  return r;', '}'].join('\n'),
    ['fn load_params(i: u32) -> model_params {', '  var p: model_params;', `  let b = i * ${Math.max(np, 1)}u;`,
      ...Array.from({ length: np }, (_, j) => `  p[${j}] = params[b + ${j}u];`), '  return p;', '}'].join('\n'),
    ['fn load_covs(i: u32) -> model_covs {', '  var c: model_covs;', '  let b = i * run.cov_stride;',
      ...Array.from({ length: nc }, (_, j) => `  c[${j}] = covs[b + ${j}u];`), '  return c;', '}'].join('\n'),
  ].join('\n\n');
}

/** save_output: writes the states or the observables at one output time. */
export function saveGlue(model: CompiledModel, save: 'observables' | 'states'): string {
  const head = 'fn save_output(base: u32, t: f32, y: model_state, p: model_params, c: model_covs) {';
  if (save === 'states') {
    const lines = model.stateNames.map((_, s) => `  outputs[base + ${s}u] = y[${s}];`);
    return [head, ...lines, '}'].join('\n');
  }
  const lines = model.observableNames.map((_, o) => `  outputs[base + ${o}u] = o[${o}];`);
  return [head, '  let o = model_observe(t, y, p, c);', ...lines, '}'].join('\n');
}

/** fixed_step(t, h, y, …): one step of an explicit tableau without error estimate. */
export function fixedStepGlue(tab: ExplicitTableau, ns: number): string {
  const k = (j: number) => `k${j}`;
  const lines = ['fn fixed_step(t: f32, h: f32, y: model_state, p: model_params, c: model_covs, inf: model_state) -> model_state {'];
  lines.push('  let k0 = rhs_full(t, y, p, c, inf);');
  for (let i = 1; i < tab.stages; i++) {
    lines.push(...axpyLines(`z${i}`, tab.a[i]!, k, ns));
    lines.push(`  let k${i} = rhs_full(t + ${lit(tab.c[i]!)} * h, z${i}, p, c, inf);`);
  }
  lines.push(...axpyLines('yn', tab.b, k, ns), '  return yn;', '}');
  return lines.join('\n');
}

// stiff_num, stiff_den: h²·‖Δk‖² and ‖Δy‖² of the stiffness test (src/simulate/controller.ts noteStiffness; den < 0: no estimate)
const STEP_OUT = 'struct StepOut { y: model_state, err: f32, k_last: model_state, stiff_num: f32, stiff_den: f32 };';

/** RMS norm of the error vector scaled by atol + rtol·max(|y|, |y_new|) (as the CPU backend). */
function errorNormLines(ns: number, errTerm: (s: number) => string | null): string[] {
  const lines = ['  var acc = 0.0;'];
  for (let s = 0; s < ns; s++) {
    const e = errTerm(s);
    if (!e) continue;
    lines.push(`  { let sc = run.atol + run.rtol * max(abs(y[${s}]), abs(yn[${s}])); let q = (${e}) / sc; acc = acc + q * q; }`);
  }
  lines.push(`  out.err = sqrt(acc / ${lit(ns)});`);
  return lines;
}

/** adaptive_step for an explicit embedded pair (FSAL when the tableau says so). */
export function explicitStepGlue(tab: ExplicitTableau, ns: number): string {
  if (!tab.e) throw new Error(`${tab.name} has no error estimate: it cannot drive adaptive steps`);
  const s = tab.stages;
  if (tab.fsal) {
    const last = tab.a[s - 1]!;
    const same = tab.b.every((b, j) => (j < s - 1 ? last[j] === b : b === 0)) && tab.c[s - 1] === 1;
    if (!same) throw new Error(`${tab.name} is marked FSAL but its last stage is not the new solution`);
  }
  const k = (j: number) => `k${j}`;
  const lines = [
    'fn adaptive_step(t: f32, h: f32, y: model_state, k0: model_state, p: model_params, c: model_covs, inf: model_state) -> StepOut {',
    '  var out: StepOut;',
  ];
  const explicitStages = tab.fsal ? s - 1 : s;
  for (let i = 1; i < explicitStages; i++) {
    lines.push(...axpyLines(`z${i}`, tab.a[i]!, k, ns));
    lines.push(`  let k${i} = rhs_full(t + ${lit(tab.c[i]!)} * h, z${i}, p, c, inf);`);
  }
  lines.push(...axpyLines('yn', tab.b, k, ns));
  if (tab.fsal) {
    lines.push(`  let k${s - 1} = rhs_full(t + h, yn, p, c, inf);`, `  out.k_last = k${s - 1};`);
    // Hairer's stiffness estimate h·‖k_last − k_prev‖ / ‖y_new − z_prev‖ (the last two stages)
    const num = Array.from({ length: ns }, (_, st) => `sq(k${s - 1}[${st}] - k${s - 2}[${st}])`).join(' + ');
    const den = Array.from({ length: ns }, (_, st) => `sq(yn[${st}] - z${s - 2}[${st}])`).join(' + ');
    lines.push('  out.stiff_den = -1.0;', `  if (run.detect_stiff != 0u) { out.stiff_num = h * h * (${num}); out.stiff_den = ${den}; }`);
  } else {
    lines.push('  out.stiff_den = -1.0;');
  }
  const e = tab.e;
  lines.push(...errorNormLines(ns, (st) => {
    const comb = combination(e, k, st);
    return comb ? `h * (${comb})` : null;
  }));
  lines.push('  out.y = yn;', '  return out;', '}');
  return lines.join('\n');
}

/** adaptive_step for a Rosenbrock tableau (transformed form, see RosenbrockTableau). */
export function rosenbrockStepGlue(tab: RosenbrockTableau, ns: number): string {
  const K = (j: number) => `u${j}`;
  const lines = [
    'fn adaptive_step(t: f32, h: f32, y: model_state, k0: model_state, p: model_params, c: model_covs, inf: model_state) -> StepOut {',
    '  var out: StepOut;',
    '  out.stiff_den = -1.0;',
    `  let lu = lu_factor(h * ${lit(tab.gamma)}, model_jac(t, y, p, c));`,
    '  // a singular G fails the attempt, as a non-finite error does (the CPU engine: NaN)',
    '  if (!lu.ok) { out.y = y; out.err = CTL_ATTEMPT_FAILED; return out; }',
    '  let ft = dfdt(t, y, k0, p, c, inf);',
  ];
  for (let i = 0; i < tab.stages; i++) {
    let f: string;
    if (i === 0) f = 'k0';
    else if (!tab.newF[i]) f = `f${i - 1}`;
    else {
      lines.push(...axpyLines(`z${i}`, tab.a[i]!, K, ns, '1.0'));
      lines.push(`  let f${i} = rhs_full(t + ${lit(tab.alpha[i]!)} * h, z${i}, p, c, inf);`);
      f = `f${i}`;
    }
    if (i === 0) lines.push('  let f0 = k0;');
    else if (!tab.newF[i]) lines.push(`  let f${i} = ${f};`);
    lines.push(`  var r${i}: model_state;`);
    for (let st = 0; st < ns; st++) {
      const cc = combination(tab.c[i]!, K, st);
      const parts = [`f${i}[${st}]`];
      if (cc) parts.push(`(${cc}) / h`);
      if (tab.gammaSum[i] !== 0) parts.push(`h * ${lit(tab.gammaSum[i]!)} * ft[${st}]`);
      lines.push(`  r${i}[${st}] = ${parts.join(' + ')};`);
    }
    lines.push(`  let u${i} = lu_solve(lu, r${i});`);
  }
  lines.push(...axpyLines('yn', tab.m, K, ns, '1.0'));
  const e = tab.e;
  lines.push(...errorNormLines(ns, (st) => combination(e, K, st)));
  lines.push('  out.y = yn;', '  return out;', '}');
  return lines.join('\n');
}

/** What shaders/adaptive.wgsl needs besides the step: FSAL, sq() and the step controller for order q. */
export function controllerGlue(fsal: boolean, q: number, constants: ControllerConstants): string {
  return [`const FSAL: bool = ${fsal};`, 'fn sq(x: f32) -> f32 { return x * x; }', controllerWgsl(q, constants)].join('\n');
}

export { STEP_OUT };
