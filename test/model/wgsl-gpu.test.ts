// Generated WGSL compiles and, run on a real WebGPU adapter (Dawn on SwiftShader), agrees with
// the generated JS within a propagated f32 error bound: random expressions, number literals,
// and the full model functions of every example spec.
import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Expr } from '../../src/model/ast.ts';
import { wgslNumber } from '../../src/model/codegen/literals.ts';
import { WGSL_HELPERS, wgslExpression } from '../../src/model/codegen/wgsl.ts';
import { compileModel, compileSpec, jacobianExprs } from '../../src/model/compile.ts';
import { LIMITS } from '../../src/model/limits.ts';
import { inlineObservables } from '../../src/model/codegen/inline.ts';
import { instantiateJs } from '../../src/model/instantiate.ts';
import { evaluate } from '../../src/model/interpret.ts';
import { validateSpec } from '../../src/model/validate.ts';
import { getNodeGpu } from '../helpers/gpu.ts';
import { exprArbitrary } from './arbitrary.ts';
import { mulberry32, NAMED_SYMBOLS, randomInputs, resolvedExpr, resolveNames, SYMBOLS } from './codegen-arbitrary.ts';
import { boundF32, Unreliable, withinF32 } from './wgsl-f32-bound.ts';
import { compileModule, KERNEL_BINDINGS, openDevice, runKernel } from './wgsl-harness.ts';

let device: GPUDevice;
beforeAll(async () => { device = await openDevice(await getNodeGpu()); });
afterAll(() => { device?.destroy(); });

/** Compares GPU values with f64 bounds; returns how many pairs were comparable. */
function compare(label: string, exprs: Expr[], envs: Parameters<typeof evaluate>[1][], gpu: Float32Array): { compared: number; total: number } {
  let compared = 0;
  const failures: string[] = [];
  envs.forEach((env, s) => {
    exprs.forEach((e, k) => {
      let bound;
      try { bound = boundF32(e, env); } catch (err) { if (err instanceof Unreliable) return; throw err; }
      compared++;
      const g = gpu[s * exprs.length + k]!;
      if (!withinF32(g, bound) && failures.length < 5) {
        failures.push(`${label} #${k} at input ${s}: gpu ${g}, f64 ${bound.v} ± ${bound.e}\n  ${wgslExpression(e)}`);
      }
    });
  });
  expect(failures, failures.join('\n')).toEqual([]);
  return { compared, total: envs.length * exprs.length };
}

const ALIASES = `alias model_state = array<f32, ${SYMBOLS.states}>;
alias model_params = array<f32, ${SYMBOLS.params}>;
alias model_covs = array<f32, ${SYMBOLS.covariates}>;
`;
const PER_INPUT = 1 + SYMBOLS.states + SYMBOLS.params + SYMBOLS.covariates;

