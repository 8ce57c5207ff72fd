// Backend selection: WebGPU when an adapter is available, else the CPU backend; the caller can force
// either. In a browser page the WebGPU backend runs in a dedicated worker; elsewhere (Node with the
// `webgpu` package, workers, Deno) it runs in the calling thread. A fallback says why.
import type { EnsembleBackend } from './types.ts';
import { createCpuBackend, type CpuBackendOptions } from './cpu/backend.ts';
import { createWebGpuBackend } from './webgpu/backend.ts';

export type BackendPreference = 'auto' | 'cpu' | 'webgpu';

export interface SelectOptions {
  prefer?: BackendPreference;
  /** WebGPU entry point (default: navigator.gpu; Node: pass the `webgpu` package's create()) */
  gpu?: GPU;
  /** CPU worker count (default: the machine's cores) */
  workers?: number;
  /** further CPU backend options (e.g. spawn: null to stay in the calling thread) */
  cpu?: CpuBackendOptions;
  /** run WebGPU in a dedicated worker (default: in a browser page, i.e. when no `gpu` is passed) */
  worker?: boolean;
  /** why WebGPU was not used, device-loss fallbacks, stiff reruns */
  onNotice?: (message: string) => void;
}

export interface SelectedBackend extends EnsembleBackend {
  /** set when 'auto' wanted WebGPU but got the CPU: the reason */
  readonly fallbackReason?: string;
}

function inBrowserPage(): boolean {
  return typeof window !== 'undefined' && typeof document !== 'undefined' && typeof Worker !== 'undefined';
}

async function openWebGpu(opts: SelectOptions): Promise<EnsembleBackend> {
  const cpuFallback = async () => createCpuBackend({ ...opts.cpu, workers: opts.workers ?? opts.cpu?.workers });
  const useWorker = opts.worker ?? (opts.gpu === undefined && inBrowserPage());
  if (useWorker) {
    const { createWebGpuWorkerBackend } = await import('./webgpu/client.ts');
    return createWebGpuWorkerBackend({ onNotice: opts.onNotice });
  }
  return createWebGpuBackend({ gpu: opts.gpu, onNotice: opts.onNotice, fallback: cpuFallback });
}

/** The CPU backend, labelled with the reason WebGPU was not used. */
function withReason(cpu: EnsembleBackend, reason: string): SelectedBackend {
  return {
    name: cpu.name,
    get description() { return `${cpu.description} (WebGPU not used: ${reason})`; },
    fallbackReason: reason,
    simulate: (req, signal) => cpu.simulate(req, signal),
    moments: (req, signal) => cpu.moments(req, signal),
    dispose: () => cpu.dispose(),
  };
}

export async function selectBackend(opts: SelectOptions = {}): Promise<SelectedBackend> {
  const prefer = opts.prefer ?? 'auto';
  if (prefer !== 'auto' && prefer !== 'cpu' && prefer !== 'webgpu') {
    throw new Error(`backend must be 'auto', 'cpu' or 'webgpu' (got ${String(prefer)})`);
  }
  if (prefer === 'cpu') return createCpuBackend({ ...opts.cpu, workers: opts.workers ?? opts.cpu?.workers });
  try {
    return await openWebGpu(opts);
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    if (prefer === 'webgpu') throw new Error(`WebGPU was requested but cannot be used: ${reason}`, { cause: e });
    opts.onNotice?.(`WebGPU not used (${reason}); running on the CPU`);
    return withReason(createCpuBackend({ ...opts.cpu, workers: opts.workers ?? opts.cpu?.workers }), reason);
  }
}
