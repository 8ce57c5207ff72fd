// Browser: a module Web Worker per pool slot, driven through Comlink.
import { wrap } from 'comlink';
import type { Spawner } from './spawn.ts';
import type { CpuWorkerApi } from './worker-api.ts';

export const browserSpawner: Spawner = async () => {
  const w = new Worker(new URL('./worker-browser.ts', import.meta.url), { type: 'module' });
  return {
    api: wrap<CpuWorkerApi>(w),
    busy: () => {},
    terminate: async () => w.terminate(),
  };
};
