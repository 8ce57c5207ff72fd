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
import { MOTIFS, dataScales } from '../../src/discover/library/index.ts';
import { parseDataset } from '../../src/data/index.ts';

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

describe('WebGPU and CPU backends agree where a rate switches at a fitted time', () => {
  it('hockey-stick degradation (deg-hs: step(t - tb) in the rate), both on its closed form', async () => {
    const s = dataScales(parseDataset(readFileSync('test/fixtures/focus-kinetics/ds-mixed-hs.csv', 'utf8')), 'Degradation of a pesticide in aerobic soil');
    const model = compileSpec(MOTIFS.find((m) => m.id === 'deg-hs')!.build(s));
    // breakpoints between, on and off the output times, from one subject to the next
    // (the third's k2 above k1: the rate never rises after the break, min(k1, k2))
    const subjects = [{ M0: 100, k1: 0.08, k2: 0.01, tb: 15 }, { M0: 102, k1: 0.12, k2: 0.002, tb: 40.7 }, { M0: 95, k1: 0.05, k2: 0.2, tb: 9.3 }];
    const params = Float64Array.from(subjects.flatMap((theta) => model.parameterNames.map((n) => theta[n as keyof typeof theta])));
    const times = Float64Array.from([0, 1, 3, 7, 14, 15, 16, 28, 60, 120]);
    const req = { model, params, times, solver: { method: 'auto' as const, rtol: 1e-7, atol: 1e-10 } };
    const [g, c] = await Promise.all([gpu.simulate(req), cpu.simulate(req)]);
    expect(Array.from(g.status)).toEqual([Status.ok, Status.ok, Status.ok]);
    expect(Array.from(c.status)).toEqual([Status.ok, Status.ok, Status.ok]);
    subjects.forEach(({ M0, k1, k2, tb }, i) => times.forEach((t, k) => {
      const closed = M0 * (t <= tb ? Math.exp(-k1 * t) : Math.exp(-k1 * tb - Math.min(k1, k2) * (t - tb)));
      expect(Math.abs(c.outputs[i * times.length + k]! - closed) / M0, `CPU, subject ${i}, t ${t}`).toBeLessThan(1e-5);
      expect(Math.abs(g.outputs[i * times.length + k]! - closed) / M0, `WebGPU, subject ${i}, t ${t}`).toBeLessThan(1e-4);
    }));
  });
});
