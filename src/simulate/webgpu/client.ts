// The page's side of the WebGPU worker: a thin EnsembleBackend that forwards requests through
// Comlink. An abort rejects the pending call at once; the worker finishes and its result is dropped.
import { proxy, wrap, type Endpoint, type Remote } from 'comlink';
import type { EnsembleBackend } from '../types.ts';
import type { GpuWorkerApi } from './worker-api.ts';

export interface WebGpuWorkerOptions {
  /** a started worker (or any Comlink endpoint) running worker-gpu.ts; default: start one */
  endpoint?: Endpoint & { terminate?: () => void };
  maxBindingBytes?: number;
  onNotice?: (message: string) => void;
}

function abortable<T>(work: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (!signal) return work;
  if (signal.aborted) return Promise.reject(new DOMException('The ensemble simulation was aborted', 'AbortError'));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new DOMException('The ensemble simulation was aborted', 'AbortError'));
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/** Starts (or attaches to) the WebGPU worker; rejects when the worker finds no WebGPU device. */
export async function createWebGpuWorkerBackend(opts: WebGpuWorkerOptions = {}): Promise<EnsembleBackend> {
  const endpoint = opts.endpoint ?? new Worker(new URL('./worker-gpu.ts', import.meta.url), { type: 'module', name: 'mechanist-webgpu' });
  const api: Remote<GpuWorkerApi> = wrap<GpuWorkerApi>(endpoint);
  let description: string;
  try {
    ({ description } = await api.init({ maxBindingBytes: opts.maxBindingBytes }, opts.onNotice ? proxy(opts.onNotice) : undefined));
  } catch (e) {
    endpoint.terminate?.();
    throw e;
  }
  return {
    name: 'webgpu',
    get description() { return description; },
    async simulate(req, signal) {
      const r = await abortable(api.simulate(req), signal);
      description = await api.description();
      return r;
    },
    async moments(req, signal) {
      const m = await abortable(api.moments(req), signal);
      description = await api.description();
      return m;
    },
    async dispose() {
      try { await api.dispose(); } finally { endpoint.terminate?.(); }
    },
  };
}
