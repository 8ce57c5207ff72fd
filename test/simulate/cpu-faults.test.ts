// Failures stay local: a trajectory that fails gets NaN outputs and a failing status, its
// neighbours are exact, and the moments exclude it. Stiffness: Rosenbrock where explicit fails.
import { describe, expect, it } from 'vitest';
import { momentsInThread, momentsViaOutputs, simulateInThread } from '../../src/simulate/cpu/in-thread.ts';
import { Status } from '../../src/simulate/types.ts';
import { compileSpec } from '../../src/model/index.ts';
import { blowUp, robertson, rows } from './cpu-models.ts';

describe('blow-up dx/dt = x²', () => {
  const T = 2;
  const x0s = [0.1, 0.3, 0.45, 0.499, 0.5, 0.6, 1, 3, 0.2, 0.7];
  const times = Float64Array.from([0, 0.5, 1, 1.5, T]);
  const params = rows(x0s.map((x) => [x]));

  it('only trajectories with x0 ≥ 1/T fail; their neighbours match x0/(1 − x0·t)', () => {
    const res = simulateInThread({ model: blowUp, params, times, solver: { method: 'dopri5', rtol: 1e-10, atol: 1e-12 } });
    x0s.forEach((x0, i) => {
      const out = res.outputs.subarray(i * times.length, (i + 1) * times.length);
      if (x0 >= 1 / T) {
        expect(res.status[i]).not.toBe(Status.ok);
        expect([...out].every(Number.isNaN)).toBe(true);
      } else {
        expect(res.status[i]).toBe(Status.ok);
        [...times].forEach((t, j) => expect(Math.abs(out[j]! - x0 / (1 - x0 * t))).toBeLessThan(1e-7 * (x0 / (1 - x0 * t))));
      }
    });
    const failed = x0s.filter((x) => x >= 1 / T).length;
    expect(res.stats.nonFinite + res.stats.underflow + res.stats.maxStepsHit).toBe(failed);
  });

  it('fixed-step RK4 flags the non-finite trajectories too', () => {
    const res = simulateInThread({ model: blowUp, params, times, solver: { method: 'rk4', steps: 2000 } });
    x0s.forEach((x0, i) => {
      if (x0 >= 0.6) expect(res.status[i]).toBe(Status.nonFinite);
      if (x0 <= 0.45) expect(res.status[i]).toBe(Status.ok);
    });
  });

  it('moments exclude failed trajectories and count them; no NaN in groups with survivors', () => {
    const req = { model: blowUp, params, times, groupSize: 5, solver: { method: 'dopri5' as const, rtol: 1e-10, atol: 1e-12 } };
    const m = momentsInThread(req);
    expect([...m.okCount]).toEqual([4, 1]);
    for (const arr of [m.mean, m.cov, m.m22, m.m12]) expect([...arr].every(Number.isFinite)).toBe(true);
    const ok1 = x0s.slice(5).filter((x) => x < 1 / T);
    const mean1 = ok1.reduce((s, x) => s + x / (1 - x * T), 0) / ok1.length;
    expect(m.mean[1 * times.length + times.length - 1]).toBeCloseTo(mean1, 6);
    const ref = momentsViaOutputs(req);
    expect(m.mean).toEqual(ref.mean);
    expect(m.cov).toEqual(ref.cov);
    expect(m.m22).toEqual(ref.m22);
    expect(m.m12).toEqual(ref.m12);
  });
});

