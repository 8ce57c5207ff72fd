// Failing trajectories stay contained: a blow-up (dx/dt = x²) fails only where it happens, its
// neighbours stay exact, and the on-device moments exclude and count the failures (no NaN).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getNodeGpu } from '../helpers/gpu.ts';
import { createWebGpuBackend, type WebGpuBackend } from '../../src/simulate/webgpu/backend.ts';
import { Status, type EnsembleResult, type Method } from '../../src/simulate/types.ts';
import { blowUp, decay, robertson } from './webgpu-models.ts';

let gpu: WebGpuBackend;
const notices: string[] = [];
beforeAll(async () => { gpu = await createWebGpuBackend({ gpu: await getNodeGpu(), onNotice: (m) => notices.push(m) }); });
afterAll(async () => { await gpu?.dispose(); });

const times = Float64Array.from([0.25, 0.5, 1, 1.5]);
// x(t) = x0 / (1 − x0·t) blows up at t = 1/x0: rows with x0 ≥ 2/3 fail before t = 1.5
const x0s = [0.1, 0.3, 1.0, 0.2, 0.5, 2.0, 0.4, 0.6, 0.05, 0.8, 0.35, 0.15];
const fails = (x0: number) => x0 >= 1 / 1.5;

/** f64 moments of the successful rows of one group, straight from simulate() outputs */
function referenceMoments(r: EnsembleResult, rows: number[]) {
  const nt = r.nTimes;
  const ok = rows.filter((i) => r.status[i] === Status.ok);
  const mean = Array.from({ length: nt }, (_, k) => ok.reduce((s, i) => s + r.outputs[i * nt + k]!, 0) / ok.length);
  const at = (f: (da: number, db: number) => number) => Array.from({ length: nt * nt }, (_, ab) => {
    const a = Math.floor(ab / nt), b = ab % nt;
    return ok.reduce((s, i) => s + f(r.outputs[i * nt + a]! - mean[a]!, r.outputs[i * nt + b]! - mean[b]!), 0) / ok.length;
  });
  return { ok: ok.length, mean, cov: at((x, y) => x * y), m22: at((x, y) => x * x * y * y), m12: at((x, y) => x * y * y) };
}

