// The CPU EnsembleBackend: trajectories split into contiguous chunks over W workers (f64, same
// engine as in-thread). moments() reduces inside the workers, so only moment arrays come back.
import { transfer } from 'comlink';
import { checkRequest } from '../request.ts';
import { momentStorage, type EnsembleBackend, type EnsembleRequest, type EnsembleResult, type MomentTarget, type MomentsRequest, type MomentsResult, type StepStats } from '../types.ts';
import { momentsChunk, simulateChunk, type ChunkJob, type ChunkResult, type MomentsChunkResult } from './chunk.ts';
import { chunkJobOf } from './in-thread.ts';
import { abortError, CpuPool, type Task } from './pool.ts';
import { defaultSpawner, defaultWorkerCount, type Spawner } from './spawn.ts';

export interface CpuBackendOptions {
  /** worker count (default: the machine's cores) */
  workers?: number;
  /** how to start a worker; null runs everything in the calling thread (default: per environment) */
  spawn?: Spawner | null;
  /** chunks per worker (more chunks: finer cancellation and load balance; default 4) */
  chunksPerWorker?: number;
  /** use generated specialised stepping code (default true) */
  specialise?: boolean;
}

export interface CpuBackend extends EnsembleBackend {
  readonly name: 'cpu';
  /** why the backend runs differently from what was asked (e.g. in-thread fallback) */
  readonly notes: string[];
  /** resolved worker count (0 = in the calling thread); known after the first call */
  readonly workers: number;
}

function emptyStats(): StepStats {
  return { accepted: 0, rejected: 0, maxStepsHit: 0, nonFinite: 0, underflow: 0 };
}

function addStats(a: StepStats, b: StepStats): void {
  a.accepted += b.accepted;
  a.rejected += b.rejected;
  a.maxStepsHit += b.maxStepsHit;
  a.nonFinite += b.nonFinite;
  a.underflow += b.underflow;
}

/** Splits `units` into at most `parts` contiguous ranges [start, end). */
export function splitRanges(units: number, parts: number): [number, number][] {
  const k = Math.max(1, Math.min(units, parts));
  const out: [number, number][] = [];
  for (let i = 0; i < k; i++) {
    const a = Math.floor((i * units) / k);
    const b = Math.floor(((i + 1) * units) / k);
    if (b > a) out.push([a, b]);
  }
  return out;
}