describe('stiff Robertson problem', () => {
  const times = Float64Array.from([0, 0.4, 4, 40]);
  const params = rows([[0.04, 3e7, 1e4]]);
  // reference values at t = 40 (Hairer & Wanner's RADAU5 at tight tolerance)
  const y40 = [0.7158270687193685, 9.185534764557934e-6, 0.284163745745867];

  it('explicit DOPRI5 with a modest maxSteps reports max-steps', () => {
    const res = simulateInThread({ model: robertson, params, times, solver: { method: 'dopri5', rtol: 1e-6, atol: 1e-10, maxSteps: 2000 } });
    expect(res.status[0]).toBe(Status.maxSteps);
    expect(res.stats.maxStepsHit).toBe(1);
  });

  it('Rosenbrock (RODAS4) solves it in few steps', () => {
    const res = simulateInThread({ model: robertson, params, times, solver: { method: 'rosenbrock', rtol: 1e-8, atol: 1e-14, maxSteps: 2000 } });
    expect(res.status[0]).toBe(Status.ok);
    const last = res.outputs.subarray(9, 12);
    y40.forEach((v, i) => expect(Math.abs(last[i]! - v) / v).toBeLessThan(1e-5));
    expect(res.stats.accepted).toBeLessThan(1000);
  });

  it("'auto' detects stiffness and continues the trajectory with Rosenbrock", () => {
    const res = simulateInThread({ model: robertson, params, times, solver: { method: 'auto', rtol: 1e-8, atol: 1e-14, maxSteps: 5000 } });
    expect(res.status[0]).toBe(Status.ok);
    const last = res.outputs.subarray(9, 12);
    y40.forEach((v, i) => expect(Math.abs(last[i]! - v) / v).toBeLessThan(1e-5));
  });
});

describe("'auto' on a model that turns stiff after absorption (compiled spec: generated kernel)", () => {
  // oral dose with a very fast absorption and saturable elimination: once the gut is empty,
  // DOPRI5's stability limit (h·ka < 3.3) binds and stiffness is detected mid-trajectory
  const model = compileSpec({
    name: 'fast absorption, saturable elimination',
    states: [{ name: 'gut', initial: 'dose' }, { name: 'central', initial: '0' }],
    parameters: [
      { name: 'ka', prior: { type: 'lognormal', median: 1, gsd: 2 } },
      { name: 'Vmax', prior: { type: 'lognormal', median: 1, gsd: 2 } },
      { name: 'Km', prior: { type: 'lognormal', median: 1, gsd: 2 } },
    ],
    covariates: [{ name: 'dose', default: 100 }],
    equations: { gut: '-ka * gut', central: 'ka * gut - Vmax * central / (Km + central)' },
    observables: [{ name: 'amount', expression: 'central' }],
  });
  const times = Float64Array.from([0.5, 1, 2, 4, 8, 12, 16, 24]);
  const params = Float64Array.from(model.parameterNames.map((n) => ({ ka: 2000, Vmax: 5, Km: 10 })[n as 'ka' | 'Vmax' | 'Km']));

  it('switches to Rosenbrock where stiffness shows and continues from there: accurate, few steps, kernel = generic', () => {
    const ref = simulateInThread({ model, params, times, solver: { method: 'rosenbrock', rtol: 1e-10, atol: 1e-12 } });
    const explicit = simulateInThread({ model, params, times, solver: { method: 'dopri5', rtol: 1e-6, atol: 1e-9 } });
    const auto = simulateInThread({ model, params, times, solver: { method: 'auto', rtol: 1e-6, atol: 1e-9 } }, true);
    const generic = simulateInThread({ model, params, times, solver: { method: 'auto', rtol: 1e-6, atol: 1e-9 } }, false);
    expect(auto.status[0]).toBe(Status.ok);
    expect(auto.outputs).toEqual(generic.outputs);
    expect(auto.stats).toEqual(generic.stats);
    auto.outputs.forEach((v, i) => expect(Math.abs(v - ref.outputs[i]!) / ref.outputs[i]!).toBeLessThan(2e-5));
    // explicit stepping alone needs ~h·ka < 3.3 for 24 h: thousands of steps
    expect(explicit.stats.accepted).toBeGreaterThan(10_000);
    expect(auto.stats.accepted + auto.stats.rejected).toBeLessThan(300);
  });
});
