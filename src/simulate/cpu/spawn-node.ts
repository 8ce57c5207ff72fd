// Node: worker_threads + Comlink's node adapter. The worker is the bundled dist/cli/cpu-worker.mjs,
// found next to the running bundle, or from the sources' place in the repository (tests).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { wrap } from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import type { Spawner } from './spawn.ts';
import type { CpuWorkerApi } from './worker-api.ts';

export function findWorkerFile(): string | null {
  // paths in a variable, so web bundlers do not try to bundle the Node worker as an asset
  const relative = ['./cpu-worker.mjs', '../../../dist/cli/cpu-worker.mjs'];
  for (const u of relative.map((r) => new URL(r, import.meta.url))) {
    if (u.protocol !== 'file:') continue;
    const p = fileURLToPath(u);
    if (existsSync(p)) return p;
  }
  return null;
}

export function nodeSpawner(file: string | null = findWorkerFile()): { spawn: Spawner | null; note: string } {
  if (!file) {
    return { spawn: null, note: 'CPU worker bundle dist/cli/cpu-worker.mjs not found (run `npm run build:cli`): running in the calling thread' };
  }
  const spawn: Spawner = async () => {
    const w = new Worker(file);
    await new Promise<void>((resolve, reject) => {
      w.once('online', () => resolve());
      w.once('error', reject);
    });
    // idle workers must not keep the process alive; the pool refs them while work is in flight
    w.unref();
    const failed = new Promise<never>((_, reject) => {
      w.once('error', (e) => reject(new Error(`CPU worker failed: ${e.message}`)));
      w.once('exit', (code) => reject(new Error(`CPU worker exited (code ${code})`)));
    });
    failed.catch(() => {});
    return {
      failed,
      api: wrap<CpuWorkerApi>(nodeEndpoint(w)),
      busy: (on) => (on ? w.ref() : w.unref()),
      terminate: async () => { await w.terminate(); },
    };
  };
  return { spawn, note: '' };
}
