// Node worker_threads entry of the CPU backend (bundled to dist/cli/cpu-worker.mjs).
import { parentPort } from 'node:worker_threads';
import { expose } from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { cpuWorkerApi } from './worker-api.ts';

if (!parentPort) throw new Error('cpu-worker: must run inside a worker thread');
expose(cpuWorkerApi, nodeEndpoint(parentPort));
