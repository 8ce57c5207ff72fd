// Volumes in the field's unit (docs/discovery.md, "Volumes and clearances in litres"): a dose in mg
// with concentrations in ng/mL gives V in litres (concentration = 1000·amount/V), not in
// "mg/(ng/mL)". Checked against the closed form of one-compartment oral PK, on a parsed CSV whose
// dose column, group names or context state the unit.
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { parseDataset } from '../../src/data/index.ts';
import { buildPk, dataScales, MOTIFS, type DataScales, type PkDescriptor } from '../../src/discover/library/index.ts';
import { volumeScale } from '../../src/discover/library/priors.ts';
import { compileSpec, validateSpec } from '../../src/model/index.ts';
import { createCpuBackend } from '../../src/simulate/index.ts';
import { ORAL_PK, PKPD } from './fixtures.ts';

const backend = createCpuBackend({ spawn: null });
afterAll(() => backend.dispose());

const ORAL: PkDescriptor = { compartments: 1, route: 'oral', absorption: 'first-order', elimination: 'linear' };
const scales = (doseUnit: string | undefined, unit: string): DataScales => ({ ...dataScales(ORAL_PK), unit, ...(doseUnit !== undefined ? { doseUnit } : { doseUnit: undefined }) });

/** a 1-compartment oral cohort (ka 1.2, CL 5 L/h, V 50 L, 100 mg) in ng/mL; `dose` is the dose column's header */
function ngPerMlCsv(dose = 'dose (mg)', group = 'oral'): string {
  const rows = [0.5, 1, 2, 4, 8, 12, 24].map((t) => {
    const k = 0.1, ka = 1.2;
    const c = 1000 * (100 * ka) / (50 * (ka - k)) * (Math.exp(-k * t) - Math.exp(-ka * t));
    return `${group},100,${t},${c.toFixed(2)},${(0.3 * c).toFixed(2)},12,ng/mL`;
  });
  return [`group,${dose},time (h),mean,sd,n,unit`, ...rows].join('\n') + '\n';
}

