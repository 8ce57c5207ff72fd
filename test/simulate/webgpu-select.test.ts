// Backend selection (WebGPU when an adapter exists, else CPU with the reason; forcing either) and
// the Comlink worker client, driven over a real MessageChannel.
import { describe, expect, it } from 'vitest';
import { expose } from 'comlink';
import { getNodeGpu } from '../helpers/gpu.ts';
import { selectBackend } from '../../src/simulate/select.ts';
import { gpuWorkerApi } from '../../src/simulate/webgpu/worker-api.ts';
import { createWebGpuWorkerBackend } from '../../src/simulate/webgpu/client.ts';
import { compileSpec } from '../../src/model/compile.ts';
import spec from '../../public/examples/models/decay-exponential.json';

const noAdapter = { requestAdapter: async () => null } as unknown as GPU;
const model = compileSpec(spec);
const params = Float64Array.from({ length: 2 * 16 }, (_, q) => (q % 2 ? 100 + q : 0.1 + q / 100));
const times = Float64Array.from([1, 2, 5]);
const req = { model, params, times, solver: { method: 'dopri5' as const } };

describe('selectBackend', () => {
  it('picks WebGPU when an adapter is available', async () => {
    const b = await selectBackend({ gpu: await getNodeGpu() });
    expect(b.name).toBe('webgpu');
    expect(b.fallbackReason).toBeUndefined();
    const r = await b.simulate(req);
    expect(r.backend).toBe('webgpu');
    await b.dispose();
  });

  it('falls back to the CPU without an adapter, and says why', async () => {
    const notices: string[] = [];
    const b = await selectBackend({ gpu: noAdapter, cpu: { spawn: null }, onNotice: (m) => notices.push(m) });
    expect(b.name).toBe('cpu');
    expect(b.fallbackReason).toMatch(/no adapter/);
    expect(b.description).toMatch(/WebGPU not used: .*no adapter/);
    expect(notices[0]).toMatch(/running on the CPU/);
    const r = await b.simulate(req);
    expect(r.backend).toBe('cpu');
    await b.dispose();
  });

  it('honours a forced choice', async () => {
    const cpu = await selectBackend({ prefer: 'cpu', gpu: await getNodeGpu(), cpu: { spawn: null } });
    expect(cpu.name).toBe('cpu');
    await cpu.dispose();
    await expect(selectBackend({ prefer: 'webgpu', gpu: noAdapter })).rejects.toThrow(/WebGPU was requested but cannot be used: .*no adapter/);
    await expect(selectBackend({ prefer: 'gpu' as never })).rejects.toThrow(/'auto', 'cpu' or 'webgpu'/);
  });
});

describe('WebGPU worker client (Comlink)', () => {
  it('forwards requests and results through a message port', async () => {
    const { port1, port2 } = new MessageChannel();
    expose(gpuWorkerApi(await getNodeGpu()), port1);
    const notices: string[] = [];
    const client = await createWebGpuWorkerBackend({ endpoint: port2, onNotice: (m) => notices.push(m) });
    expect(client.description).toMatch(/SwiftShader|WebGPU/);
    const r = await client.simulate(req);
    expect(r.backend).toBe('webgpu');
    expect(r.outputs).toBeInstanceOf(Float64Array);
    for (let i = 0; i < 16; i++) {
      times.forEach((t, k) => {
        const want = params[2 * i + 1]! * Math.exp(-params[2 * i]! * t);
        expect(Math.abs(r.outputs[i * 3 + k]! / want - 1)).toBeLessThan(1e-4);
      });
    }
    const m = await client.moments({ ...req, groupSize: 8 });
    expect(Array.from(m.okCount)).toEqual([8, 8]);
    const ctl = new AbortController();
    ctl.abort();
    await expect(client.simulate(req, ctl.signal)).rejects.toThrow(/aborted/);
    await client.dispose();
    port1.close();
    port2.close();
  });

  it('reports a worker without WebGPU as a rejected start', async () => {
    const { port1, port2 } = new MessageChannel();
    expose(gpuWorkerApi(noAdapter), port1);
    await expect(createWebGpuWorkerBackend({ endpoint: port2 })).rejects.toThrow(/no adapter/);
    port1.close();
    port2.close();
  });
});
