// What the dedicated WebGPU worker exposes through Comlink. Kept apart from worker-gpu.ts (which
// only calls expose) so the same object can be driven over any message port, e.g. in tests.
import { transfer } from 'comlink';
import type { EnsembleRequest, EnsembleResult, MomentsRequest, MomentsResult } from '../types.ts';
import { createWebGpuBackend, type WebGpuBackend } from './backend.ts';

export interface GpuWorkerInit {
  maxBindingBytes?: number;
}

export interface GpuWorkerApi {
  /** opens the device; rejects (WebGpuUnavailableError message) when there is none */
  init(opts: GpuWorkerInit, onNotice?: (message: string) => void): Promise<{ description: string }>;
  description(): string;
  simulate(req: EnsembleRequest): Promise<EnsembleResult>;
  moments(req: MomentsRequest): Promise<MomentsResult>;
  dispose(): Promise<void>;
}

/** `gpu`: the WebGPU entry point inside the worker (default: navigator.gpu). */
export function gpuWorkerApi(gpu?: GPU): GpuWorkerApi {
  let backend: WebGpuBackend | undefined;
  const ready = () => {
    if (!backend) throw new Error('the WebGPU worker was not initialised (call init first)');
    return backend;
  };
  return {
    async init(opts, onNotice) {
      await backend?.dispose();
      backend = await createWebGpuBackend({ gpu, maxBindingBytes: opts.maxBindingBytes, onNotice: (m) => void onNotice?.(m) });
      return { description: backend.description };
    },
    description: () => ready().description,
    async simulate(req) {
      const r = await ready().simulate(req);
      return transfer(r, [r.outputs.buffer, r.status.buffer]);
    },
    async moments(req) {
      const m = await ready().moments(req);
      return transfer(m, [m.okCount.buffer, m.mean.buffer, m.cov.buffer, m.m22.buffer, m.m12.buffer]);
    },
    async dispose() {
      await backend?.dispose();
      backend = undefined;
    },
  };
}
