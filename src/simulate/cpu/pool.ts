// A fixed set of workers pulling tasks from one queue. Cancellation is checked between tasks:
// a running chunk finishes, no new one starts, and the call rejects with the abort reason.
import type { Remote } from 'comlink';
import type { Spawner, WorkerHandle } from './spawn.ts';
import type { CpuWorkerApi } from './worker-api.ts';

export type Task<T> = (api: Remote<CpuWorkerApi>) => Promise<T>;

/** How long a new worker may take to answer its first call. */
const START_TIMEOUT_MS = 20_000;

async function handshake(h: WorkerHandle): Promise<WorkerHandle> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`CPU worker did not answer within ${START_TIMEOUT_MS / 1000} s`)), START_TIMEOUT_MS);
  });
  h.busy(true);
  try {
    await Promise.race([h.api.ping(), h.failed, timeout]);
    return h;
  } finally {
    clearTimeout(timer);
    h.busy(false);
  }
}

export function abortError(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('The simulation was cancelled', 'AbortError');
}

export class CpuPool {
  private handles: WorkerHandle[] = [];
  private users = new Map<WorkerHandle, number>();
  private starting: Promise<void> | null = null;

  constructor(private readonly spawn: Spawner, readonly size: number) {}

  private start(): Promise<void> {
    this.starting ??= (async () => {
      const settled = await Promise.allSettled(Array.from({ length: this.size }, () => this.spawn()));
      const started = settled.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
      const refused = settled.find((r) => r.status === 'rejected');
      try {
        if (refused) throw refused.reason;
        await Promise.all(started.map(handshake));
      } catch (e) {
        await Promise.all(started.map((h) => h.terminate().catch(() => {})));
        throw e;
      }
      this.handles = started;
    })();
    return this.starting;
  }

  /** Runs the tasks on the workers (each worker takes the next task when free); results in task order. */
  async run<T>(tasks: Task<T>[], signal?: AbortSignal): Promise<T[]> {
    await this.start();
    const results = new Array<T>(tasks.length);
    let next = 0;
    const loop = async (h: WorkerHandle): Promise<void> => {
      while (next < tasks.length) {
        if (signal?.aborted) throw abortError(signal);
        const i = next++;
        results[i] = await Promise.race([tasks[i]!(h.api), h.failed]);
      }
    };
    const used = this.handles.slice(0, Math.max(1, Math.min(this.handles.length, tasks.length)));
    // several runs may be in flight at once (a likelihood sweep keeps the next call queued so no
    // worker waits): a worker is released only when the last run using it ends
    for (const h of used) { const k = this.users.get(h) ?? 0; this.users.set(h, k + 1); if (k === 0) h.busy(true); }
    try {
      await Promise.all(used.map(loop));
    } finally {
      for (const h of used) { const k = (this.users.get(h) ?? 1) - 1; this.users.set(h, k); if (k === 0) h.busy(false); }
    }
    if (signal?.aborted) throw abortError(signal);
    return results;
  }

  async dispose(): Promise<void> {
    const hs = this.handles;
    this.handles = [];
    this.users.clear();
    this.starting = null;
    await Promise.all(hs.map((h) => h.terminate()));
  }
}
