// Chunking: an ensemble three times larger than one storage binding, and a 2-D dispatch, give
// exactly the results of one big chunk; the chunk planner keeps groups whole.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getNodeGpu } from '../helpers/gpu.ts';
import { createWebGpuBackend, type WebGpuBackend } from '../../src/simulate/webgpu/backend.ts';
import { dispatchShape, planChunks } from '../../src/simulate/webgpu/chunking.ts';
import { decay, oralPk } from './webgpu-models.ts';

let device: GPUDevice;
let whole: WebGpuBackend;
beforeAll(async () => {
  const adapter = await (await getNodeGpu()).requestAdapter();
  device = await adapter!.requestDevice();
  whole = await createWebGpuBackend({ device });
});
afterAll(async () => { await whole?.dispose(); device?.destroy(); });

const caps = { maxStorageBufferBindingSize: 1000, maxBufferSize: 4000, maxComputeWorkgroupsPerDimension: 4 };

describe('chunk planning', () => {
  it('splits by the smallest of binding and buffer size, keeping whole groups', () => {
    expect(planChunks(100, 40, caps, 256)).toEqual([
      { start: 0, count: 25 }, { start: 25, count: 25 }, { start: 50, count: 25 }, { start: 75, count: 25 }]);
    expect(planChunks(100, 40, caps, 256, 10).map((c) => c.count)).toEqual([20, 20, 20, 20, 20]);
    expect(planChunks(0, 40, caps, 256)).toEqual([]);
  });
  it('limits a chunk to what one 2-D dispatch can address', () => {
    const wide = { ...caps, maxStorageBufferBindingSize: 1e9, maxBufferSize: 1e9 };
    expect(planChunks(10_000, 4, wide, 256).map((c) => c.count)).toEqual([4096, 4096, 1808]);
    expect(dispatchShape(4096, 256, 4)).toEqual({ x: 4, y: 4, rowWidth: 1024 });
    expect(dispatchShape(300, 256, 65535)).toEqual({ x: 2, y: 1, rowWidth: 512 });
  });
  it('refuses a group that cannot fit one binding, naming the sizes', () => {
    expect(() => planChunks(100, 40, caps, 256, 50)).toThrow(/group of 50 trajectories \(2000 bytes\).*1000 bytes/);
  });
});

describe('chunked ensembles on the device', () => {
  const model = oralPk([0, 6]);
  const n = 600;
  const params = new Float64Array(3 * n);
  for (let i = 0; i < n; i++) params.set([0.5 + (i % 17) * 0.1, 1 + (i % 7) * 0.3, 10 + (i % 11)], 3 * i);
  const times = Float64Array.from([0.5, 1, 2, 3, 4, 6, 8, 10, 12, 16, 20, 24]);
  const solver = { method: 'dopri5' as const, rtol: 1e-6, atol: 1e-9 };

  it('three bindings’ worth of outputs: same results as one chunk', async () => {
    // 12 times × 4 bytes = 48 bytes of outputs per trajectory: 200 per 9600-byte binding
    const small = await createWebGpuBackend({ device, maxBindingBytes: 9600 });
    const prep = await small.prepare({ model, params, times, solver });
    expect(prep.chunks).toBe(3);
    const a = await whole.simulate({ model, params, times, solver });
    const b = await small.simulate({ model, params, times, solver });
    expect(b.outputs).toEqual(a.outputs);
    expect(b.status).toEqual(a.status);
    expect(b.stats).toEqual(a.stats);
    expect(a.outputs.some(Number.isNaN)).toBe(false);
    prep.destroy();
    const ma = await whole.moments({ model, params, times, solver, groupSize: 50 });
    const mb = await small.moments({ model, params, times, solver, groupSize: 50 });
    expect(mb.mean).toEqual(ma.mean);
    expect(mb.cov).toEqual(ma.cov);
    expect(mb.m22).toEqual(ma.m22);
    expect(mb.m12).toEqual(ma.m12);
    expect(Array.from(mb.okCount)).toEqual(Array(12).fill(50));
    await small.dispose();
  });

  it('compiles one pipeline per model × method × saved quantity and reuses it', async () => {
    const before = whole.cachedPipelines;
    await whole.simulate({ model, params, times, solver });
    const after = whole.cachedPipelines;
    await whole.simulate({ model, params: params.map((v) => v * 1.01), times: times.subarray(0, 5), solver: { ...solver, rtol: 1e-5 } });
    expect(whole.cachedPipelines).toBe(after); // new parameters, times, tolerances: same pipeline
    await whole.simulate({ model, params, times, solver: { method: 'tsit5' } });
    expect(whole.cachedPipelines).toBe(after + 1);
    await whole.simulate({ model, params, times, solver, save: 'states' });
    expect(whole.cachedPipelines).toBe(after + 2);
    expect(after).toBeGreaterThanOrEqual(before);
  });

  it('2-D dispatches address every trajectory once', async () => {
    const big = 1200;
    const p = new Float64Array(2 * big);
    for (let i = 0; i < big; i++) p.set([0.001 * i, 1 + i], 2 * i);
    const t = Float64Array.from([1, 2]);
    const narrow = await createWebGpuBackend({ device, maxWorkgroupsPerDimension: 2 }); // 1024 + 176, the first 2 × 2
    const a = await whole.simulate({ model: decay, params: p, times: t, solver: { method: 'rk4', steps: 20 } });
    const b = await narrow.simulate({ model: decay, params: p, times: t, solver: { method: 'rk4', steps: 20 } });
    expect(b.outputs).toEqual(a.outputs);
    for (let i = 0; i < big; i += 97) expect(Math.abs(b.outputs[2 * i + 1]! / ((1 + i) * Math.exp(-0.002 * i)) - 1)).toBeLessThan(1e-5);
    await narrow.dispose();
  });
});
