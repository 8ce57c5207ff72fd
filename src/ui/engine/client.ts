// The page's handle on the engine worker (comlink). One worker, created on first use, so the
// page stays responsive while discovery, fitting and simulation run.
import * as Comlink from 'comlink';
import type { EngineApi } from './protocol.ts';

let remote: Comlink.Remote<EngineApi> | null = null;

export function engine(): Comlink.Remote<EngineApi> {
  if (!remote) {
    const worker = new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module', name: 'mechanist-engine' });
    remote = Comlink.wrap<EngineApi>(worker);
  }
  return remote;
}

export const proxy = Comlink.proxy;
