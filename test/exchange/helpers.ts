// Shared helpers of the exchange tests: example specs and CPU simulations compared across specs.
import { readFileSync } from 'node:fs';
import { compileSpec } from '../../src/model/index.ts';
import type { ModelSpec } from '../../src/model/spec.ts';
import { simulateInThread } from '../../src/simulate/index.ts';

export const example = (name: string): ModelSpec => JSON.parse(readFileSync(`public/examples/models/${name}.json`, 'utf8'));

/** simulate a spec with named parameter and covariate values; outputs by observable name */
export function simulateSpec(spec: ModelSpec, params: Record<string, number>, covs: Record<string, number>, times: number[]): Record<string, number[]> {
  const m = compileSpec(spec);
  const p = Float64Array.from(m.parameterNames.map((n) => { if (!(n in params)) throw new Error(`no value for ${n}`); return params[n]!; }));
  const c = Float64Array.from(m.covariateNames.map((n, i) => covs[n] ?? m.covariateDefaults[i]!));
  const r = simulateInThread({ model: m, params: p, covariates: c, t0: 0, times: Float64Array.from(times), solver: { method: 'dopri5', rtol: 1e-11, atol: 1e-13, maxSteps: 1_000_000 }, save: 'observables' });
  if (r.status[0] !== 0) throw new Error(`simulation failed with status ${r.status[0]}`);
  const out: Record<string, number[]> = {};
  m.observableNames.forEach((o, k) => { out[o] = times.map((_, i) => r.outputs[i * r.nOut + k]!); });
  return out;
}

/** largest relative difference (scaled by the series' largest magnitude) between two outputs */
export function maxRelDiff(a: number[], b: number[]): number {
  const scale = Math.max(...a.map(Math.abs), 1e-300);
  return Math.max(...a.map((x, i) => Math.abs(x - b[i]!) / scale));
}

export const GRID = Array.from({ length: 97 }, (_, i) => i * 0.5);
