// The one way the CLI opens a simulation backend (`--backend cpu|webgpu`).
// WebGPU in Node is Dawn from the npm `webgpu` package (kept external by the CLI bundle). Dawn reads
// VK_ICD_FILENAMES when it loads; on a machine without a GPU driver Chromium's SwiftShader ICD is
// used (see shared/ENVIRONMENT.md). As with choosing WebGPU in the app, a software adapter is used
// when asked for, with a notice that the CPU backend is faster there. A lost device falls back to
// the CPU backend with a notice (the backend's documented default), except where a benchmark
// asks for no fallback, so that it never times the CPU under a WebGPU label.
import { createCpuBackend, createWebGpuBackend, type EnsembleBackend } from '../simulate/index.ts';
import { CliError } from './errors.ts';

const SWIFTSHADER_ICD = '/usr/lib/chromium/vk_swiftshader_icd.json';
const SOFTWARE_ADAPTER = /swiftshader|lavapipe|llvmpipe|software/i;

export interface OpenBackendOptions {
  /** backend notices (device loss, stiff reruns, software adapter) */
  onNotice: (message: string) => void;
  /** CPU worker threads (default: the CPU backend's own choice) */
  workers?: number;
  /** false: a lost WebGPU device is an error, never a silent switch to the CPU */
  cpuFallback?: boolean;
}

async function nodeGpu(): Promise<GPU> {
  const { existsSync } = await import('node:fs');
  if (!process.env.VK_ICD_FILENAMES && existsSync(SWIFTSHADER_ICD) && !existsSync('/dev/nvidia0') && !existsSync('/dev/dri')) {
    process.env.VK_ICD_FILENAMES = SWIFTSHADER_ICD;
  }
  try {
    const webgpu = (await import('webgpu')) as unknown as { globals: object; create: (flags: string[]) => unknown };
    Object.assign(globalThis, webgpu.globals);
    return webgpu.create([]) as GPU;
  } catch (err) {
    throw new CliError('backend', `WebGPU is not available in this Node: --backend webgpu needs the npm package "webgpu" (${err instanceof Error ? err.message : String(err)}); use --backend cpu`);
  }
}

export async function openBackend(kind: 'cpu' | 'webgpu', opts: OpenBackendOptions): Promise<EnsembleBackend> {
  if (kind === 'cpu') return createCpuBackend(opts.workers !== undefined ? { workers: opts.workers } : {});
  const gpu = await nodeGpu();
  let backend: EnsembleBackend;
  try {
    backend = await createWebGpuBackend({
      gpu, onNotice: opts.onNotice,
      fallback: opts.cpuFallback === false ? null : async () => createCpuBackend(opts.workers !== undefined ? { workers: opts.workers } : {}),
    });
  } catch (err) {
    throw new CliError('backend', `no WebGPU device: ${err instanceof Error ? err.message : String(err)}; use --backend cpu`);
  }
  if (SOFTWARE_ADAPTER.test(backend.description)) opts.onNotice(`${backend.description} is a software WebGPU adapter (WGSL run on the CPU cores), usually slower here than --backend cpu`);
  return backend;
}
