// Every kernel template assembles into WGSL that compiles, for every method and both save modes
// (WGSL validation through Dawn's shader-module compilation messages).
import { afterAll, describe, expect, it } from 'vitest';
import { getNodeGpu } from '../helpers/gpu.ts';
import { simulationKernel, momentsKernel, type KernelMethod } from '../../src/simulate/webgpu/kernels.ts';
import { blowUp, infusionModel, oralPk, robertson } from './webgpu-models.ts';

let device: GPUDevice | undefined;
async function testDevice(): Promise<GPUDevice> {
  if (device) return device;
  const gpu = await getNodeGpu();
  const adapter = await gpu.requestAdapter();
  device = await adapter!.requestDevice();
  return device;
}

async function errors(code: string): Promise<string[]> {
  const d = await testDevice();
  const info = await d.createShaderModule({ code }).getCompilationInfo();
  return info.messages.filter((m) => m.type === 'error').map((m) => `${m.lineNum}:${m.linePos} ${m.message}`);
}

afterAll(() => { device?.destroy(); device = undefined; });

describe('WGSL kernel templates', () => {
  const methods: KernelMethod[] = ['rk4', 'dopri5', 'tsit5', 'rosenbrock'];
  const models = [oralPk([0, 12]), infusionModel([[1, 3]]), robertson, blowUp];
  for (const method of methods) {
    it(`${method}: every model and save mode compiles`, async () => {
      for (const model of models) {
        for (const save of ['observables', 'states'] as const) {
          expect(await errors(simulationKernel(model, method, save).code), `${model.spec.name} ${save}`).toEqual([]);
        }
      }
    });
  }
  it('the moment reduction compiles for 1 and 3 outputs', async () => {
    for (const n of [1, 3]) expect(await errors(momentsKernel(n).code)).toEqual([]);
  });
  it('reports a broken kernel with line and column', async () => {
    const bad = simulationKernel(blowUp, 'rk4', 'states').code.replace('fn fixed_step', 'fn fixed_step_typo');
    const errs = await errors(bad);
    expect(errs.length).toBeGreaterThan(0);
    expect(errs[0]).toMatch(/^\d+:\d+ .*fixed_step/);
  });
});