/** SharedArrayBuffer can travel to workers (Node; a browser page only when cross-origin isolated). */
const sharedMemory = typeof SharedArrayBuffer !== 'undefined' && (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated !== false;
const MAX_SLOTS = 4;

/** A job whose parameters are views of shared memory: only the (small) covariates are copied. */
function sharedJob(job: ChunkJob): ChunkJob {
  if (job.covStride === 0) return job;
  const covariates = job.covariates.slice();
  return transfer({ ...job, covariates }, [covariates.buffer]);
}

/** A job whose arrays are private copies, so they can be transferred to a worker. */
function transferable(job: ChunkJob): ChunkJob {
  const params = job.params.slice();
  const covariates = job.covariates.slice();
  return transfer({ ...job, params, covariates }, [params.buffer, covariates.buffer]);
}

async function yieldToEventLoop(): Promise<void> {
  await new Promise((r) => setTimeout(r, 0));
}

export function createCpuBackend(opts: CpuBackendOptions = {}): CpuBackend {
  const notes: string[] = [];
  let pool: CpuPool | null = null;
  let resolved: Promise<void> | null = null;
  let workers = 0;
  let ready = false;

  const setup = (): Promise<void> => {
    resolved ??= (async () => {
      const want = opts.workers ?? (await defaultWorkerCount());
      if (!(Number.isInteger(want) && want >= 1)) throw new Error(`workers must be a positive integer (got ${want})`);
      let spawn = opts.spawn;
      if (spawn === undefined) {
        const d = await defaultSpawner();
        spawn = d.spawn;
        if (d.note) notes.push(d.note);
      }
      if (spawn) {
        pool = new CpuPool(spawn, want);
        workers = want;
      }
      ready = true;
    })();
    return resolved;
  };

  /** Runs tasks on the pool; if the workers cannot start, notes it and runs them in-thread. */
  async function runTasks<T>(jobs: ChunkJob[], remote: (j: ChunkJob, k: number) => Task<T>, local: (j: ChunkJob, k: number) => T, signal?: AbortSignal): Promise<T[]> {
    await setup();
    if (pool) {
      try {
        return await pool.run(jobs.map((j, k) => remote(j, k)), signal);
      } catch (e) {
        if (signal?.aborted) throw e;
        const msg = e instanceof Error ? e.message : String(e);
        if (!/worker|Cannot find module|ERR_/i.test(msg)) throw e;
        notes.push(`CPU workers failed to start (${msg}): running in the calling thread`);
        await pool.dispose().catch(() => {});
        pool = null;
        workers = 0;
      }
    }
    const out: T[] = [];
    for (const [k, j] of jobs.entries()) {
      if (signal?.aborted) throw abortError(signal);
      out.push(local(j, k));
      await yieldToEventLoop();
    }
    if (signal?.aborted) throw abortError(signal);
    return out;
  }

  // shared-memory slots for moments() calls (one per call in flight), reused call after call
  interface Slot { params: Float64Array; okCount: Uint32Array; mean: Float64Array; cov: Float64Array; m22: Float64Array; m12: Float64Array }
  const slots: Slot[] = [];
  const sharedF64 = (len: number) => new Float64Array(new SharedArrayBuffer(Math.max(8, len * 8)));
  const takeSlot = (nParams: number, nGroups: number, nMean: number, nSq: number): Slot => {
    const i = slots.findIndex((x) => x.params.length >= nParams && x.okCount.length >= nGroups && x.mean.length >= nMean && x.cov.length >= nSq);
    if (i >= 0) return slots.splice(i, 1)[0]!;
    // too small for this call: let the smallest go, and make one that fits (with some headroom)
    if (slots.length >= MAX_SLOTS) slots.splice(slots.reduce((m, x, k) => (x.params.length < slots[m]!.params.length ? k : m), 0), 1);
    const up = (x: number) => Math.ceil(x * 1.25);
    return {
      params: sharedF64(up(nParams)), okCount: new Uint32Array(new SharedArrayBuffer(Math.max(4, up(nGroups) * 4))),
      mean: sharedF64(up(nMean)), cov: sharedF64(up(nSq)), m22: sharedF64(up(nSq)), m12: sharedF64(up(nSq)),
    };
  };

  const chunkCount = (): number => Math.max(1, workers) * (opts.chunksPerWorker ?? 4);

  return {
    name: 'cpu',
    notes,
    get workers() { return workers; },
    get description() {
      if (!ready) return `CPU${opts.workers ? ` × ${opts.workers} worker${opts.workers === 1 ? '' : 's'}` : ''} (f64)`;
      return pool ? `CPU × ${workers} worker${workers === 1 ? '' : 's'} (f64)` : 'CPU, calling thread (f64)';
    },

    async simulate(req: EnsembleRequest, signal?: AbortSignal): Promise<EnsembleResult> {
      const { n, nTimes, nOut } = checkRequest(req);
      await setup();
      if (signal?.aborted) throw abortError(signal);
      const per = nTimes * nOut;
      const ranges = splitRanges(n, chunkCount());
      const jobs = ranges.map(([a, b]) => chunkJobOf(req, a, b - a, opts.specialise));
      const parts = await runTasks<ChunkResult>(jobs, (j) => (api) => api.simulate(transferable(j)), simulateChunk, signal);
      const outputs = new Float64Array(n * per);
      const status = new Uint8Array(n);
      const stats = emptyStats();
      parts.forEach((p, k) => {
        const a = ranges[k]![0];
        outputs.set(p.outputs, a * per);
        status.set(p.status, a);
        addStats(stats, p.stats);
      });
      return { n, nTimes, nOut, outputs, status, stats, backend: 'cpu' };
    },

    async moments(req: MomentsRequest, signal?: AbortSignal): Promise<MomentsResult> {
      const { n, nTimes, nOut, nP } = checkRequest(req);
      await setup();
      if (signal?.aborted) throw abortError(signal);
      const g = req.groupSize;
      const nGroups = n / g;
      const ranges = splitRanges(nGroups, chunkCount());
      const T2 = nTimes * nTimes;
      const out = momentStorage(nGroups, nOut, nTimes, req.into);
      const res: MomentsResult = { nGroups, nTimes, nObs: nOut, ...out, stats: emptyStats(), backend: 'cpu' };
      if (pool && sharedMemory) {
        // parameters and moments travel through memory shared with the workers: nothing is
        // copied into a message and nothing is left behind for the garbage collector per call
        const slot = takeSlot(n * nP, nGroups, nGroups * nOut * nTimes, nGroups * nOut * T2);
        try {
          slot.params.set(req.params.subarray(0, n * nP));
          const shared: MomentsRequest = { ...req, params: slot.params.subarray(0, n * nP) };
          const jobs = ranges.map(([a, b]) => chunkJobOf(shared, a * g, (b - a) * g, opts.specialise));
          const view = ([a, b]: [number, number]): MomentTarget => ({
            okCount: slot.okCount.subarray(a, b),
            mean: slot.mean.subarray(a * nOut * nTimes, b * nOut * nTimes),
            cov: slot.cov.subarray(a * nOut * T2, b * nOut * T2),
            m22: slot.m22.subarray(a * nOut * T2, b * nOut * T2),
            m12: slot.m12.subarray(a * nOut * T2, b * nOut * T2),
          });
          const stats = await runTasks<StepStats>(jobs, (j, k) => (api) => api.momentsInto(sharedJob(j), g, view(ranges[k]!)), (j, k) => momentsChunk(j, g, view(ranges[k]!)).stats, signal);
          for (const st of stats) addStats(res.stats, st);
          res.okCount.set(slot.okCount.subarray(0, nGroups));
          res.mean.set(slot.mean.subarray(0, res.mean.length));
          res.cov.set(slot.cov.subarray(0, res.cov.length));
          res.m22.set(slot.m22.subarray(0, res.m22.length));
          res.m12.set(slot.m12.subarray(0, res.m12.length));
        } finally {
          slots.push(slot);
        }
        return res;
      }
      const jobs = ranges.map(([a, b]) => chunkJobOf(req, a * g, (b - a) * g, opts.specialise));
      const parts = await runTasks<MomentsChunkResult>(jobs, (j) => (api) => api.moments(transferable(j), g), (j) => momentsChunk(j, g), signal);
      parts.forEach((p, k) => {
        const a = ranges[k]![0];
        res.okCount.set(p.okCount, a);
        res.mean.set(p.mean, a * nOut * nTimes);
        res.cov.set(p.cov, a * nOut * T2);
        res.m22.set(p.m22, a * nOut * T2);
        res.m12.set(p.m12, a * nOut * T2);
        addStats(res.stats, p.stats);
      });
      return res;
    },

    async dispose(): Promise<void> {
      const p = pool;
      pool = null;
      resolved = null;
      ready = false;
      if (p) await p.dispose();
    },
  };
}
