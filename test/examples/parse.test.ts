// Every example dataset imports cleanly with the data stage's parser, and what it holds is
// what the manifest says: observables and units, groups and doses, visit times, n, mean-only visits.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyDosingTable, parseDosingTable, tryParseDataset } from '../../src/data/index.ts';
import { validateSpec } from '../../src/model/index.ts';
import { DATA_DIR, readData, readManifest } from './manifest.ts';

const manifest = readManifest();

describe.each(manifest.datasets.map((d) => [d.file, d] as const))('%s', (_file, entry) => {
  const read = tryParseDataset(readData(entry.file), { name: entry.title });
  // with its separate dosing table, when it has one
  const table = entry.dosingFile ? parseDosingTable(readData(entry.dosingFile)) : undefined;
  const parsed = read.ok && table?.ok ? { ...applyDosingTable(read.dataset, table.table), warnings: [...read.warnings, ...table.warnings] } : read;

  it('parses without errors or warnings (a covariate column is announced, nothing else)', () => {
    expect(parsed.ok ? [] : parsed.issues).toEqual([]);
    expect(parsed.warnings.filter((w) => w.code !== 'covariate-column')).toEqual([]);
    const announced = parsed.warnings.map((w) => w.column);
    const covariates = [...new Set(entry.groups.flatMap((g) => Object.keys(g.covariates ?? {})))];
    expect(announced.map((c) => c?.split(' ')[0])).toEqual(covariates);
  });

  it('holds the observables, groups, doses, times and n of the manifest', () => {
    if (!parsed.ok) throw new Error('not parsed');
    const d = parsed.dataset;
    expect(d.source.format).toBe(entry.format);
    expect(d.timeUnit).toBe(entry.timeUnit);
    expect(d.observables).toEqual(entry.observables);
    expect(d.groups.map((g) => g.name)).toEqual(entry.groups.map((g) => g.name));
    d.groups.forEach((g, i) => {
      const dose = entry.groups[i]!.dose;
      if (dose !== undefined) expect(g.covariates.dose).toBe(dose);
      const regimen = entry.groups[i]!.regimen ?? entry.regimen;
      if (regimen) expect(g.regimen, g.name).toEqual(regimen);
      for (const [name, v] of Object.entries(entry.groups[i]!.covariates ?? {})) expect(g.covariates[name]).toBe(v);
    });
    expect(d.series).toHaveLength(entry.groups.length * entry.observables.length);
    for (const s of d.series) {
      expect(s.times).toEqual(entry.times);
      expect(s.n.every((n) => n === entry.n)).toBe(true);
      expect(s.mean.every(Number.isFinite)).toBe(true);
      s.sd.forEach((sd, i) => {
        if (entry.meanOnlyTimes?.includes(s.times[i]!)) expect(sd, `t = ${s.times[i]}`).toBeNull();
        else expect(sd).toBeGreaterThan(0);
      });
    }
  });

  it('has a realistic cohort size and names a model whose parameters the truth covers', () => {
    expect(entry.n).toBeGreaterThanOrEqual(8);
    expect(entry.n).toBeLessThanOrEqual(30);
    const spec = validateSpec(JSON.parse(readFileSync(resolve(DATA_DIR, entry.model.file), 'utf8')));
    expect(spec.spec.name).toBe(entry.model.name);
    const names = spec.spec.parameters.map((p) => p.name);
    expect(Object.keys(entry.truth.theta).sort()).toEqual([...names].sort());
    const varying = spec.spec.parameters.filter((p) => p.varies).map((p) => p.name);
    for (const [name, w] of Object.entries(entry.truth.omega)) {
      expect(varying, `ω given for ${name}`).toContain(name);
      expect(w).toBeGreaterThan(0);
    }
    expect(entry.observables.map((o) => o.name).every((o) => spec.spec.observables.some((x) => x.name === o))).toBe(true);
  });
});

describe('the embedded default', () => {
  it('is one-compartment oral PK at the model default dose, n = 20, 11 visits', () => {
    const entry = manifest.datasets.find((d) => d.file === manifest.default)!;
    expect(entry.model.file).toBe('../models/pk-1cmt-oral.json');
    expect(entry.n).toBe(20);
    expect(entry.times).toHaveLength(11);
    const header = readData(entry.file).split('\n')[0];
    expect(header).toBe('observable,time (h),mean,sd,n,unit');
  });
});