describe('generated WGSL on a WebGPU adapter', () => {
  it('random expressions agree with JS within the f32 error bound', async () => {
    const exprs = fc.sample(resolvedExpr(5), { numRuns: 150, seed: 11 });
    const rng = mulberry32(5);
    const envs = Array.from({ length: 64 }, () => randomInputs(rng));
    const inputs = new Float32Array(envs.flatMap((x) => [x.t, ...x.y, ...x.p, ...x.c]));
    const fns = exprs.map((e, k) => `fn e${k}(t: f32, y: model_state, p: model_params, c: model_covs) -> f32 { return ${wgslExpression(e)}; }`);
    const load = (name: string, n: number, offset: number): string =>
      Array.from({ length: n }, (_, i) => `  ${name}[${i}] = inputs[b + ${offset + i}u];`).join('\n');
    const code = `${KERNEL_BINDINGS}${ALIASES}${WGSL_HELPERS}${fns.join('\n')}
@compute @workgroup_size(64) fn main(@builtin(global_invocation_id) id: vec3u) {
  let s = id.x;
  if (s >= ${envs.length}u) { return; }
  let b = s * ${PER_INPUT}u;
  let t = inputs[b];
  var y: model_state;
  var p: model_params;
  var c: model_covs;
${load('y', SYMBOLS.states, 1)}
${load('p', SYMBOLS.params, 1 + SYMBOLS.states)}
${load('c', SYMBOLS.covariates, 1 + SYMBOLS.states + SYMBOLS.params)}
${exprs.map((_, k) => `  outputs[s * ${exprs.length}u + ${k}u] = e${k}(t, y, p, c);`).join('\n')}
}`;
    const gpu = await runKernel(device, code, inputs, envs.length * exprs.length, envs.length);
    const { compared, total } = compare('random', exprs, envs, gpu);
    // most pairs must be comparable, or the test says nothing
    expect(compared / total).toBeGreaterThan(0.5);
  });

  it('parser-shaped expressions with extreme literals compile (no constant overflow at shader creation)', async () => {
    const exprs = fc.sample(exprArbitrary(Object.keys(NAMED_SYMBOLS)), { numRuns: 200, seed: 12 }).map(resolveNames);
    const fns = exprs.map((e, k) => `fn e${k}(t: f32, y: model_state, p: model_params, c: model_covs) -> f32 { return ${wgslExpression(e)}; }`);
    const calls = exprs.map((_, k) => `  outputs[${k}] = e${k}(t, y, p, c);`);
    await compileModule(device, `${KERNEL_BINDINGS}${ALIASES}${WGSL_HELPERS}${fns.join('\n')}
@compute @workgroup_size(1) fn main() {
  let t = inputs[0];
  var y: model_state;
  var p: model_params;
  var c: model_covs;
${calls.join('\n')}
}`);
  });

  it('number literals compile and round to the nearest f32 (clamped, subnormals flushed)', async () => {
    const values = [
      0, -0, 1, -1, 2, 0.1, 1 / 3, 1e-7, 123456789, 3.4028234663852886e38, 1e39, -1e300, 1e-39, 1e-300,
      1.1754943508222875e-38, 6.02214076e23, 9.999999e-6, 1234.5678, 65504,
      ...fc.sample(fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e30, max: 1e30 }), { numRuns: 200, seed: 9 }),
    ];
    const code = `${KERNEL_BINDINGS}@compute @workgroup_size(64) fn main(@builtin(global_invocation_id) id: vec3u) {
  if (id.x != 0u) { return; }
${values.map((v, k) => `  outputs[${k}] = ${wgslNumber(v)};`).join('\n')}
}`;
    const gpu = await runKernel(device, code, new Float32Array(4), values.length, 1);
    const F32_MAX = 3.4028234663852886e38;
    values.forEach((v, k) => {
      let expected = Math.fround(Math.max(-F32_MAX, Math.min(F32_MAX, v)));
      if (!Number.isFinite(expected)) expected = Math.sign(v) * F32_MAX;
      if (Math.abs(expected) < 1.1754943508222875e-38) expected = 0;
      expect(gpu[k], `literal ${v} printed as ${wgslNumber(v)}`).toBe(expected);
    });
  });

  it('model_rhs, model_observe, model_jac, model_init, model_dose of every example agree with JS', async () => {
    const dir = 'public/examples/models';
    const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
    expect(files.length).toBeGreaterThan(0);
    let compared = 0;
    let total = 0;
    for (const file of files) {
      const v = validateSpec(readFileSync(`${dir}/${file}`, 'utf8'));
      const c = compileModel(v);
      const js = instantiateJs(c);
      const nS = v.states.length, nP = v.parameters.length, nC = v.covariates.length, nO = v.observables.length;
      const rng = mulberry32(17);
      const envs = Array.from({ length: 64 }, () => ({
        t: Math.fround(rng() * 24),
        y: Array.from({ length: nS }, () => Math.fround(Math.exp((rng() - 0.3) * 5))),
        p: v.parameters.map((p) => Math.fround(medianOf(p.prior) * Math.exp((rng() - 0.5) * 1.5))),
        c: v.covariates.map((cv) => Math.fround((cv.default || 1) * (0.5 + rng()))),
      }));
      // the f64 expressions each output stands for, in kernel output order
      const obs = v.observables.map((o) => o.expr);
      const exprs: Expr[] = [
        ...v.equations,
        ...obs.map((e) => inlineObservables(e, obs)),
        ...jacobianExprs(v),
        ...v.states.map((s) => s.initial),
      ];
      const nDose = c.nDoseExprs;
      const inputs = new Float32Array(envs.flatMap((x) => [x.t, ...x.y, ...x.p, ...x.c]));
      const per = 1 + nS + nP + nC;
      const nOut = exprs.length + nDose;
      const code = `${KERNEL_BINDINGS}${c.wgsl}
@compute @workgroup_size(64) fn main(@builtin(global_invocation_id) id: vec3u) {
  let s = id.x;
  if (s >= ${envs.length}u) { return; }
  let b = s * ${per}u;
  let t = inputs[b];
  var y: model_state;
  var p: model_params;
  var c: model_covs;
  for (var i = 0u; i < ${nS}u; i++) { y[i] = inputs[b + 1u + i]; }
  for (var i = 0u; i < ${nP}u; i++) { p[i] = inputs[b + ${1 + nS}u + i]; }
  for (var i = 0u; i < ${nC}u; i++) { c[i] = inputs[b + ${1 + nS + nP}u + i]; }
  let o = s * ${nOut}u;
  let dy = model_rhs(t, y, p, c);
  for (var i = 0u; i < ${nS}u; i++) { outputs[o + i] = dy[i]; }
  let ob = model_observe(t, y, p, c);
  for (var i = 0u; i < ${nO}u; i++) { outputs[o + ${nS}u + i] = ob[i]; }
  let J = model_jac(t, y, p, c);
  for (var i = 0u; i < ${nS * nS}u; i++) { outputs[o + ${nS + nO}u + i] = J[i]; }
  let y0 = model_init(p, c);
  for (var i = 0u; i < ${nS}u; i++) { outputs[o + ${nS + nO + nS * nS}u + i] = y0[i]; }
  for (var k = 0u; k < ${nDose}u; k++) { outputs[o + ${exprs.length}u + k] = model_dose(k, p, c); }
}`;
      const gpu = await runKernel(device, code, inputs, envs.length * nOut, envs.length);
      // the JS functions produce the f64 values the bounds are centred on
      envs.forEach((x) => {
        const dy = new Float64Array(nS), out = new Float64Array(nO), J = new Float64Array(nS * nS), y0 = new Float64Array(nS);
        const y = Float64Array.from(x.y), p = Float64Array.from(x.p), cv = Float64Array.from(x.c);
        js.rhs(x.t, y, p, cv, dy);
        js.observe(x.t, y, p, cv, out);
        js.jac(x.t, y, p, cv, J);
        js.init(p, cv, y0);
        const jsValues = [...dy, ...out, ...J, ...y0];
        exprs.forEach((e, k) => expect(jsValues[k]).toBe(evaluate(e, x)));
      });
      const doseExprs = Array.from({ length: nDose }, (_, k) => doseExpr(v, c, k));
      const result = compare(file, [...exprs, ...doseExprs], envs, gpu);
      compared += result.compared;
      total += result.total;
    }
    expect(compared / total).toBeGreaterThan(0.8);
  });
});

