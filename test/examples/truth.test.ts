// The truth written in the manifest is the truth behind each file: a large reference cohort
// simulated from it (another seed) reproduces each series of visit means within its joint
// sampling error (visits of the same patients are correlated, hence Mahalanobis, not per-visit z),
// and a wrong truth does not.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseDataset, type Dataset } from '../../src/data/index.ts';
import { applyRegimen, simulateCohort, type CohortTruth, type SyntheticIndividual } from '../../src/infer/index.ts';
import { compileSpec } from '../../src/model/index.ts';
import { createCpuBackend } from '../../src/simulate/index.ts';
import type { ManifestEntry } from '../../scripts/examples/generate.ts';
import { DATA_DIR, readData, readManifest } from './manifest.ts';

const M = 1000;
const backend = createCpuBackend({ spawn: null });
afterAll(() => backend.dispose());

/** Solves A x = b for symmetric positive definite A (T × T, row-major) by Cholesky. */
function solveSpd(A: number[], b: number[]): number[] {
  const T = b.length;
  const L = new Array<number>(T * T).fill(0);
  for (let i = 0; i < T; i++) {
    for (let j = 0; j <= i; j++) {
      let s = A[i * T + j]!;
      for (let k = 0; k < j; k++) s -= L[i * T + k]! * L[j * T + k]!;
      L[i * T + j] = i === j ? Math.sqrt(s) : s / L[j * T + j]!;
    }
  }
  const y = b.slice();
  for (let i = 0; i < T; i++) {
    for (let k = 0; k < i; k++) y[i]! -= L[i * T + k]! * y[k]!;
    y[i]! /= L[i * T + i]!;
  }
  for (let i = T - 1; i >= 0; i--) {
    for (let k = i + 1; k < T; k++) y[i]! -= L[k * T + i]! * y[k]!;
    y[i]! /= L[i * T + i]!;
  }
  return y;
}

/** Upper 99.9% point of χ² with k degrees of freedom (Wilson–Hilferty). */
function chi2Upper999(k: number): number {
  const a = 2 / (9 * k);
  return k * (1 - a + 3.09 * Math.sqrt(a)) ** 3;
}

/** Σ over series of the Mahalanobis distance of the file's visit means from a reference cohort's. */
async function distance(entry: ManifestEntry, data: Dataset, truth: CohortTruth): Promise<{ d2: number; dof: number }> {
  const spec = JSON.parse(readFileSync(resolve(DATA_DIR, entry.model.file), 'utf8'));
  // the file's regimen (when it has one) drives the reference simulation, as it drives fits
  // (groups on their own schedules: each group by its own model)
  const ref: Dataset = { observables: [], groups: [], series: [], source: { format: 'aggregate', rows: 0 } };
  const individuals: SyntheticIndividual[] = [];
  const schedules = entry.groups.some((g) => g.regimen) ? entry.groups.map((g) => [g]) : [entry.groups];
  for (const groups of schedules) {
    const regimen = groups[0]!.regimen ?? entry.regimen;
    const model = compileSpec(regimen ? applyRegimen(spec, regimen) : spec);
    const sim = await simulateCohort(model, truth, { times: entry.times, n: M, groups: groups.map((g) => ({ name: g.name, ...(g.dose !== undefined ? { dose: g.dose } : {}), ...(g.covariates ? { covariates: g.covariates } : {}) })) }, 99, backend);
    ref.series.push(...sim.dataset.series);
    for (const row of sim.individuals) individuals.push(row);
  }
  let d2 = 0, dof = 0;
  for (const s of data.series) {
    const r = ref.series.find((x) => x.group === s.group && x.observable === s.observable)!;
    const T = r.times.length;
    const byId = new Map<string, number[]>();
    for (const row of individuals) {
      if (row.group !== s.group || row.observable !== s.observable) continue;
      const v = byId.get(row.id) ?? [];
      v.push(row.value);
      byId.set(row.id, v);
    }
    const cov = new Array<number>(T * T).fill(0);
    for (const v of byId.values()) {
      for (let i = 0; i < T; i++) for (let j = 0; j < T; j++) cov[i * T + j]! += ((v[i]! - r.mean[i]!) * (v[j]! - r.mean[j]!)) / (byId.size - 1);
    }
    const n = s.n[0]!;
    const scaled = cov.map((c) => c * (1 / n + 1 / M));
    const diff = s.mean.map((m, i) => m - r.mean[i]!);
    const x = solveSpd(scaled, diff);
    d2 += diff.reduce((acc, di, i) => acc + di * x[i]!, 0);
    dof += T;
  }
  return { d2, dof };
}

const manifest = readManifest();

describe('manifest truth', () => {
  it.each(manifest.datasets.map((d) => [d.file, d] as const))('reproduces the visit means of %s', async (_file, entry) => {
    const { d2, dof } = await distance(entry, parseDataset(readData(entry.file)), entry.truth);
    expect(d2).toBeLessThan(chi2Upper999(dof));
  });

  it('rejects a wrong truth (clearance 40% higher) for the default dataset', async () => {
    const entry = manifest.datasets.find((d) => d.file === manifest.default)!;
    const wrong: CohortTruth = { ...entry.truth, theta: { ...entry.truth.theta, CL: entry.truth.theta.CL! * 1.4 } };
    const { d2, dof } = await distance(entry, parseDataset(readData(entry.file)), wrong);
    expect(d2).toBeGreaterThan(chi2Upper999(dof));
  });
});
