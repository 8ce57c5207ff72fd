// Shared set-up for the inference tests: example models and the real CPU backend.
import { readFileSync } from 'node:fs';
import { compileSpec } from '../../src/model/index.ts';
import type { CompiledModel } from '../../src/model/compiled.ts';
import { createCpuBackend } from '../../src/simulate/index.ts';
import type { EnsembleBackend } from '../../src/simulate/types.ts';

export function loadModel(path: string): CompiledModel {
  return compileSpec(JSON.parse(readFileSync(path, 'utf8')));
}

export const PK1 = 'public/examples/models/pk-1cmt-oral.json';
export const PK2 = 'test/infer/fixtures/pk-2cmt-oral.json';
export const TIMES_11 = [0.25, 0.5, 1, 2, 3, 4, 6, 8, 12, 16, 24];

export function cpuBackend(): EnsembleBackend {
  return createCpuBackend({ workers: 2 });
}