describe('generated WGSL at the validator limits', () => {
  it('expressions nested as deep as validation allows compile (deep subexpressions are hoisted into lets)', async () => {
    const shapes: ((d: number) => string)[] = [
      (d) => { let e = 'x'; for (let i = 0; i < d; i++) e = `(${e} * k + 1)`; return e; },
      (d) => { let e = 'x'; for (let i = 0; i < d; i++) e = `-${e}`; return e; },
      (d) => { let e = 'x'; for (let i = 0; i < d; i++) e = `hill(${e}, k, 2)`; return e; },
      (d) => { let e = 'x'; for (let i = 0; i < d; i++) e = `(${e})^2.5 / (1 + x)`; return e; },
    ];
    for (const shape of shapes) {
      // the deepest nesting the validator accepts for this shape
      let depth = LIMITS.expressionDepth;
      let compiled: ReturnType<typeof compileSpec> | undefined;
      while (!compiled && depth > 0) {
        try {
          compiled = compileSpec({
            name: 'deep', states: [{ name: 'x', initial: '1' }],
            parameters: [{ name: 'k', prior: { type: 'lognormal', median: 1, gsd: 2 } }],
            equations: { x: shape(depth) }, observables: [{ name: 'o', expression: shape(depth) }],
            doses: [{ type: 'bolus', state: 'x', amount: shape(depth).replace(/x/g, 'k'), time: 0 }],
          });
        } catch { depth--; }
      }
      expect(depth).toBeGreaterThan(LIMITS.expressionDepth / 4);
      await compileModule(device, `${compiled!.wgsl}
@compute @workgroup_size(1) fn main() {
  let j = model_jac(0.0, model_state(1.0), model_params(1.0), model_covs(0.0));
  let r = model_rhs(0.0, model_state(1.0), model_params(1.0), model_covs(0.0));
  let o = model_observe(0.0, model_state(1.0), model_params(1.0), model_covs(0.0));
  let d = model_dose(0u, model_params(1.0), model_covs(0.0));
}`);
      expect(compiled!.wgsl).toMatch(/let model_t0 = /);
    }
  });
});

function medianOf(prior: { type: string; median?: number; lower?: number; upper?: number }): number {
  if (prior.type === 'lognormal') return prior.median!;
  return Math.sqrt(prior.lower! * prior.upper!);
}

/** The amount/rate expression behind dose index k. */
function doseExpr(v: ReturnType<typeof validateSpec>, c: ReturnType<typeof compileModel>, k: number): Expr {
  const i = c.doses.findIndex((d) => (d.kind === 'bolus' ? d.amountIndex : d.rateIndex) === k);
  return v.doses[i]!.expr;
}
