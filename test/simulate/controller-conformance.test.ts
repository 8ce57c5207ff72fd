// The CPU and GPU step controllers cannot drift apart: (1) the generated WGSL controller
// (controllerWgsl) and the TypeScript one (controller.ts) map the same state and error norm to
// the same decision, step and next state, case by case; (2) the real adaptive loops of both
// backends take the same numbers of accepted and rejected steps on the same problems.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { getNodeGpu } from '../helpers/gpu.ts';
import {
  acceptsStep, acceptStep, isLastStep, LOG_ERR_PREV_MIN, minStepIn, newStepControl, rejectStep, WGSL_CONTROLLER,
} from '../../src/simulate/controller.ts';
import { controllerWgsl } from '../../src/model/codegen/wgsl-controller.ts';
import { createWebGpuBackend, type WebGpuBackend } from '../../src/simulate/webgpu/backend.ts';
import { createCpuBackend } from '../../src/simulate/cpu/backend.ts';
import { compileSpec } from '../../src/model/compile.ts';
import type { ModelSpec } from '../../src/model/spec.ts';
import type { Method } from '../../src/simulate/types.ts';

const F = 8; // floats per case, in and out

/** One controller decision: the GPU's, from the generated WGSL. */
const DRIVER = `
@group(0) @binding(0) var<storage, read> cases: array<f32>;
@group(0) @binding(1) var<storage, read_write> res: array<f32>;
fn flag(x: bool) -> f32 { return select(0.0, 1.0, x); }
@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let b = gid.x * ${F}u;
  if (b >= arrayLength(&cases)) { return; }
  var ctl = ctl_new(cases[b]);
  ctl.log_err_prev = cases[b + 1u];
  ctl.after_reject = cases[b + 2u] != 0.0;
  let t = cases[b + 3u];
  let t_end = cases[b + 4u];
  let err = cases[b + 5u];
  let last = ctl_is_last_step(t, ctl.h_prop, t_end);
  let h = select(ctl.h_prop, t_end - t, last);
  let ok = ctl_accepts_step(err);
  if (ok) { ctl_accept_step(&ctl, err, h, last); } else { ctl_reject_step(&ctl, err, h); }
  res[b] = flag(last);
  res[b + 1u] = h;
  res[b + 2u] = flag(ok);
  res[b + 3u] = ctl.h_prop;
  res[b + 4u] = ctl.log_err_prev;
  res[b + 5u] = flag(ctl.after_reject);
  res[b + 6u] = flag(ctl.last_non_finite);
  res[b + 7u] = flag(!last && h < ctl_min_step(t));
}`;

/** The same decision on the CPU, with the TypeScript controller. */
function cpuDecision(c: Float32Array, b: number, q: number): number[] {
  const ctl = newStepControl(c[b]!);
  ctl.logErrPrev = c[b + 1]!;
  ctl.afterReject = c[b + 2] !== 0;
  const t = c[b + 3]!;
  const tEnd = c[b + 4]!;
  // the GPU's failed-attempt marker (−1) is the CPU's NaN
  const err = c[b + 5]! < 0 ? NaN : c[b + 5]!;
  const last = isLastStep(t, ctl.hProp, tEnd);
  const h = last ? tEnd - t : ctl.hProp;
  const ok = acceptsStep(err);
  if (ok) acceptStep(ctl, err, h, last, q); else rejectStep(ctl, err, h, q);
  return [+last, h, +ok, ctl.hProp, ctl.logErrPrev, +ctl.afterReject, +ctl.lastNonFinite, +(!last && h < minStepIn('f32', t))];
}

/** Seeded cases: accepted and rejected, growing and shrinking, landing on a stop or not, failed attempts, underflows. */
function makeCases(count: number): Float32Array {
  let s = 12345;
  const rnd = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
  const c = new Float32Array(count * F);
  for (let i = 0; i < count; i++) {
    const b = i * F;
    // every 11th proposal is below the f32 step floor at t ≈ 1 … 10 (an underflow)
    const tiny = i % 11 === 5;
    const hProp = tiny ? 10 ** (-8 + 2 * rnd()) : 10 ** (-4 + 4 * rnd());
    const t = 1 + 9 * rnd();
    // a third of the cases have the stop within the proposal (a last step, often shortened); not
    // the tiny ones, where f32 cannot resolve t + h from t at all
    const tEnd = i % 3 === 0 && !tiny ? t + hProp * (0.2 + rnd()) : t + (tiny ? 1 : hProp * (2 + 10 * rnd()));
    const kind = i % 7;
    const err = kind === 0 ? -1 : kind === 1 ? NaN : kind === 2 ? 0 : 10 ** (-6 + 8 * rnd());
    c.set([hProp, i % 5 === 0 ? LOG_ERR_PREV_MIN : -8 * rnd(), i % 4 === 0 ? 1 : 0, t, tEnd, err, 0, 0], b);
  }
  return c;
}

let gpuDevice: GPUDevice;
beforeAll(async () => {
  const adapter = await (await getNodeGpu()).requestAdapter();
  gpuDevice = await adapter!.requestDevice();
});
afterAll(() => gpuDevice?.destroy());

