// Standalone check (not part of the suite) of generated WGSL against JS on whatever adapter
// Node's `webgpu` finds — for a real GPU: bundle with esbuild and run with node (see
// docs/codegen.md). Prints a JSON summary; exit code 1 when any comparison fails.
import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import type { Expr } from '../../src/model/ast.ts';
import { inlineObservables } from '../../src/model/codegen/inline.ts';
import { wgslNumber } from '../../src/model/codegen/literals.ts';
import { WGSL_HELPERS, wgslExpression } from '../../src/model/codegen/wgsl.ts';
import { compileModel, jacobianExprs } from '../../src/model/compile.ts';
import type { EvalEnv } from '../../src/model/interpret.ts';
import { validateSpec } from '../../src/model/validate.ts';
import { mulberry32, randomInputs, resolvedExpr, SYMBOLS } from './codegen-arbitrary.ts';
import { boundF32, Unreliable, withinF32 } from './wgsl-f32-bound.ts';
import { KERNEL_BINDINGS, openDevice, runKernel } from './wgsl-harness.ts';

interface Tally { compared: number; total: number; failed: string[] }

function compare(label: string, exprs: Expr[], envs: EvalEnv[], gpu: Float32Array, tally: Tally): void {
  envs.forEach((env, s) => exprs.forEach((e, k) => {
    tally.total++;
    let b;
    try { b = boundF32(e, env); } catch (err) { if (err instanceof Unreliable) return; throw err; }
    tally.compared++;
    const g = gpu[s * exprs.length + k]!;
    if (!withinF32(g, b)) tally.failed.push(`${label} #${k} input ${s}: gpu ${g} vs ${b.v} ± ${b.e}: ${wgslExpression(e).slice(0, 300)}`);
  }));
}

