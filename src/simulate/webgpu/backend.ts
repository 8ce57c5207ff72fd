// The WebGPU ensemble backend (f32, one trajectory per invocation). On a lost device it opens a
// new one and retries the request once; if that fails too it hands the request — and every later
// one — to the CPU backend, saying so through onNotice. Nothing is lost on the way.
import type { EnsembleBackend, EnsembleRequest, EnsembleResult, MomentsRequest, MomentsResult } from '../types.ts';
import { Status } from '../types.ts';
import { createCpuBackend } from '../cpu/backend.ts';
import { createContext, requestEnsembleDevice, type GpuContext } from './device.ts';
import { DeviceLostError, prepareEnsemble, type PreparedEnsemble } from './ensemble-run.ts';
import { resolveRequest, type ResolvedRequest } from './request.ts';
import { infoStatus, TRAJECTORY_INFO } from './layouts.ts';

export interface WebGpuBackendOptions {
  /** the WebGPU entry point (default: navigator.gpu); needed to recreate a lost device */
  gpu?: GPU;
  /** use this device instead of requesting one (it is not destroyed by dispose) */
  device?: GPUDevice;
  /** cap on one storage binding / buffer, in bytes (smaller chunks; for tests) */
  maxBindingBytes?: number;
  /** cap on workgroups per dispatch dimension (forces 2-D dispatches; for tests) */
  maxWorkgroupsPerDimension?: number;
  /** human-readable notices: device lost, recreated, falling back to the CPU, stiff reruns */
  onNotice?: (message: string) => void;
  /** the backend that takes over when WebGPU cannot continue (default: the CPU backend; null: throw) */
  fallback?: (() => Promise<EnsembleBackend>) | null;
}

export interface WebGpuBackend extends EnsembleBackend {
  /** buffers and pipelines for one request, for timing dispatches alone (benchmarks) */
  prepare(req: EnsembleRequest, groupSize?: number): Promise<PreparedEnsemble>;
  /** pipelines compiled on the current device */
  readonly cachedPipelines: number;
}

function abortError(): Error {
  return new DOMException('The ensemble simulation was aborted', 'AbortError');
}

function navigatorGpu(): GPU | undefined {
  return (globalThis as { navigator?: { gpu?: GPU } }).navigator?.gpu;
}

/** The Rosenbrock rerun of trajectories `idx` of a request. */
function subset(r: ResolvedRequest, idx: readonly number[]): ResolvedRequest {
  const params = new Float32Array(idx.length * r.nP);
  idx.forEach((i, j) => params.set(r.params.subarray(i * r.nP, (i + 1) * r.nP), j * r.nP));
  let covs = r.covs;
  if (r.covStride) {
    covs = new Float32Array(idx.length * r.nC);
    idx.forEach((i, j) => covs.set(r.covs.subarray(i * r.nC, (i + 1) * r.nC), j * r.nC));
  }
  return { ...r, n: idx.length, method: 'rosenbrock', autoStiff: false, params, covs };
}

