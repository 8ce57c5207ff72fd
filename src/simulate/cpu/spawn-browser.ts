// Browser: a module Web Worker per pool slot, driven through Comlink.
import { wrap } from 'comlink';
import type { Spawner } from './spawn.ts';
import type { CpuWorkerApi } from './worker-api.ts';

export const browserSpawner: Spawner = async () => {
  const w = new Worker(new URL('./worker-browser.ts', import.meta.url), { type: 'module' });
  const failed = new Promise<never>((_, reject) => {
    w.addEventListener('error', (e) => reject(new Error(`CPU worker failed: ${e.message || 'could not load worker-browser'}`)));
  });
  failed.catch(() => {});
  return {
    failed,
    api: wrap<CpuWorkerApi>(w),
    busy: () => {},
    terminate: async () => w.terminate(),
  };
};
