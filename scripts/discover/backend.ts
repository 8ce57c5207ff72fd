// The CPU backend for scripts: the simulation stage's CPU backend when it is available,
// else its in-thread engine wrapped as an EnsembleBackend.
import { momentsInThread, simulateInThread } from '../../src/simulate/cpu/in-thread.ts';
import type { EnsembleBackend } from '../../src/simulate/types.ts';

export function inThreadBackend(): EnsembleBackend {
  return {
    name: 'cpu',
    description: 'CPU (in-thread)',
    simulate: async (req) => simulateInThread(req),
    moments: async (req) => momentsInThread(req),
    dispose: async () => {},
  };
}