export async function createWebGpuBackend(opts: WebGpuBackendOptions = {}): Promise<WebGpuBackend> {
  const gpu = opts.gpu ?? navigatorGpu();
  const notice = (m: string) => opts.onNotice?.(m);
  const open = async (): Promise<GpuContext> => {
    const { device, description } = await requestEnsembleDevice(gpu);
    return createContext(device, description, opts);
  };
  let ctx: GpuContext | undefined = opts.device ? createContext(opts.device, undefined, opts) : await open();
  const ownsDevice = new Set<GPUDevice>(opts.device ? [] : [ctx.device]);
  let cpu: EnsembleBackend | undefined;

  const toCpu = async (why: string): Promise<EnsembleBackend> => {
    if (!cpu) {
      const fallback = opts.fallback === undefined ? async () => createCpuBackend() : opts.fallback;
      if (!fallback) throw new DeviceLostError(`${why}; no CPU fallback was configured`);
      notice(`${why}; continuing on the CPU backend`);
      cpu = await fallback();
      ctx = undefined;
    }
    return cpu;
  };

  /** runs `gpuWork` on the device; on loss: one retry on a new device, then the CPU */
  async function withRecovery<T>(gpuWork: (c: GpuContext) => Promise<T>, cpuWork: (b: EnsembleBackend) => Promise<T>): Promise<T> {
    if (cpu) return cpuWork(cpu);
    if (!ctx) throw new Error('this WebGPU backend was disposed');
    const first = ctx;
    try {
      return await gpuWork(first);
    } catch (e) {
      if (!(e instanceof DeviceLostError) && !first.isLost) throw e;
      notice(`WebGPU device lost (${(e as Error).message}); opening a new device and retrying`);
    }
    try {
      ctx = await open();
      ownsDevice.add(ctx.device);
      return await gpuWork(ctx);
    } catch (e) {
      const lost = e instanceof DeviceLostError || ctx?.isLost;
      if (!lost && !(e instanceof Error && e.name === 'WebGpuUnavailableError')) throw e;
      return cpuWork(await toCpu(`WebGPU could not recover (${(e as Error).message})`));
    }
  }

  async function simulateOn(c: GpuContext, req: EnsembleRequest, r: ResolvedRequest): Promise<EnsembleResult> {
    const prep = await prepareEnsemble(c, req.model, r);
    try {
      const d = await prep.readSimulation();
      const result: EnsembleResult = { n: r.n, nTimes: prep.nTimes, nOut: prep.nOut, ...d, backend: 'webgpu' };
      if (r.autoStiff && d.stats.maxStepsHit > 0) await rerunStiff(c, req, r, result);
      return result;
    } finally {
      prep.destroy();
    }
  }

  /** method 'auto': trajectories where explicit steps hit max-steps are redone with Rosenbrock */
  async function rerunStiff(c: GpuContext, req: EnsembleRequest, r: ResolvedRequest, result: EnsembleResult): Promise<void> {
    const idx: number[] = [];
    result.status.forEach((s, i) => { if (s === Status.maxSteps) idx.push(i); });
    notice(`${idx.length} trajectories hit max-steps with explicit steps; redoing them with the Rosenbrock method`);
    const prep = await prepareEnsemble(c, req.model, subset(r, idx));
    try {
      const d = await prep.readSimulation();
      const per = result.nTimes * result.nOut;
      idx.forEach((i, j) => {
        result.status[i] = d.status[j]!;
        result.outputs.set(d.outputs.subarray(j * per, (j + 1) * per), i * per);
      });
      result.stats.maxStepsHit += d.stats.maxStepsHit - idx.length;
      result.stats.nonFinite += d.stats.nonFinite;
      result.stats.underflow += d.stats.underflow;
      result.stats.accepted += d.stats.accepted;
      result.stats.rejected += d.stats.rejected;
    } finally {
      prep.destroy();
    }
  }

  async function momentsOn(c: GpuContext, req: MomentsRequest, r: ResolvedRequest): Promise<MomentsResult> {
    const prep = await prepareEnsemble(c, req.model, r, req.groupSize);
    try {
      let d = await prep.readMoments(true, req.into);
      if (r.autoStiff && d.stats.maxStepsHit > 0) {
        // redo only the trajectories the explicit method gave up on, in place, then reduce again
        const raw = await prep.readRaw(false);
        const idx: number[] = [];
        const { words: W, word } = TRAJECTORY_INFO;
        for (let i = 0; i < r.n; i++) if (infoStatus(raw.info[i * W + word.code]!) === Status.maxSteps) idx.push(i);
        notice(`${idx.length} trajectories hit max-steps or turned stiff with explicit steps; redoing them with the Rosenbrock method`);
        const sub = await prepareEnsemble(c, req.model, subset(r, idx));
        try {
          prep.patch(idx, await sub.readRaw(true));
        } finally {
          sub.destroy();
        }
        d = await prep.readMoments(false, req.into);
      }
      return { nGroups: d.nGroups, nTimes: prep.nTimes, nObs: prep.nOut, okCount: d.okCount, mean: d.mean, cov: d.cov, m22: d.m22, m12: d.m12, stats: d.stats, backend: 'webgpu' };
    } finally {
      prep.destroy();
    }
  }

  const backend: WebGpuBackend = {
    name: 'webgpu',
    get description() { return cpu ? `${cpu.description} (WebGPU lost)` : `WebGPU: ${ctx?.description ?? 'no device'}`; },
    get cachedPipelines() { return ctx?.cache.size ?? 0; },
    async simulate(req, signal) {
      if (signal?.aborted) throw abortError();
      const r = resolveRequest(req);
      const out = await withRecovery((c) => simulateOn(c, req, r), (b) => b.simulate(req, signal));
      if (signal?.aborted) throw abortError();
      return out;
    },
    async moments(req, signal) {
      if (signal?.aborted) throw abortError();
      const r = resolveRequest(req);
      const out = await withRecovery((c) => momentsOn(c, req, r), (b) => b.moments(req, signal));
      if (signal?.aborted) throw abortError();
      return out;
    },
    async prepare(req, groupSize) {
      if (!ctx) throw new Error('the WebGPU device is gone (the backend fell back to the CPU)');
      return prepareEnsemble(ctx, req.model, resolveRequest(req), groupSize);
    },
    async dispose() {
      for (const d of ownsDevice) d.destroy();
      ownsDevice.clear();
      ctx = undefined;
      await cpu?.dispose();
      cpu = undefined;
    },
  };
  return backend;
}
