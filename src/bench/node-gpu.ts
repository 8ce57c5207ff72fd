// WebGPU in Node for the CLI (`--backend webgpu`): Dawn from the npm `webgpu` package (kept
// external by the CLI bundle). Dawn reads VK_ICD_FILENAMES when it loads; without a GPU driver,
// Chromium's SwiftShader ICD works (see shared/ENVIRONMENT.md).
import type { EnsembleBackend } from '../simulate/types.ts';

const SWIFTSHADER_ICD = '/usr/lib/chromium/vk_swiftshader_icd.json';

async function nodeGpu(): Promise<GPU> {
  const { existsSync } = await import('node:fs');
  if (!process.env.VK_ICD_FILENAMES && existsSync(SWIFTSHADER_ICD) && !existsSync('/dev/nvidia0') && !existsSync('/dev/dri')) {
    process.env.VK_ICD_FILENAMES = SWIFTSHADER_ICD;
  }
  let webgpu: { globals: object; create: (flags: string[]) => unknown };
  try {
    webgpu = (await import('webgpu')) as unknown as typeof webgpu;
  } catch (e) {
    throw new Error(`--backend webgpu needs the npm package "webgpu" (${(e as Error).message})`, { cause: e });
  }
  Object.assign(globalThis, webgpu.globals);
  return webgpu.create([]) as GPU;
}

/** The WebGPU backend from src/simulate/index.ts, on Dawn; a clear error when it is not available. */
export async function createNodeWebGpuBackend(onNotice?: (m: string) => void): Promise<EnsembleBackend> {
  const sim = (await import('../simulate/index.ts')) as Record<string, unknown>;
  const create = sim['createWebGpuBackend'];
  if (typeof create !== 'function') throw new Error('--backend webgpu: the WebGPU backend is not available in this build');
  const gpu = await nodeGpu();
  return (await (create as (o: object) => Promise<EnsembleBackend>)({ gpu, onNotice, fallback: null })) as EnsembleBackend;
}