async function main(): Promise<void> {
  const webgpu = await import('webgpu');
  Object.assign(globalThis, webgpu.globals);
  const gpu = webgpu.create([]) as GPU;
  const adapter = await gpu.requestAdapter();
  const info = adapter?.info;
  const device = await openDevice(gpu);
  const random: Tally = { compared: 0, total: 0, failed: [] };
  const models: Tally = { compared: 0, total: 0, failed: [] };
  const literals: Tally = { compared: 0, total: 0, failed: [] };

  // random expressions, several batches
  const PER = 1 + SYMBOLS.states + SYMBOLS.params + SYMBOLS.covariates;
  for (let batch = 0; batch < 8; batch++) {
    const exprs = fc.sample(resolvedExpr(5), { numRuns: 150, seed: 100 + batch });
    const rng = mulberry32(batch + 1);
    const envs = Array.from({ length: 256 }, () => randomInputs(rng));
    const inputs = new Float32Array(envs.flatMap((x) => [x.t, ...x.y, ...x.p, ...x.c]));
    const load = (name: string, n: number, off: number): string => Array.from({ length: n }, (_, i) => `  ${name}[${i}] = inputs[b + ${off + i}u];`).join('\n');
    const code = `${KERNEL_BINDINGS}alias model_state = array<f32, ${SYMBOLS.states}>;
alias model_params = array<f32, ${SYMBOLS.params}>;
alias model_covs = array<f32, ${SYMBOLS.covariates}>;
${WGSL_HELPERS}${exprs.map((e, k) => `fn e${k}(t: f32, y: model_state, p: model_params, c: model_covs) -> f32 { return ${wgslExpression(e)}; }`).join('\n')}
@compute @workgroup_size(64) fn main(@builtin(global_invocation_id) id: vec3u) {
  let s = id.x;
  if (s >= ${envs.length}u) { return; }
  let b = s * ${PER}u;
  let t = inputs[b];
  var y: model_state; var p: model_params; var c: model_covs;
${load('y', SYMBOLS.states, 1)}
${load('p', SYMBOLS.params, 1 + SYMBOLS.states)}
${load('c', SYMBOLS.covariates, 1 + SYMBOLS.states + SYMBOLS.params)}
${exprs.map((_, k) => `  outputs[s * ${exprs.length}u + ${k}u] = e${k}(t, y, p, c);`).join('\n')}
}`;
    compare(`batch ${batch}`, exprs, envs, await runKernel(device, code, inputs, envs.length * exprs.length, envs.length), random);
  }

  // literals
  const values = [0, 1, 0.1, 1 / 3, 1e-7, 3.4028234663852886e38, 1e39, -1e300, 1e-39, 6.02214076e23,
    ...fc.sample(fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e30, max: 1e30 }), { numRuns: 300, seed: 9 })];
  const lit = await runKernel(device, `${KERNEL_BINDINGS}@compute @workgroup_size(64) fn main(@builtin(global_invocation_id) id: vec3u) {
  if (id.x != 0u) { return; }
${values.map((v, k) => `  outputs[${k}] = ${wgslNumber(v)};`).join('\n')}
}`, new Float32Array(4), values.length, 1);
  values.forEach((v, k) => {
    literals.total++; literals.compared++;
    const M = 3.4028234663852886e38;
    let want = Math.fround(Math.max(-M, Math.min(M, v)));
    if (Math.abs(want) < 1.1754943508222875e-38) want = 0;
    if (lit[k] !== want) literals.failed.push(`${v} as ${wgslNumber(v)} → ${lit[k]}`);
  });

  // every example model
  const dir = 'public/examples/models';
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    const v = validateSpec(readFileSync(`${dir}/${file}`, 'utf8'));
    const c = compileModel(v);
    const nS = v.states.length, nP = v.parameters.length, nC = v.covariates.length, nO = v.observables.length;
    const rng = mulberry32(17);
    const envs = Array.from({ length: 256 }, () => ({
      t: Math.fround(rng() * 24),
      y: Array.from({ length: nS }, () => Math.fround(Math.exp((rng() - 0.3) * 5))),
      p: v.parameters.map((p) => Math.fround((p.prior.type === 'lognormal' ? p.prior.median : Math.sqrt(p.prior.lower * p.prior.upper)) * Math.exp((rng() - 0.5) * 1.5))),
      c: v.covariates.map((cv) => Math.fround((cv.default || 1) * (0.5 + rng()))),
    }));
    const obs = v.observables.map((o) => o.expr);
    const exprs = [...v.equations, ...obs.map((e) => inlineObservables(e, obs)), ...jacobianExprs(v)];
    const per = 1 + nS + nP + nC;
    const code = `${KERNEL_BINDINGS}${c.wgsl}
@compute @workgroup_size(64) fn main(@builtin(global_invocation_id) id: vec3u) {
  let s = id.x;
  if (s >= ${envs.length}u) { return; }
  let b = s * ${per}u;
  let t = inputs[b];
  var y: model_state; var p: model_params; var c: model_covs;
  for (var i = 0u; i < ${nS}u; i++) { y[i] = inputs[b + 1u + i]; }
  for (var i = 0u; i < ${nP}u; i++) { p[i] = inputs[b + ${1 + nS}u + i]; }
  for (var i = 0u; i < ${nC}u; i++) { c[i] = inputs[b + ${1 + nS + nP}u + i]; }
  let o = s * ${exprs.length}u;
  let dy = model_rhs(t, y, p, c);
  for (var i = 0u; i < ${nS}u; i++) { outputs[o + i] = dy[i]; }
  let ob = model_observe(t, y, p, c);
  for (var i = 0u; i < ${nO}u; i++) { outputs[o + ${nS}u + i] = ob[i]; }
  let J = model_jac(t, y, p, c);
  for (var i = 0u; i < ${nS * nS}u; i++) { outputs[o + ${nS + nO}u + i] = J[i]; }
}`;
    const inputs = new Float32Array(envs.flatMap((x) => [x.t, ...x.y, ...x.p, ...x.c]));
    compare(file, exprs, envs, await runKernel(device, code, inputs, envs.length * exprs.length, envs.length), models);
  }
  device.destroy();
  const summary = (t: Tally) => ({ compared: t.compared, total: t.total, failed: t.failed.length, examples: t.failed.slice(0, 10) });
  const result = { adapter: info ? `${info.vendor} ${info.architecture} ${info.device} ${info.description}` : 'unknown', random: summary(random), literals: summary(literals), models: summary(models) };
  console.log(JSON.stringify(result, null, 2));
  process.exit(random.failed.length + literals.failed.length + models.failed.length > 0 ? 1 : 0);
}

main().catch((err: unknown) => { console.error(err); process.exit(2); });
