// nlmixr2data's real and simulated data sets read as they ship (test/fixtures/real-nlmixr2/,
// make-nonmem-csv.py): the NONMEM-style tables a pharmacometrician brings, with rxode2's classic
// event ids, a DVID of text, occasions that restart the clock, replicate assays, dense schedules
// kept at slightly different times, and subjects dosed on schedules or amounts of their own. Each one is read
// without an error into groups a model of the cohort's mean can be fitted to.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { tryParseDataset, type Dataset } from '../../src/data/index.ts';

function read(path: string): { dataset: Dataset; codes: string[] } {
  const r = tryParseDataset(readFileSync(new URL(`../fixtures/real-nlmixr2/${path}`, import.meta.url), 'utf8'));
  if (!r.ok) throw new Error(`${path}: ${r.issues.slice(0, 3).map((i) => `row ${i.row}: ${i.message}`).join('; ')}`);
  return { dataset: r.dataset, codes: r.warnings.map((w) => w.code) };
}

describe('nlmixr2data as it ships', () => {
  it('pheno_sd: 59 infants on their own doses are one group with the cohort-mean regimen, the route left to the words', () => {
    const { dataset: d, codes } = read('as-shipped/pheno_sd.csv');
    expect(d.groups.map((g) => g.name)).toEqual(['dosed, own doses']);
    expect(d.source.subjects).toBe(59);
    expect(d.groups[0]!.regimen?.route).toBeUndefined();
    expect(d.groups[0]!.regimen?.administrations?.length).toBeLessThanOrEqual(64);
    expect(codes).toEqual(expect.arrayContaining(['own-schedules', 'route-unstated']));
  });

  it('warfarin: DVID names cp and pca, replicate assays pooled, per-kilogram doses one group at the mean dose, the route left to the words', () => {
    const { dataset: d, codes } = read('as-shipped/warfarin.csv');
    expect(d.observables.map((o) => o.name).sort()).toEqual(['cp', 'pca']);
    expect(d.source.subjects).toBe(32);
    expect(codes.filter((c) => c === 'repeated-sample')).toHaveLength(4);
    // 60–153 mg (1.5 mg/kg): no dose levels, one group with the cohort-mean dose
    expect(d.groups.map((g) => g.name)).toEqual(['dosed, own doses']);
    expect(d.groups[0]!.regimen?.route).toBeUndefined();
    expect(d.groups[0]!.covariates.dose).toBeGreaterThan(90);
    expect(d.groups[0]!.covariates.dose).toBeLessThan(110);
  });

  it('mavoglurant: crossover occasions are profiles of their own; the dense schedule is read without a duplicate-visit stop', () => {
    const { dataset: d, codes } = read('as-shipped/mavoglurant.csv');
    expect(codes).toContain('occasions');
    expect(d.groups.map((g) => g.covariates.dose).sort((a, b) => a - b)).toEqual([25, 25, 37.5, 50]);
    expect(d.groups.every((g) => g.regimen?.route === 'infusion')).toBe(true);
    // no visit holds two samples of one profile
    const seen = new Set<string>();
    for (const r of d.individuals ?? []) {
      const key = JSON.stringify([r.group, r.observable, r.time, r.id]);
      expect(seen.has(key), key).toBe(false);
      seen.add(key);
    }
    expect(seen.size).toBeGreaterThan(2000);
  });

  it('nimoData: weekly infusions each patient received at other hours are four dose levels with their cohort-mean regimens', () => {
    const { dataset: d, codes } = read('as-shipped/nimoData.csv');
    expect(d.groups.map((g) => g.name)).toEqual(['50 IV infusion, own doses', '100 IV infusion, own doses', '200 IV infusion, own doses', '400 IV infusion, own doses']);
    expect(codes).toEqual(expect.arrayContaining(['own-schedules', 'split-at-doses']));
  });

  it('wbcSim: classic RxODE infusions (EVID 10101 on and off) by body surface area are one group of infusions', () => {
    const { dataset: d } = read('as-shipped/wbcSim.csv');
    expect(d.groups.map((g) => g.name)).toEqual(['IV infusion, own doses']);
    expect(d.groups[0]!.regimen?.route).toBe('infusion');
  });

  it('theo_md: EVID 101 oral doses every 24 h, 11 of 12 subjects at one dose level', () => {
    const { dataset: d, codes } = read('theo-md/nonmem.csv');
    expect(d.groups.map((g) => g.name)).toEqual(['319.8 oral every 24 × 7', '267.8 oral every 24 × 7']);
    expect(codes).toContain('dose-levels');
  });

  it('theo_sd: EVID 101 oral doses, a pre-dose sample beside the dose, each subject\'s scattered times read as the eleven visits of the schedule', () => {
    const { dataset: d, codes } = read('as-shipped/theo_sd.csv');
    expect(d.groups.map((g) => g.name)).toEqual(['319.8 oral', '267.8 oral']);
    const s = d.series.find((x) => x.group === '319.8 oral')!;
    // the 0.25-h sample drawn at 0.25–0.37 h, the 0.5-h one at 0.5–0.77 h: one visit each, not fragments of one or two
    expect(s.n).toEqual(Array(11).fill(11));
    expect(s.times).toEqual([0, 0.25, 0.55, 1, 2.01, 3.5, 5.05, 7.05, 9.05, 12.1, 24.1]);
    expect(codes).toEqual(expect.arrayContaining(['dose-levels', 'binned-times']));
  });
});
