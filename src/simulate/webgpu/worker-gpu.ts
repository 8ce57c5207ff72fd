// The browser's dedicated WebGPU worker: ensembles run off the page's thread, driven by
// client.ts through Comlink.
import { expose } from 'comlink';
import { gpuWorkerApi } from './worker-api.ts';

expose(gpuWorkerApi());