async function gpuDecisions(cases: Float32Array, q: number): Promise<Float32Array> {
  const device = gpuDevice;
  const module = device.createShaderModule({ code: `${controllerWgsl(q, WGSL_CONTROLLER)}\n${DRIVER}` });
  const info = await module.getCompilationInfo();
  expect(info.messages.filter((m) => m.type === 'error').map((m) => m.message)).toEqual([]);
  const pipeline = device.createComputePipeline({ layout: 'auto', compute: { module, entryPoint: 'main' } });
  const input = device.createBuffer({ size: cases.byteLength, usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST });
  device.queue.writeBuffer(input, 0, cases.buffer as ArrayBuffer, cases.byteOffset, cases.byteLength);
  const output = device.createBuffer({ size: cases.byteLength, usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC });
  const read = device.createBuffer({ size: cases.byteLength, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
  const bind = device.createBindGroup({ layout: pipeline.getBindGroupLayout(0), entries: [input, output].map((buffer, binding) => ({ binding, resource: { buffer } })) });
  const enc = device.createCommandEncoder();
  const pass = enc.beginComputePass();
  pass.setPipeline(pipeline);
  pass.setBindGroup(0, bind);
  pass.dispatchWorkgroups(Math.ceil(cases.length / F / 64));
  pass.end();
  enc.copyBufferToBuffer(output, 0, read, 0, cases.byteLength);
  device.queue.submit([enc.finish()]);
  await read.mapAsync(GPUMapMode.READ);
  const out = new Float32Array(read.getMappedRange().slice(0));
  for (const b of [input, output, read]) b.destroy();
  return out;
}

describe('the generated WGSL controller decides as the TypeScript one', () => {
  for (const q of [4, 5]) {
    it(`q = ${q}: same acceptance, step, landing, next proposal, PI memory and flags on 700 cases`, async () => {
      const cases = makeCases(700);
      const gpu = await gpuDecisions(cases, q);
      const names = ['last', 'h', 'accepted', 'hProp', 'logErrPrev', 'afterReject', 'lastNonFinite', 'underflow'];
      let checkedAccepts = 0;
      let checkedRejects = 0;
      let underflows = 0;
      for (let i = 0; i < cases.length / F; i++) {
        const b = i * F;
        const cpu = cpuDecision(cases, b, q);
        for (let k = 0; k < F; k++) {
          const where = `case ${i} (${Array.from(cases.subarray(b, b + 6)).join(', ')}): ${names[k]}`;
          const g = gpu[b + k]!;
          const c = cpu[k]!;
          if ([0, 2, 5, 6, 7].includes(k)) expect(g, where).toBe(c);
          else expect(Math.abs(g - c), where).toBeLessThanOrEqual(2e-6 * Math.max(Math.abs(c), 1e-30) + (k === 4 ? 2e-6 : 0));
        }
        if (cpu[2]) checkedAccepts++; else checkedRejects++;
        underflows += cpu[7]!;
      }
      expect(checkedAccepts).toBeGreaterThan(100);
      expect(checkedRejects).toBeGreaterThan(100);
      expect(underflows).toBeGreaterThan(20);
    });
  }
});

/**
 * The real loops end to end (cpu/adaptive.ts and the generated kernels vs shaders/adaptive.wgsl),
 * same first step, same tolerances. f32 arithmetic can tip a decision near err = 1 or change the
 * growth factor where err is rounding noise (tiny steps of smooth PK problems: a few % more GPU
 * steps there), so these are problems where f32 does not tip any: thousands of steps, rejections,
 * doses and stops, all three adaptive methods.
 */
describe('CPU and WebGPU adaptive loops take the same steps on the same problem', () => {
  let gpu: WebGpuBackend;
  const cpu = createCpuBackend({ spawn: null });
  beforeAll(async () => { gpu = await createWebGpuBackend({ gpu: await getNodeGpu() }); });
  afterAll(async () => { await gpu?.dispose(); await cpu.dispose(); });

  const cases: { name: string; T: number; methods: Method[] }[] = [
    { name: 'disease-progression', T: 24, methods: ['tsit5', 'dopri5', 'rosenbrock'] },
    { name: 'pk-tmdd', T: 24, methods: ['rosenbrock', 'dopri5'] },
    { name: 'epi-sir', T: 120, methods: ['rosenbrock', 'dopri5'] },
    { name: 'growth-logistic', T: 24, methods: ['rosenbrock', 'dopri5'] },
  ];
  for (const { name, T, methods } of cases) {
    for (const method of methods) {
      it(`${name}, ${method}: the same accepted and rejected steps`, async () => {
        const spec = JSON.parse(readFileSync(`public/examples/models/${name}.json`, 'utf8')) as ModelSpec;
        const model = compileSpec(spec);
        const nP = spec.parameters.length;
        const n = 4;
        const params = new Float64Array(n * nP);
        for (let i = 0; i < n; i++) {
          spec.parameters.forEach((p, j) => {
            const median = p.prior.type === 'lognormal' ? p.prior.median : Math.sqrt(p.prior.lower * p.prior.upper);
            params[i * nP + j] = median * Math.exp(0.3 * Math.sin(1.3 * i + 0.7 * j));
          });
        }
        // DOPRI5 on the CPU interpolates between outputs (dense output), so it gets only the end
        const times = method === 'dopri5' ? [0, T] : [0, T / 8, T / 4, T / 2, T];
        for (const rtol of [1e-3, 1e-4]) {
          const req = { model, params, times: Float64Array.from(times), solver: { method, rtol, atol: rtol * 1e-2, h0: T * 1e-3 } };
          const [g, c] = await Promise.all([gpu.simulate(req), cpu.simulate(req)]);
          expect(c.stats.accepted).toBeGreaterThan(4 * 8);
          expect({ accepted: g.stats.accepted, rejected: g.stats.rejected }, `rtol ${rtol}`).toEqual({ accepted: c.stats.accepted, rejected: c.stats.rejected });
        }
      });
    }
  }
});
