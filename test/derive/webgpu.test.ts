// Derived quantities on the WebGPU backend (WGSL, f32, on SwiftShader here) against the same
// closed forms as the CPU tests, with f32 tolerances.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { compileSpec } from '../../src/model/index.ts';
import { createWebGpuBackend, type EnsembleBackend } from '../../src/simulate/index.ts';
import { deriveQuantities } from '../../src/derive/index.ts';
import { getNodeGpu } from '../helpers/gpu.ts';

let gpu: EnsembleBackend;
beforeAll(async () => { gpu = await createWebGpuBackend({ gpu: await getNodeGpu() }); });
afterAll(async () => { await gpu?.dispose(); });

const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

describe('derived quantities on WebGPU', () => {
  it('one-compartment oral: half-lives, AUC = dose/CL and the Bateman peak within f32 accuracy', async () => {
    const [ka, CL, V, dose] = [1.2, 4, 40, 100];
    const k = CL / V;
    const model = compileSpec(JSON.parse(readFileSync('public/examples/models/pk-1cmt-oral.json', 'utf8')));
    const d = await deriveQuantities({
      model, backend: gpu, typical: Float64Array.from([ka, CL, V]), individuals: new Float64Array(0),
      groups: [{ name: 'all', covariates: Float64Array.from([dose]) }], t0: 0, tEnd: 72, observable: 0,
    });
    expect(rel(d.t_half_elim!.median, (Math.LN2 * V) / CL)).toBeLessThan(1e-12); // from the Jacobian, f64 on the page
    const tmax = Math.log(ka / k) / (ka - k);
    const cmax = ((dose * ka) / (V * (ka - k))) * (Math.exp(-k * tmax) - Math.exp(-ka * tmax));
    expect(rel(d.Cmax!.median, cmax)).toBeLessThan(1e-4);
    expect(rel(d.Tmax!.median, tmax)).toBeLessThan(1e-3);
    expect(rel(d.AUC_inf!.median, dose / CL)).toBeLessThan(1e-4);
  }, 120_000);
});
