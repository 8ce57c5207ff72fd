// Shared set-up for the inference tests: example models and the real CPU backend.
import { readFileSync } from 'node:fs';
import { compileSpec } from '../../src/model/index.ts';
import type { CompiledModel } from '../../src/model/compiled.ts';
import { createCpuBackend } from '../../src/simulate/index.ts';
import type { EnsembleBackend } from '../../src/simulate/types.ts';
import type { ModelSpec } from '../../src/model/spec.ts';

export function loadModel(path: string): CompiledModel {
  return compileSpec(JSON.parse(readFileSync(path, 'utf8')));
}

export const PK1 = 'public/examples/models/pk-1cmt-oral.json';
export const PK2 = 'test/infer/fixtures/pk-2cmt-oral.json';
export const TIMES_11 = [0.25, 0.5, 1, 2, 3, 4, 6, 8, 12, 16, 24];

export function cpuBackend(): EnsembleBackend {
  return createCpuBackend({ workers: 2 });
}

/** one-compartment oral and IV-bolus PK written inline (the regimen tests give them schedules) */
export const ORAL: ModelSpec = {
  name: 'oral', states: [{ name: 'gut', initial: '0' }, { name: 'central', initial: '0' }],
  parameters: [{ name: 'ka', prior: { type: 'lognormal', median: 1, gsd: 2 } }, { name: 'CL', prior: { type: 'lognormal', median: 3, gsd: 2 } }, { name: 'V', prior: { type: 'lognormal', median: 30, gsd: 2 } }],
  covariates: [{ name: 'dose', default: 100 }],
  equations: { gut: '-ka*gut', central: 'ka*gut - CL/V*central' },
  observables: [{ name: 'conc', expression: 'central/V' }],
  doses: [{ type: 'bolus', state: 'gut', amount: 'dose', time: 0 }],
};
export const IV: ModelSpec = {
  ...ORAL, name: 'iv', states: [{ name: 'central', initial: '0' }], parameters: ORAL.parameters.slice(1),
  equations: { central: '-CL/V*central' }, doses: [{ type: 'bolus', state: 'central', amount: 'dose', time: 0 }],
};
