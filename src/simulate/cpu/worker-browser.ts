// Browser Web Worker entry of the CPU backend (Vite bundles it as a module worker).
import { expose } from 'comlink';
import { cpuWorkerApi } from './worker-api.ts';

expose(cpuWorkerApi);
