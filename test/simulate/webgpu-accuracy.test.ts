// The WebGPU kernels (f32, Dawn on SwiftShader) against closed forms: 1e-4 relative.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getNodeGpu } from '../helpers/gpu.ts';
import { createWebGpuBackend, type WebGpuBackend } from '../../src/simulate/webgpu/backend.ts';
import { Status, type Method } from '../../src/simulate/types.ts';
import { decay, infusionModel, logistic, oralPk, oralPkExact } from './webgpu-models.ts';

let gpu: WebGpuBackend;
beforeAll(async () => { gpu = await createWebGpuBackend({ gpu: await getNodeGpu() }); });
afterAll(async () => { await gpu?.dispose(); });

const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-6);
function maxRel(got: Float64Array, want: (i: number, k: number) => number, n: number, nt: number): number {
  let m = 0;
  for (let i = 0; i < n; i++) for (let k = 0; k < nt; k++) m = Math.max(m, rel(got[i * nt + k]!, want(i, k)));
  return m;
}

const adaptive: Method[] = ['dopri5', 'tsit5', 'rosenbrock'];
const solver = (method: Method) => ({ method, rtol: 1e-6, atol: 1e-9, steps: 2000 });

describe('WebGPU backend vs closed forms', () => {
  it('exponential decay, every method', async () => {
    const n = 64;
    const params = new Float64Array(2 * n);
    for (let i = 0; i < n; i++) { params[2 * i] = 0.05 + 2 * i / n; params[2 * i + 1] = 1 + i; }
    const times = Float64Array.from([0, 0.5, 1, 2, 4, 8]);
    for (const method of ['rk4', ...adaptive] as Method[]) {
      const r = await gpu.simulate({ model: decay, params, times, solver: solver(method) });
      expect(r.backend).toBe('webgpu');
      expect(Array.from(r.status).every((s) => s === Status.ok)).toBe(true);
      const err = maxRel(r.outputs, (i, k) => params[2 * i + 1]! * Math.exp(-params[2 * i]! * times[k]!), n, times.length);
      expect(err, method).toBeLessThan(1e-4);
      if (method !== 'rk4') expect(r.stats.accepted).toBeGreaterThan(n);
    }
  });

  it('one-compartment oral PK, single dose, ka ≠ k and ka = k', async () => {
    const model = oralPk([0]);
    const n = 32;
    const params = new Float64Array(3 * n);
    for (let i = 0; i < n; i++) {
      const V = 20 + i;
      const k = 0.1 + 0.01 * i;
      params.set([i % 2 ? k : 0.5 + 0.1 * i, k * V, V], 3 * i); // odd rows: ka = k exactly
    }
    const times = Float64Array.from([0, 0.25, 0.5, 1, 2, 3.5, 5, 7, 9, 12, 18, 24]);
    for (const method of adaptive) {
      const r = await gpu.simulate({ model, params, times, solver: solver(method) });
      const err = maxRel(r.outputs, (i, k) => oralPkExact(params[3 * i]!, params[3 * i + 1]!, params[3 * i + 2]!, 100, [0], times[k]!), n, times.length);
      expect(err, method).toBeLessThan(1e-4);
    }
  });

  it('oral PK with a multiple-dose schedule; outputs at a dose time see the pre-dose state', async () => {
    const doseTimes = [0, 12, 24, 36];
    const model = oralPk(doseTimes);
    const params = Float64Array.from([1.2, 3, 30, 0.8, 2, 25]);
    const covariates = Float64Array.from([320, 100]); // per-trajectory dose
    const times = Float64Array.from([1, 6, 12, 13, 24, 30, 36, 40, 48]);
    const r = await gpu.simulate({ model, params, covariates, times, solver: solver('dopri5') });
    const err = maxRel(r.outputs, (i, k) => oralPkExact(params[3 * i]!, params[3 * i + 1]!, params[3 * i + 2]!, covariates[i]!, doseTimes, times[k]!), 2, times.length);
    expect(err).toBeLessThan(1e-4);
  });

  it('logistic growth', async () => {
    const n = 16;
    const params = new Float64Array(3 * n);
    for (let i = 0; i < n; i++) params.set([0.3 + 0.1 * i, 100 + 10 * i, 1 + i / 4], 3 * i);
    const times = Float64Array.from([0, 1, 2, 5, 10, 20, 40]);
    const exact = (i: number, t: number) => {
      const [rr, K, N0] = [params[3 * i]!, params[3 * i + 1]!, params[3 * i + 2]!];
      return K / (1 + ((K - N0) / N0) * Math.exp(-rr * t));
    };
    for (const method of ['rk4', ...adaptive] as Method[]) {
      const r = await gpu.simulate({ model: logistic, params, times, solver: solver(method) });
      expect(maxRel(r.outputs, (i, k) => exact(i, times[k]!), n, times.length), method).toBeLessThan(1e-4);
    }
  });

  it('an infusion adds its rate on [start, start + duration) only', async () => {
    const model = infusionModel([[1, 3]]);
    const params = Float64Array.from([0.5, 2, 1.5, 4]);
    const times = Float64Array.from([0.5, 1, 2, 3, 5]);
    const exact = (k: number, rate: number, t: number) => {
      if (t <= 1) return 0;
      const on = Math.min(t, 3) - 1;
      const x3 = (rate / k) * (1 - Math.exp(-k * on));
      return t <= 3 ? x3 : x3 * Math.exp(-k * (t - 3));
    };
    for (const method of ['rk4', 'dopri5', 'rosenbrock'] as Method[]) {
      const r = await gpu.simulate({ model, params, times, solver: solver(method) });
      for (let i = 0; i < 2; i++) {
        for (let k = 0; k < times.length; k++) {
          const want = exact(params[2 * i]!, params[2 * i + 1]!, times[k]!);
          expect(Math.abs(r.outputs[i * 5 + k]! - want), `${method} ${i} ${k}`).toBeLessThan(1e-4 * Math.max(1, Math.abs(want)));
        }
      }
    }
  });

  it('saves states when asked; the state at a bolus time is the pre-dose one', async () => {
    const model = oralPk([0, 2]);
    const params = Float64Array.from([1, 2, 10]);
    const r = await gpu.simulate({ model, params, times: Float64Array.from([2, 3]), solver: solver('dopri5'), save: 'states' });
    expect(r.nOut).toBe(2);
    expect(rel(r.outputs[0]!, 100 * Math.exp(-2))).toBeLessThan(1e-4);
    expect(rel(r.outputs[1]! / 10, oralPkExact(1, 2, 10, 100, [0], 2))).toBeLessThan(1e-4);
    expect(rel(r.outputs[2]!, (100 * Math.exp(-2) + 100) * Math.exp(-1))).toBeLessThan(1e-4);
    expect(rel(r.outputs[3]! / 10, oralPkExact(1, 2, 10, 100, [0, 2], 3))).toBeLessThan(1e-4);
  });
});
