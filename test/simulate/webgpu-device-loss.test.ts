// Device loss: the request in flight still completes — on a recreated device, or on the CPU
// backend when no new device can be had — with correct results, and the backend says so.
import { afterAll, describe, expect, it } from 'vitest';
import { getNodeGpu } from '../helpers/gpu.ts';
import { createWebGpuBackend } from '../../src/simulate/webgpu/backend.ts';
import { createCpuBackend } from '../../src/simulate/cpu/backend.ts';
import { compileSpec } from '../../src/model/compile.ts';
import { oralPkExact } from './webgpu-models.ts';
import spec from '../../public/examples/models/pk-1cmt-oral.json';

const model = compileSpec(spec);
const n = 48;
const params = new Float64Array(3 * n);
for (let i = 0; i < n; i++) params.set([0.5 + 0.05 * i, 3 + 0.1 * i, 40 + i], 3 * i);
const times = Float64Array.from([0.5, 1, 2, 4, 8, 12, 24]);
const req = { model, params, times, solver: { method: 'dopri5' as const, rtol: 1e-6, atol: 1e-9 } };

function expectExact(outputs: Float64Array) {
  for (let i = 0; i < n; i++) {
    times.forEach((t, k) => {
      const want = oralPkExact(params[3 * i]!, params[3 * i + 1]!, params[3 * i + 2]!, 100, [0], t);
      expect(Math.abs(outputs[i * times.length + k]! - want) / want).toBeLessThan(1e-4);
    });
  }
}

const devices: GPUDevice[] = [];
afterAll(() => { for (const d of devices) d.destroy(); });

describe('WebGPU device loss', () => {
  it('a device destroyed mid-request is recreated and the request completes', async () => {
    const gpu = await getNodeGpu();
    const device = await (await gpu.requestAdapter())!.requestDevice();
    devices.push(device);
    const notices: string[] = [];
    const backend = await createWebGpuBackend({ gpu, device, onNotice: (m) => notices.push(m), fallback: null });
    const pending = backend.simulate(req);
    device.destroy();
    const r = await pending;
    expect(r.backend).toBe('webgpu');
    expectExact(r.outputs);
    expect(notices.join('\n')).toMatch(/lost.*new device/);
    // later requests run on the new device
    const again = await backend.simulate(req);
    expect(again.backend).toBe('webgpu');
    expect(again.outputs).toEqual(r.outputs);
    await backend.dispose();
  });

  it('without a new device the request (and later ones) go to the CPU backend', async () => {
    const gpu = await getNodeGpu();
    const device = await (await gpu.requestAdapter())!.requestDevice();
    devices.push(device);
    const notices: string[] = [];
    const backend = await createWebGpuBackend({
      gpu: { requestAdapter: async () => null } as unknown as GPU, // no adapter left after the loss
      device,
      onNotice: (m) => notices.push(m),
      fallback: async () => createCpuBackend({ spawn: null }),
    });
    const first = await backend.simulate(req);
    expect(first.backend).toBe('webgpu');
    const pending = backend.moments({ ...req, groupSize: 8 });
    device.destroy();
    const m = await pending;
    expect(m.backend).toBe('cpu');
    expect(notices.join('\n')).toMatch(/continuing on the CPU backend/);
    expect(backend.description).toMatch(/WebGPU lost/);
    const r = await backend.simulate(req);
    expect(r.backend).toBe('cpu');
    expectExact(r.outputs);
    for (let k = 0; k < r.outputs.length; k++) expect(Math.abs(first.outputs[k]! - r.outputs[k]!) / r.outputs[k]!).toBeLessThan(1e-4);
    await backend.dispose();
  });
});
