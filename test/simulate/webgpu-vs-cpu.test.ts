// Every example spec: the WebGPU backend (f32) and the CPU backend (f64) agree, with parameters
// spread around the priors' medians and each example's own dose schedule.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { getNodeGpu } from '../helpers/gpu.ts';
import { createWebGpuBackend, type WebGpuBackend } from '../../src/simulate/webgpu/backend.ts';
import { createCpuBackend } from '../../src/simulate/cpu/backend.ts';
import { compileSpec } from '../../src/model/compile.ts';
import type { ModelSpec } from '../../src/model/spec.ts';
import { Status } from '../../src/simulate/types.ts';

const dir = 'public/examples/models';
const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
/** horizons where the default (24 time units) says little or, for chaos, too much */
const horizon: Record<string, number> = { 'lorenz.json': 1, 'epi-sir.json': 120, 'predator-prey.json': 15, 'growth-gompertz.json': 60, 'stiff-robertson.json': 40 };

let gpu: WebGpuBackend;
const cpu = createCpuBackend({ spawn: null });
beforeAll(async () => { gpu = await createWebGpuBackend({ gpu: await getNodeGpu() }); });
afterAll(async () => { await gpu?.dispose(); await cpu.dispose(); });

function median(p: ModelSpec['parameters'][number]): number {
  return p.prior.type === 'lognormal' ? p.prior.median : Math.sqrt(p.prior.lower * p.prior.upper);
}

describe('WebGPU and CPU backends agree on every example spec', () => {
  it('finds the examples', () => expect(files.length).toBeGreaterThan(5));
  for (const file of files) {
    it(file, async () => {
      const spec = JSON.parse(readFileSync(`${dir}/${file}`, 'utf8')) as ModelSpec;
      const model = compileSpec(spec);
      const n = 8;
      const nP = spec.parameters.length;
      const params = new Float64Array(n * nP);
      for (let i = 0; i < n; i++) spec.parameters.forEach((p, j) => { params[i * nP + j] = median(p) * Math.exp(0.15 * Math.sin(1.7 * i + 2.3 * j)); });
      const T = horizon[file] ?? 24;
      const times = Float64Array.from({ length: 11 }, (_, k) => (T * k) / 10);
      const req = { model, params, times, solver: { method: 'auto' as const, rtol: 1e-7, atol: 1e-10 } };
      const [g, c] = await Promise.all([gpu.simulate(req), cpu.simulate(req)]);
      expect(Array.from(c.status)).toEqual(Array(n).fill(Status.ok));
      expect(Array.from(g.status)).toEqual(Array(n).fill(Status.ok));
      const nO = g.nOut;
      let worst = 0;
      for (let i = 0; i < n; i++) {
        for (let o = 0; o < nO; o++) {
          let scale = 0;
          for (let k = 0; k < times.length; k++) scale = Math.max(scale, Math.abs(c.outputs[(i * times.length + k) * nO + o]!));
          for (let k = 0; k < times.length; k++) {
            const q = (i * times.length + k) * nO + o;
            worst = Math.max(worst, Math.abs(g.outputs[q]! - c.outputs[q]!) / Math.max(scale, 1e-30));
          }
        }
      }
      expect(worst).toBeLessThan(1e-4);
    });
  }
});