describe('volume units', () => {
  it('convert a dose and a concentration unit to litres with the factor between them', () => {
    expect(volumeScale(scales('mg', 'ng/mL'))).toEqual({ unit: 'L', factor: 1000 });
    expect(volumeScale(scales('mg', 'µg/L'))).toEqual({ unit: 'L', factor: 1000 });
    expect(volumeScale(scales('mg', 'mg/L'))).toEqual({ unit: 'L', factor: 1 });
    expect(volumeScale(scales('mg', 'ug/ml'))).toEqual({ unit: 'L', factor: 1 });
    expect(volumeScale(scales('g', 'mg/L'))).toEqual({ unit: 'L', factor: 1000 });
    expect(volumeScale(scales('mg', 'mg/dL'))).toEqual({ unit: 'L', factor: 0.1 });
    expect(volumeScale(scales('µg/kg', 'ng/mL'))).toEqual({ unit: 'L/kg', factor: 1 });
    expect(volumeScale(scales('mg/kg', 'ng/mL'))).toEqual({ unit: 'L/kg', factor: 1000 });
    expect(volumeScale(scales('nmol', 'nM'))).toEqual({ unit: 'L', factor: 1 });
    expect(volumeScale(scales('mmol', 'µmol/L'))).toEqual({ unit: 'L', factor: 1000 });
    // units that do not convert keep the ratio of the data's own
    expect(volumeScale(scales('mg', 'nmol/L'))).toEqual({ unit: 'mg/(nmol/L)', factor: 1 });
    expect(volumeScale(scales('IU', 'IU/mL'))).toEqual({ unit: 'mL', factor: 1 });
    // a length is no molar concentration
    expect(volumeScale(scales('mmol', 'mm'))).toEqual({ unit: 'mmol/(mm)', factor: 1 });
    // no unit for the dose: nothing is assumed about it
    expect(volumeScale(scales(undefined, 'ng/mL'))).toEqual({ unit: 'mg/(ng/mL)', factor: 1 });
    expect(volumeScale(scales(undefined, 'mg/L'))).toEqual({ unit: 'L', factor: 1 });
  });

  it('read the dose unit from the dose column, else the groups\' names, else the context', () => {
    expect(parseDataset(ngPerMlCsv()).doseUnit).toBe('mg');
    // NONMEM-format rows: the AMT header's unit
    expect(parseDataset(readFileSync('public/examples/data/pk-oral-multiple-nonmem.csv', 'utf8')).doseUnit).toBe('mg');
    expect(dataScales(parseDataset(ngPerMlCsv())).doseUnit).toBe('mg');
    expect(dataScales(parseDataset(ngPerMlCsv('dose', '100mg'))).doseUnit).toBe('mg');
    expect(dataScales(parseDataset(ngPerMlCsv('dose', 'oral'))).doseUnit).toBeUndefined();
    expect(dataScales(parseDataset(ngPerMlCsv('dose', 'oral')), 'a single 100 mg oral dose').doseUnit).toBe('mg');
    // a unit given with another amount than the table's doses is not the table's (ACOP's doses are stored ×1000)
    expect(dataScales(parseDataset(ngPerMlCsv('dose', 'oral')), 'a single 0.1 mg oral dose').doseUnit).toBeUndefined();
    // the context's unit after one of the data's doses, as a study design is written
    expect(dataScales(parseDataset(ngPerMlCsv('dose', 'oral')), 'a 10-minute IV infusion of 50 or 100 mg').doseUnit).toBe('mg');
    expect(dataScales(parseDataset(ngPerMlCsv('dose', 'oral')), 'doses of 25, 50 or 100 mg/kg').doseUnit).toBe('mg/kg');
    expect(dataScales(parseDataset(ngPerMlCsv('dose', 'oral')), 'levels below 100 mg/L').doseUnit).toBeUndefined();
    // a group name whose number is not the group's dose says nothing about the unit
    expect(dataScales(parseDataset(ngPerMlCsv('dose', 'cohort 5 mg'))).doseUnit).toBeUndefined();
  });

  it('give every PK motif V in litres and priors 1000 times those in mg/L for ng/mL data', () => {
    const ng = dataScales(parseDataset(ngPerMlCsv()));
    const mgL = { ...ng, unit: 'mg/L', yMax: ng.yMax / 1000, yMinPositive: ng.yMinPositive / 1000, yFirst: ng.yFirst / 1000, yLast: ng.yLast / 1000, yMin: ng.yMin / 1000 };
    const median = (spec: ReturnType<typeof buildPk>, p: string) => (spec.parameters.find((x) => x.name === p)!.prior as { median: number }).median;
    for (const m of MOTIFS.filter((x) => x.family === 'pk' && x.pk)) {
      const a = m.build(ng), b = m.build(mgL);
      validateSpec(a);
      expect(a.parameters.find((p) => p.name === 'V')!.unit, m.id).toBe('L');
      expect(a.observables[0]!.expression, m.id).toMatch(/\*1000$/);
      expect(median(a, 'V') / median(b, 'V'), m.id).toBeCloseTo(1, 9);
      if (m.pk!.elimination !== 'mm') expect(median(a, 'CL') / median(b, 'CL'), m.id).toBeCloseTo(1, 9);
      if (m.pk!.elimination !== 'linear') expect(median(a, 'Vmax') / median(b, 'Vmax'), m.id).toBeCloseTo(1, 9);
    }
  });

  it('simulate 1000·dose/V·(closed form) in ng/mL with V in litres', async () => {
    const model = compileSpec(buildPk(ORAL, dataScales(parseDataset(ngPerMlCsv()))));
    const [ka, CL, V] = [1.2, 5, 50];
    const times = Float64Array.from([0.5, 1, 2, 4, 8, 12, 24]);
    const params = Float64Array.from(model.parameterNames.map((n) => ({ ka, CL, V })[n as 'ka']));
    const covariates = Float64Array.from(model.covariateNames.map(() => 100));
    const r = await backend.simulate({ model, params, covariates, times, solver: { method: 'auto', rtol: 1e-9, atol: 1e-12 } });
    const k = CL / V;
    times.forEach((t, i) => {
      const exact = 1000 * ((100 * ka) / (V * (ka - k))) * (Math.exp(-k * t) - Math.exp(-ka * t));
      expect(Math.abs(r.outputs[i]! - exact) / exact, `t = ${t}`).toBeLessThan(1e-6);
    });
  });

  it('give the PK-PD motifs the same conversion in their concentration and its drive', () => {
    const ng = <T extends { unit?: string }>(o: T): T => (o.unit === 'mg/L' ? { ...o, unit: 'ng/mL' } : o);
    const s = dataScales({ ...PKPD, doseUnit: 'mg', observables: PKPD.observables.map(ng), series: PKPD.series.map(ng) });
    expect(s.pkpd?.conc.unit).toBe('ng/mL');
    const spec = MOTIFS.find((m) => m.family === 'pd' && m.id.startsWith('pd-idr'))!.build(s);
    validateSpec(spec);
    expect(spec.observables.find((o) => o.unit === 'ng/mL')!.expression).toBe('central/V*1000');
    expect(Object.values(spec.equations).join(' ')).toContain('central/V*1000');
    expect(spec.parameters.find((p) => p.name === 'V')!.unit).toBe('L');
  });
});