describe('WebGPU faults', () => {
  for (const method of ['dopri5', 'rosenbrock', 'rk4'] as Method[]) {
    it(`${method}: only blown-up trajectories fail; neighbours are exact`, async () => {
      const params = Float64Array.from(x0s);
      const r = await gpu.simulate({ model: blowUp, params, times, solver: { method, rtol: 1e-6, atol: 1e-9, steps: 600, maxSteps: 20_000 } });
      x0s.forEach((x0, i) => {
        if (fails(x0)) {
          expect(r.status[i], `row ${i}`).not.toBe(Status.ok);
          for (let k = 0; k < times.length; k++) expect(r.outputs[i * 4 + k]).toBeNaN();
        } else {
          expect(r.status[i], `row ${i}`).toBe(Status.ok);
          times.forEach((t, k) => {
            const want = x0 / (1 - x0 * t);
            expect(Math.abs(r.outputs[i * 4 + k]! - want) / want, `row ${i} t=${t}`).toBeLessThan(1e-4);
          });
        }
      });
      const failed = x0s.filter(fails).length;
      expect(r.stats.maxStepsHit + r.stats.nonFinite + r.stats.underflow).toBe(failed);
    });
  }

  it('moments exclude and count failed trajectories, with no NaN', async () => {
    const params = Float64Array.from(x0s);
    const solverOpts = { method: 'dopri5' as const, rtol: 1e-6, atol: 1e-9, maxSteps: 20_000 };
    const groupSize = 4;
    const m = await gpu.moments({ model: blowUp, params, times, solver: solverOpts, groupSize });
    const r = await gpu.simulate({ model: blowUp, params, times, solver: solverOpts });
    expect(m.nGroups).toBe(3);
    expect(m.nObs).toBe(1);
    expect(m.nTimes).toBe(4);
    for (let g = 0; g < 3; g++) {
      const want = referenceMoments(r, [0, 1, 2, 3].map((j) => g * groupSize + j));
      expect(m.okCount[g]).toBe(want.ok);
      expect(want.ok).toBeLessThan(groupSize); // every group has a failure in it
      const close = (got: ArrayLike<number>, off: number, exp: number[], label: string) => exp.forEach((v, q) => {
        const x = got[off + q]!;
        expect(Number.isNaN(x), label).toBe(false);
        expect(Math.abs(x - v), `${label}[${q}] group ${g}`).toBeLessThan(1e-4 * Math.max(1e-3, Math.abs(v)) + 1e-9);
      });
      close(m.mean, g * 4, want.mean, 'mean');
      close(m.cov, g * 16, want.cov, 'cov');
      close(m.m22, g * 16, want.m22, 'm22');
      close(m.m12, g * 16, want.m12, 'm12');
    }
    expect(m.stats.maxStepsHit + m.stats.nonFinite + m.stats.underflow).toBe(x0s.filter(fails).length);
    expect(m.stats.accepted).toBe(r.stats.accepted);
  });

  it('Robertson: explicit steps report max-steps, Rosenbrock solves it, auto switches over', async () => {
    const params = Float64Array.from([0.04, 3e7, 1e4]);
    const times = Float64Array.from([1, 40]);
    const explicit = await gpu.simulate({ model: robertson, params, times, solver: { method: 'dopri5', maxSteps: 3000 } });
    expect(explicit.status[0]).toBe(Status.maxSteps);
    const ros = await gpu.simulate({ model: robertson, params, times, solver: { method: 'rosenbrock', maxSteps: 3000 } });
    expect(ros.status[0]).toBe(Status.ok);
    // reference values at t = 40 (Hairer & Wanner)
    expect(Math.abs(ros.outputs[3]! / 0.7158270687 - 1)).toBeLessThan(1e-4);
    expect(Math.abs(ros.outputs[4]! / 9.185534764e-6 - 1)).toBeLessThan(1e-3);
    expect(Math.abs(ros.outputs[5]! / 0.2841637457 - 1)).toBeLessThan(1e-4);
    expect(ros.stats.accepted).toBeLessThan(500);
    notices.length = 0;
    const unflagged = { ...robertson, stiff: false, hash: `${robertson.hash}-unflagged` };
    const a = await gpu.simulate({ model: unflagged, params, times, solver: { method: 'auto', maxSteps: 3000 } });
    expect(a.status[0]).toBe(Status.ok);
    expect(Math.abs(a.outputs[3]! / 0.7158270687 - 1)).toBeLessThan(1e-4);
    expect(a.stats.maxStepsHit).toBe(0);
    expect(notices.join('\n')).toMatch(/1 trajectories hit max-steps.*Rosenbrock/);
    // with the default cap (100,000 steps) the stiffness test hands over after a few steps
    const quick = await gpu.simulate({ model: unflagged, params, times, solver: { method: 'auto' } });
    expect(quick.status[0]).toBe(Status.ok);
    expect(quick.stats.accepted + quick.stats.rejected).toBeLessThan(1000);
    expect(Math.abs(quick.outputs[5]! / 0.2841637457 - 1)).toBeLessThan(1e-4);
  });

  it("moments with 'auto': only the stiff trajectories are redone with Rosenbrock, in place", async () => {
    // decay rates 0.5 … 0.8, and one very fast (stiff for explicit steps) per group of 4
    const ks = [0.5, 0.6, 3e4, 0.7, 0.8, 4e4, 0.55, 0.65];
    const params = Float64Array.from(ks.flatMap((k, i) => [k, 1 + i]));
    const times = Float64Array.from([1, 2, 5]);
    notices.length = 0;
    const m = await gpu.moments({ model: decay, params, times, solver: { method: 'auto' }, groupSize: 4 });
    expect(notices.join('\n')).toMatch(/^2 trajectories .*Rosenbrock/);
    expect(Array.from(m.okCount)).toEqual([4, 4]);
    expect(m.stats.maxStepsHit).toBe(0);
    expect(m.stats.accepted + m.stats.rejected).toBeLessThan(5000);
    for (let g = 0; g < 2; g++) {
      times.forEach((t, k) => {
        const ys = [0, 1, 2, 3].map((j) => (1 + 4 * g + j) * Math.exp(-ks[4 * g + j]! * t));
        const mean = ys.reduce((a, b) => a + b, 0) / 4;
        expect(Math.abs(m.mean[g * 3 + k]! - mean) / mean).toBeLessThan(1e-4);
        const v = ys.reduce((a, y) => a + (y - mean) ** 2, 0) / 4;
        expect(Math.abs(m.cov[g * 9 + k * 4]! - v) / v).toBeLessThan(1e-3);
      });
    }
  });
});
