// The page's handle on the engine worker (comlink). One worker, created on first use, so the
// page stays responsive while discovery, fitting and simulation run. Errors escaping the worker's
// calls (comlink returns the others) are reported to listeners.
import * as Comlink from 'comlink';
import type { EngineApi } from './protocol.ts';

let remote: Comlink.Remote<EngineApi> | null = null;
const crashListeners = new Set<(message: string) => void>();

export function onEngineCrash(listener: (message: string) => void): void {
  crashListeners.add(listener);
}

export function engine(): Comlink.Remote<EngineApi> {
  if (!remote) {
    const w = new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module', name: 'mechanist-engine' });
    w.addEventListener('error', (e) => {
      const message = e.message || 'an error in the engine worker';
      for (const l of crashListeners) l(message);
    });
    remote = Comlink.wrap<EngineApi>(w);
  }
  return remote;
}

export const proxy = Comlink.proxy;
