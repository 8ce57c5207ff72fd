// How the pool gets a worker: one small interface, a Node and a browser implementation.
import type { Remote } from 'comlink';
import type { CpuWorkerApi } from './worker-api.ts';

export interface WorkerHandle {
  api: Remote<CpuWorkerApi>;
  /** keep the process alive while work is in flight (Node); no-op in browsers */
  busy(on: boolean): void;
  terminate(): Promise<void>;
  /** rejects when the worker dies (error or exit), so no call waits forever on a dead worker */
  failed: Promise<never>;
}

export type Spawner = () => Promise<WorkerHandle>;

/** Default worker count: the machine's cores. */
export async function defaultWorkerCount(): Promise<number> {
  if (typeof navigator !== 'undefined' && typeof navigator.hardwareConcurrency === 'number' && navigator.hardwareConcurrency > 0) {
    return navigator.hardwareConcurrency;
  }
  if (typeof process !== 'undefined' && process.versions?.node) {
    const os = await import('node:os');
    return typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  }
  return 1;
}

/** The spawner for the current environment, or null with the reason when none can work here. */
export async function defaultSpawner(): Promise<{ spawn: Spawner | null; note: string }> {
  if (typeof process !== 'undefined' && process.versions?.node && typeof window === 'undefined') {
    const { nodeSpawner } = await import('./spawn-node.ts');
    return nodeSpawner();
  }
  if (typeof Worker !== 'undefined') {
    const { browserSpawner } = await import('./spawn-browser.ts');
    return { spawn: browserSpawner, note: '' };
  }
  return { spawn: null, note: 'no Worker support here: running in the calling thread' };
}
