// Small hand-made datasets with the shapes the first pick must recognise.
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { parseDataset } from '../../src/data/index.ts';
import type { Dataset } from '../../src/data/types.ts';
import { momentsInThread, simulateInThread, type EnsembleBackend } from '../../src/simulate/index.ts';
import { createRunDiscovery } from '../../src/discover/loop.ts';
import { candidateKey } from '../../src/discover/structure-key.ts';
import { fitModel } from '../../src/infer/index.ts';
import { compileSpec } from '../../src/model/index.ts';
import type { ModelSpec } from '../../src/model/spec.ts';

export function series(times: number[], mean: number[], opts: { observable?: string; group?: string; unit?: string; cv?: number; n?: number } = {}): Dataset['series'][number] {
  return {
    observable: opts.observable ?? 'y', group: opts.group ?? 'all', unit: opts.unit, times, mean,
    sd: mean.map((m) => Math.abs(m) * (opts.cv ?? 0.3)), n: times.map(() => opts.n ?? 16),
  };
}

export function dataset(times: number[], mean: number[], opts: { observable?: string; unit?: string; dose?: number; timeUnit?: string } = {}): Dataset {
  const obs = opts.observable ?? 'y';
  return {
    timeUnit: opts.timeUnit ?? 'h',
    observables: [{ name: obs, unit: opts.unit }],
    groups: [{ name: 'all', covariates: opts.dose !== undefined ? { dose: opts.dose } : {} }],
    series: [series(times, mean, { observable: obs, unit: opts.unit })],
    source: { format: 'aggregate', rows: times.length },
  };
}

const T11 = [0.5, 1, 2, 3, 4, 6, 8, 12, 16, 20, 24];
export const ORAL_PK = dataset(T11, T11.map((t) => 10 * (Math.exp(-0.15 * t) - Math.exp(-1.2 * t))), { observable: 'conc', unit: 'mg/L', dose: 100 });
export const IV_PK = dataset(T11, T11.map((t) => 5 * Math.exp(-0.2 * t)), { observable: 'conc', unit: 'mg/L', dose: 100 });
export const BIPHASIC_IV = dataset(T11, T11.map((t) => 8 * Math.exp(-1.0 * t) + 2 * Math.exp(-0.05 * t)), { observable: 'conc', unit: 'mg/L', dose: 100 });
const TD = [0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20];
export const LOGISTIC = dataset(TD, TD.map((t) => 100 / (1 + 19 * Math.exp(-0.5 * t))), { observable: 'volume', unit: 'mm3', timeUnit: 'd' });
export const EPIDEMIC = dataset(TD.map((t) => t * 5), TD.map((t) => 1000 * Math.exp(-(((t - 8) / 3) ** 2)) + 5), { observable: 'cases', unit: 'persons', timeUnit: 'd' });
export const OSCILLATING = dataset(TD.map((t) => t * 3), TD.map((t) => 50 + 30 * Math.sin(t * 0.9)), { observable: 'hares', unit: 'thousand', timeUnit: 'year' });
export const PD_RESPONSE = dataset(T11, T11.map((t) => 100 - 40 * (Math.exp(-0.1 * t) - Math.exp(-0.6 * t))), { observable: 'biomarker', unit: 'U/L', dose: 50 });
export const LINEAR_DECLINE = dataset([0, 3, 6, 9, 12, 15, 18, 21, 24], [50, 48.5, 47, 45.5, 44, 42.5, 41, 39.5, 38], { observable: 'score', unit: 'points', timeUnit: 'month' });

/** concentration and a response measured together (PK-PD) */
export const PKPD: Dataset = {
  timeUnit: 'h',
  observables: [{ name: 'conc', unit: 'mg/L' }, { name: 'response', unit: 'U/L' }],
  groups: [{ name: 'all', covariates: { dose: 200 } }],
  series: [
    series(T11, T11.map((t) => 10 * (Math.exp(-0.15 * t) - Math.exp(-1.2 * t))), { observable: 'conc', unit: 'mg/L' }),
    series(T11, T11.map((t) => 100 - 40 * (Math.exp(-0.1 * t) - Math.exp(-0.6 * t))), { observable: 'response', unit: 'U/L' }),
  ],
  source: { format: 'aggregate', rows: 22 },
};

/** the CPU engine on the test's own thread (no workers): discovery runs in tests use it */
export const inThreadBackend: EnsembleBackend = {
  name: 'cpu', description: 'in-thread',
  simulate: async (r) => simulateInThread(r), moments: async (r) => momentsInThread(r), dispose: async () => {},
};

/** discovery-run sizes for tests: tiny (8 virtual subjects) and small (16 / 32) */
export const TINY_SIZES = { screen: { particles: 48, subjects: 8 }, full: { particles: 96, subjects: 8 } };
export const SMALL_SIZES = { screen: { particles: 48, subjects: 16 }, full: { particles: 128, subjects: 32 } };

/** A discovery run at test sizes: `perRound` candidates per round, one full fit per round. */
export function smallDiscovery(perRound: [number, number], sizes: typeof TINY_SIZES): ReturnType<typeof createRunDiscovery> {
  return createRunDiscovery({ fit: fitModel, compile: (s: ModelSpec) => compileSpec(s), key: candidateKey, perRound, fullPerRound: 1, sizes });
}

/** A real table from test/fixtures (path relative to it), discovered at tiny sizes in two rounds with the context given. */
export async function discoverRealTable(fixture: string, context: string): Promise<Awaited<ReturnType<ReturnType<typeof createRunDiscovery>>>> {
  const data = parseDataset(readFileSync(new URL(`../fixtures/${fixture}`, import.meta.url), 'utf8'), { name: fixture.split('/').pop() });
  return smallDiscovery([6, 4], TINY_SIZES)(data, { seed: 1, rounds: 2, budgetSeconds: 600, context }, inThreadBackend);
}

/** The 5–95% interval of a reported parameter holds a published value (names the parameter when it does not). */
export function expectInterval(parameters: Record<string, { q05: number; q95: number } | undefined>, name: string, published: number): void {
  const p = parameters[name];
  expect(p, `parameter ${name}`).toBeDefined();
  expect(p!.q05, `${name}: 5% quantile below ${published}`).toBeLessThan(published);
  expect(p!.q95, `${name}: 95% quantile above ${published}`).toBeGreaterThan(published);
}
