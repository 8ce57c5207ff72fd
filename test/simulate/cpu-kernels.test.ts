// Generated specialised kernels (scalar locals, unrolled stages) give the same numbers as the
// generic tableau engine, on the example specs compiled through the normal path.
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileSpec } from '../../src/model/index.ts';
import { simulateInThread } from '../../src/simulate/cpu/in-thread.ts';
import { specialisedKernels } from '../../src/simulate/cpu/kernels.ts';
import { fixedKernelSource } from '../../src/model/codegen/js-kernels.ts';
import { decay } from './cpu-models.ts';
import { RK4 } from '../../src/simulate/tableaux.ts';
import { Status } from '../../src/simulate/types.ts';

const dir = new URL('../../public/examples/models/', import.meta.url);
const examples = readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => ({ file: f, text: readFileSync(new URL(f, dir), 'utf8') }));

/** Parameters at the prior medians, spread by ±20% over 5 trajectories. */
function medianParams(m: ReturnType<typeof compileSpec>, n: number): Float64Array {
  return Float64Array.from({ length: n * m.parameterNames.length }, (_, k) => {
    const p = m.spec.parameters[k % m.parameterNames.length]!.prior;
    const med = p.type === 'lognormal' ? p.median : Math.sqrt(p.lower * p.upper);
    return med * (0.8 + 0.1 * Math.floor(k / m.parameterNames.length));
  });
}

describe('specialised RK4 kernels', () => {
  it('there are example specs to check, and the kernels are used for them (not for hand-built models)', () => {
    expect(examples.length).toBeGreaterThanOrEqual(4);
    for (const ex of examples) expect(specialisedKernels(compileSpec(ex.text))).toBeTypeOf('function');
    expect(specialisedKernels(decay)).toBeUndefined();
    // the trees travel with the model: a structured clone (what a worker receives) still gets kernels
    const m = compileSpec(examples[0]!.text);
    expect(m.trees).not.toBeNull();
    expect(specialisedKernels(structuredClone(m))).toBeTypeOf('function');
    expect(specialisedKernels({ ...m, hash: 'no-trees', trees: null })).toBeUndefined();
  });

  for (const ex of examples) {
    it(`${ex.file}: kernel = generic engine, exactly`, () => {
      const model = compileSpec(ex.text);
      const span = model.stiff ? 0.01 : 10;
      const req = {
        model, params: medianParams(model, 5), times: Float64Array.from([0, span / 4, span / 2, span]),
        solver: { method: 'rk4' as const, steps: model.stiff ? 4000 : 400 }, save: 'states' as const,
      };
      const fast = simulateInThread(req, true);
      const slow = simulateInThread(req, false);
      expect(fast.status).toEqual(slow.status);
      expect(fast.outputs).toEqual(slow.outputs);
      expect(fast.stats.accepted).toBe(slow.stats.accepted);
    });
  }

  it('the generated source contains only mangled names, numbers and Math calls (no user text)', () => {
    const lorenz = examples.find((e) => e.file === 'lorenz.json')!;
    const m = compileSpec(lorenz.text);
    const src = fixedKernelSource(m.trees!, m.doses, RK4, { q: 5, maxSteps: Status.maxSteps, nonFinite: Status.nonFinite, stepUnderflow: Status.stepUnderflow, stiff: 255 });
    for (const name of ['sigma', 'rho', 'beta', 'Lorenz']) expect(src).not.toContain(name);
    expect(src).toContain('k3_2 = ');
    expect(src).toMatch(/P0 = p\[0\]/);
  });
});

describe('specialised adaptive kernels (DOPRI5, Tsit5, auto)', () => {
  for (const ex of examples) {
    it(`${ex.file}: kernel = generic engine, exactly (outputs, status, step counts)`, () => {
      const model = compileSpec(ex.text);
      for (const method of ['dopri5', 'tsit5', 'auto'] as const) {
        const req = {
          model, params: medianParams(model, 4), times: Float64Array.from([0, 0.5, 2, 6]),
          solver: { method, rtol: 1e-7, atol: 1e-10, maxSteps: 3000 },
        };
        const fast = simulateInThread(req, true);
        const slow = simulateInThread(req, false);
        expect(fast.status).toEqual(slow.status);
        expect(fast.outputs).toEqual(slow.outputs);
        expect(fast.stats).toEqual(slow.stats);
      }
    });
  }

  it('compiled one-compartment oral PK through the kernel matches the closed form (rtol 1e-10)', () => {
    const model = compileSpec(examples.find((e) => e.file === 'pk-1cmt-oral.json')!.text);
    const [ka, CL, V] = [1.3, 4, 40];
    const params = Float64Array.from(model.parameterNames.map((n) => ({ ka, CL, V })[n as 'ka' | 'CL' | 'V']));
    const times = Float64Array.from([0, 0.5, 1, 3, 8, 24]);
    const res = simulateInThread({ model, params, times, solver: { method: 'tsit5', rtol: 1e-10, atol: 1e-14 } }, true);
    const k = CL / V;
    res.outputs.forEach((c, i) => {
      const t = times[i]!;
      const want = ((100 * ka) / (V * (ka - k))) * (Math.exp(-k * t) - Math.exp(-ka * t));
      expect(Math.abs(c - want)).toBeLessThanOrEqual(1e-7 * want + 1e-14);
    });
  });
});

describe('every example spec runs on the CPU backend (auto method)', () => {
  for (const ex of examples) {
    it(ex.file, () => {
      const model = compileSpec(ex.text);
      const res = simulateInThread({ model, params: medianParams(model, 3), times: Float64Array.from([0, 1, 2, 5]), solver: { method: 'auto', rtol: 1e-6, atol: 1e-9 } });
      expect([...res.status]).toEqual([0, 0, 0]);
      expect([...res.outputs].every(Number.isFinite)).toBe(true);
    });
  }
});
