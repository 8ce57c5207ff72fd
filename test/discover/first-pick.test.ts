import { describe, expect, it } from 'vitest';
import { dataFeatures } from '../../src/discover/features.ts';
import { firstPick, primaryShape } from '../../src/discover/first-pick.ts';
import { familyOf, namedFamilies } from '../../src/discover/domain.ts';
import { readFileSync } from 'node:fs';
import { parseDataset } from '../../src/data/index.ts';
import { dataScales, motifById } from '../../src/discover/library/index.ts';
import { concentrationUnit } from '../../src/discover/library/scales.ts';
import { BIPHASIC_IV, EPIDEMIC, IV_PK, LINEAR_DECLINE, LOGISTIC, ORAL_PK, OSCILLATING, PD_RESPONSE, dataset, series } from './fixtures.ts';
import type { Dataset } from '../../src/data/types.ts';

const ids = (d: Parameters<typeof dataFeatures>[0], k: number, ctx = '') => firstPick(d, dataFeatures(d), k, ctx).map((s) => s.motif.id);

describe('data features', () => {
  it('recognise peak, decay, biphasic decline, sigmoid plateau, oscillation, dosing', () => {
    const oral = dataFeatures(ORAL_PK);
    expect(oral.singlePeak && oral.dosing && oral.endsBelowStart).toBe(true);
    expect(primaryShape(oral)).toBe('peak');
    const iv = dataFeatures(IV_PK);
    expect(iv.decay && !iv.singlePeak && !iv.biphasicDecline).toBe(true);
    expect(dataFeatures(BIPHASIC_IV).biphasicDecline).toBe(true);
    const lg = dataFeatures(LOGISTIC);
    expect(lg.rise && lg.sigmoid && lg.plateau && !lg.dosing).toBe(true);
    expect(dataFeatures(OSCILLATING).oscillation).toBe(true);
    // R's BOD: six noisy points of a rise toward a plateau wiggle (19 → 15.6 → 19.8) but do not cycle
    const bod = { ...OSCILLATING, series: [{ ...OSCILLATING.series[0]!, times: [1, 2, 3, 4, 5, 7], mean: [8.3, 10.3, 19, 16, 15.6, 19.8], sd: [null, null, null, null, null, null], n: [1, 1, 1, 1, 1, 1] }] };
    expect(dataFeatures(bod).oscillation).toBe(false);
    expect(dataFeatures(bod).rise).toBe(true);
    expect(dataFeatures(EPIDEMIC).singlePeak).toBe(true);
    const pd = dataFeatures(PD_RESPONSE);
    expect(pd.returnsToBaseline && pd.singlePeak && !pd.endsBelowStart && pd.decay === false).toBe(true);
    expect(dataFeatures(LINEAR_DECLINE).linear).toBe(true);
  });
  it('detect diverging dose-normalised curves across dose groups', () => {
    const two = structuredClone(IV_PK);
    two.groups = [{ name: 'lo', covariates: { dose: 10 } }, { name: 'hi', covariates: { dose: 100 } }];
    two.series = [{ ...IV_PK.series[0]!, group: 'lo', mean: IV_PK.series[0]!.mean.map((m) => m / 10) }, { ...IV_PK.series[0]!, group: 'hi' }];
    expect(dataFeatures(two).doseNonlinear).toBe(false);
    two.series[0]!.mean = two.series[0]!.mean.map((m) => m * 3); // low dose: relatively higher exposure (saturation at high dose)
    expect(dataFeatures(two).doseNonlinear).toBe(true);
    // a group of one or two subjects is their own clearance, not its dose level's: not compared
    two.series[0]!.n = two.series[0]!.n.map(() => 2);
    expect(dataFeatures(two).doseNonlinear).toBe(false);
  });
});

describe('first pick', () => {
  it('picks mechanisms that can produce the observed shape', () => {
    expect(ids(ORAL_PK, 3)[0]).toBe('pk-1cmt-oral');
    expect(ids(IV_PK, 2)[0]).toBe('pk-1cmt-iv');
    expect(ids(BIPHASIC_IV, 3)).toContain('pk-2cmt-iv');
    expect(ids(LOGISTIC, 4)).toEqual(expect.arrayContaining(['growth-logistic', 'growth-gompertz']));
    expect(ids(EPIDEMIC, 3, 'influenza outbreak, number infected')[0]).toMatch(/^epi-/);
    expect(ids(OSCILLATING, 2)).toContain('predator-prey');
    expect(ids(PD_RESPONSE, 4)).toEqual(expect.arrayContaining(['pd-idr-1']));
    expect(ids(PD_RESPONSE, 4).some((id) => id.startsWith('pk-'))).toBe(false);
    expect(ids(LINEAR_DECLINE, 2)).toContain('dp-linear');
  });
  it('never picks dose-driven motifs for data without doses', () => {
    for (const d of [LOGISTIC, EPIDEMIC, OSCILLATING, LINEAR_DECLINE]) {
      for (const s of firstPick(d, dataFeatures(d), 50)) expect(s.motif.needsDose).toBe(false);
    }
  });
  it('lets the context steer between families', () => {
    const plain = ids(LINEAR_DECLINE, 1)[0];
    expect(plain).toMatch(/^dp-/);
    expect(ids(LOGISTIC, 1, 'tumour volume in mice')[0]).toMatch(/^growth-/);
    // populations and cultures grow: the census, flies in a bottle, a yeast or bacterial culture
    for (const words of ['Population of the United States (millions), decennial census', 'Drosophila flies in a bottle', 'yeast culture, cell volume', 'optical density (OD600) of E. coli']) {
      expect(namedFamilies(LOGISTIC, words).has('growth')).toBe(true);
    }
    // the population at risk of an epidemic and population pharmacokinetics are not growth
    expect(namedFamilies(EPIDEMIC, 'influenza in a population of 763 boys').has('growth')).toBe(false);
    expect(namedFamilies(EPIDEMIC, 'population pharmacokinetics of a drug').has('growth')).toBe(false);
    expect(namedFamilies(EPIDEMIC, 'Drosophila flies in a bottle').has('growth')).toBe(true);
    expect(ids(LOGISTIC, 1, 'wound healing: closed fraction')[0]).toMatch(/^(wound|growth)-/);
  });

  it('a drug assayed in IU/mL is a concentration where the context says so; an enzyme in U/L stays a marker', () => {
    // R's Tetracycline1 (nlme): serum tetracycline in IU/mL at 1, 2, 3, 6 h after an oral dose
    const tetracycline = dataset([1, 2, 3, 6], [0.93, 1.62, 1.18, 0.84], { observable: 'tetracycline', unit: 'IU/mL' });
    const oral = 'Serum concentration of tetracycline (IU/mL) after an oral dose';
    expect(namedFamilies(tetracycline, oral).has('pk')).toBe(true);
    expect(ids(tetracycline, 3, oral).every((id) => id.startsWith('pk-'))).toBe(true);
    // the unit alone, or a context that does not call it a concentration, still reads a marker
    expect(namedFamilies(tetracycline, 'Serum tetracycline after an oral dose').has('pk')).toBe(false);
    const alt = dataset([0, 24, 48, 96], [30, 250, 180, 60], { observable: 'ALT', unit: 'U/L' });
    expect(namedFamilies(alt, 'Serum concentration of ALT (U/L) after an overdose of acetaminophen').has('pk')).toBe(false);
    const factor = dataset([0, 1, 4, 24], [100, 70, 50, 90], { observable: 'activity', unit: 'IU/mL' });
    expect(namedFamilies(factor, 'plasma concentration after a dose of drug X').has('pk')).toBe(false);
  });

  it('an effect of a dose, an antibody response and an injected hormone: each in its field', () => {
    // FEV1 from its baseline after an inhaled dose: no field's word, but a drug's effect
    const fev1 = dataset([0, 0.25, 0.5, 1, 2, 4, 8, 12], [2.0, 2.3, 2.4, 2.45, 2.4, 2.3, 2.15, 2.05], { observable: 'FEV1', unit: 'L' });
    expect([...namedFamilies(fev1, 'FEV1 after an inhaled dose of salbutamol')]).toEqual(['pd']);
    expect(namedFamilies(fev1, 'FEV1 in healthy volunteers').size).toBe(0);
    expect(ids(fev1, 1, 'FEV1 after an inhaled dose of salbutamol')[0]).toMatch(/^pd-/);
    // antibodies after a vaccine rise from nothing and wane: the immune response, no epidemic
    const titre = dataset([0, 7, 14, 28, 56, 112, 180], [1, 50, 400, 300, 150, 80, 50], { observable: 'IgG titre', unit: 'GMT', timeUnit: 'day' });
    expect(ids(titre, 3, 'Antibody titre after vaccination')[0]).toBe('pd-turnover-event-stimulated');
    // the label alone (IgG) says so too
    expect(ids(titre, 1, '')[0]).toBe('pd-turnover-event-stimulated');
    // insulin in µIU/mL after a subcutaneous injection is a drug level: an injection gives a drug
    const insulin = dataset([0.5, 1, 2, 4, 8, 12, 24], [40, 70, 80, 64, 40, 24, 6], { observable: 'insulin', unit: 'µIU/mL' });
    const injected = 'Serum insulin concentration after a subcutaneous injection of insulin lispro 0.2 U/kg';
    expect(namedFamilies(insulin, injected).has('pk')).toBe(true);
    expect(ids(insulin, 1, injected)[0]).toMatch(/^pk-/);
  });

  it('a blood count after chemotherapy is myelosuppression, named in the label or only in the context', () => {
    // nlmixr2data's wbcSim summarised: a nadir about a week after a paclitaxel infusion, a rebound above baseline
    const times = [0, 174, 331, 479, 634], counts = [7.8, 3.9, 6.4, 8.8, 7.6];
    const labelled = { ...dataset(times, counts, { observable: 'WBC', unit: '10^9/L', dose: 340 }) };
    const unnamed = { ...dataset(times, counts, { unit: '10^9/L', dose: 340 }) };
    const words = 'White blood cell count after a 3-hour paclitaxel infusion';
    for (const d of [labelled, unnamed]) {
      // no cells growing in a culture, no drug level: the drug's haematological effect
      expect([...namedFamilies(d, words)]).toEqual(['pd']);
      expect(ids(d, 1, words)).toEqual(['pd-myelosuppression']);
    }
    expect(ids(labelled, 1, 'Paclitaxel, 3-hour infusion')).toEqual(['pd-myelosuppression']);
    // the context's analyte is read only when the table names none: a named drug level stays PK
    const level = dataset([0.5, 1, 2, 4, 8, 12], [5, 8, 6, 4, 2, 1], { observable: 'paclitaxel', unit: 'mg/L', dose: 340 });
    expect(namedFamilies(level, 'Paclitaxel plasma concentration; neutrophil counts were also recorded').has('pk')).toBe(true);
    // cells counted in a culture still grow
    const culture = dataset([0, 1, 2, 3, 4, 5, 6], [1, 2, 4, 8, 15, 25, 30], { observable: 'cell count', unit: 'cells/mL', timeUnit: 'd' });
    expect(namedFamilies(culture, 'Cell count of a culture').has('growth')).toBe(true);
    expect(namedFamilies(dataset([0, 7, 14, 28], [4.5, 4.1, 3.9, 4.4], { unit: '10^12/L', timeUnit: 'd' }), 'Red blood cell count').has('growth')).toBe(false);
  });

  it('reads concentration units as journals and labs write them', () => {
    for (const u of ['mg/L', 'pg/mL', 'mcg/mL', 'fg/mL', 'pmol/L', 'mEq/L', 'mg/100 mL', 'mg L-1', 'ng·mL⁻¹', 'ng.mL^-1', 'nM', 'µM', 'mM']) expect(concentrationUnit(u), u).toBe(true);
    // a dose per weight, a wavelength, a length, a pressure, an activity, a count: no concentration
    for (const u of ['mg/kg', 'OD at 600 nm', 'diameter (mm)', 'mmHg', 'IU/mL', 'copies/mL', 'cells/µL']) expect(concentrationUnit(u), u).toBe(false);
    // a curve that peaks from zero in pg/mL is a drug level, with no other word for it
    const peak = dataset([0, 0.5, 1, 2, 4, 8, 12], [0, 180, 260, 210, 120, 40, 12], { observable: 'buprenorphine', unit: 'pg/mL' });
    expect(namedFamilies(peak, '').has('pk')).toBe(true);
    expect(namedFamilies({ ...peak, observables: [{ name: 'buprenorphine', unit: 'ng mL-1' }] }, '').has('pk')).toBe(true);
  });

  it('a pesticide residue in soil is degradation kinetics: SFO first, not a PD marker nor a disease', () => {
    const residue = dataset([0, 3, 7, 14, 30, 62, 90], [100, 81, 61, 38, 13, 1.5, 0.2], { observable: 'parent', unit: '% of applied', timeUnit: 'day' });
    const named = namedFamilies(residue, 'Aerobic soil degradation, % of applied radioactivity');
    // "radioactivity" is no PD activity, and a percentage of the applied amount no marker
    expect([...named]).toEqual(['fate']);
    expect(ids(residue, 1, 'Aerobic soil degradation, % of applied radioactivity')).toEqual(['deg-sfo']);
    // the unit alone names the field
    expect(namedFamilies(residue).has('fate')).toBe(true);
    // the same decline with no words of degradation is not offered the field's models
    const decline = dataset([0, 3, 7, 14, 30, 62, 90], [100, 81, 61, 38, 13, 1.5, 0.2], { observable: 'level', unit: 'units', timeUnit: 'day' });
    expect(ids(decline, 20).filter((id) => id.startsWith('deg-'))).toEqual([]);
    expect(namedFamilies(LINEAR_DECLINE, 'enzyme activity in serum').has('pd')).toBe(true);
  });

  it('a chemical and what it forms are no epidemic and no predator and prey, unless the words say so', () => {
    // a pyrolysis's intermediate rises and falls while its end product rises: the curves of an
    // SIR's infected and recovered, which had been proposed (and an SIRS ranked first on a soil)
    const t = [0, 5, 10, 20, 40, 60, 80, 100, 150];
    const two: Dataset = {
      timeUnit: 'min', observables: [{ name: 'bitumen', unit: '%' }, { name: 'oil', unit: '%' }], groups: [{ name: 'all', covariates: {} }],
      series: [series(t, t.map((x) => 60 * (Math.exp(-0.02 * x) - Math.exp(-0.1 * x)) + 0.1), { observable: 'bitumen', unit: '%' }), series(t, t.map((x) => 60 * (1 - Math.exp(-0.015 * x)) + 0.1), { observable: 'oil', unit: '%' })],
      source: { format: 'aggregate', rows: 18 },
    };
    const families = (context: string) => new Set(firstPick(two, dataFeatures(two), 60, context).map((m) => m.motif.family));
    const pyrolysis = families('Pyrolysis of oil shale: bitumen and oil (% of initial kerogen) by minute');
    expect(pyrolysis.has('fate')).toBe(true);
    expect(pyrolysis.has('epidemic') || pyrolysis.has('ecology')).toBe(false);
    // without the words of a reaction the same curves may be an outbreak
    expect(families('Bitumen and oil by minute').has('epidemic')).toBe(true);
    // a reaction's words name the first-order schemes (the fate family), not a drug's metabolism
    for (const words of ['Isomerization of alpha-pinene', 'alpha-pinene and its by-products over time', 'Thermal decomposition, mole %', 'Reaction kinetics at 189.5 C']) expect(namedFamilies(two, words).has('fate'), words).toBe(true);
    expect(namedFamilies(two, 'Plasma concentration of a drug and its metabolite after an oral dose').has('fate')).toBe(false);
  });
  it('a straight line is linear growth where the words speak of growth, linear progression otherwise (one structure, one offer)', () => {
    // nlme's Oxboys: heights of 26 boys at nine visits over two years, a straight line to the eye
    const oxboys = parseDataset(readFileSync(new URL('../fixtures/real-r/oxboys.csv', import.meta.url), 'utf8'), { name: 'oxboys.csv' });
    const growth = ids(oxboys, 6, 'Height (cm) of boys from Oxford measured on nine occasions between ages 11 and 13');
    expect(growth[0]).toBe('growth-linear');
    expect(growth).not.toContain('dp-linear');
    // the same numbers as a score, with no words of growth (the labels say height)
    const score: Dataset = { ...oxboys, observables: [{ name: 'score', unit: 'points' }], series: oxboys.series.map((x) => ({ ...x, observable: 'score', unit: 'points' })) };
    const plain = ids(score, 60, 'Score by year');
    expect(plain).toContain('dp-linear');
    expect(plain).not.toContain('growth-linear');
    // the same equation, its rate named as growth's
    const scales = dataScales(oxboys, 'Height (cm)');
    const line = motifById('growth-linear')!.build(scales), trend = motifById('dp-linear')!.build(scales);
    expect(line.equations).toEqual({ N: 'g' });
    expect(trend.equations).toEqual({ S: 'alpha' });
    // its rate's prior is the line's; its start is growth's size at time 0 (the prior growth's curves share)
    expect(line.parameters[1]!.prior).toEqual(trend.parameters[1]!.prior);
    expect(line.parameters[0]!.prior).toEqual(motifById('growth-exponential')!.build(scales).parameters[0]!.prior);
    expect(familyOf(line)).toBe('growth');
    // a fall at a constant rate is no growth: a falling line with growth's words is not proposed first
    const falling = ids(LINEAR_DECLINE, 3, 'Body weight (kg)');
    expect(falling).not.toContain('growth-linear');
  });
});

describe('data without a dose column', () => {
  it('reads a dose from the context', async () => {
    const { doseFromContext } = await import('../../src/discover/library/index.ts');
    expect(doseFromContext('after a single 100 mg dose at time 0')).toEqual({ amount: 100, unit: 'mg' });
    expect(doseFromContext('Patients received a dose of 2.5 mg orally')).toEqual({ amount: 2.5, unit: 'mg' });
    expect(doseFromContext('250 mg tablet once')).toEqual({ amount: 250, unit: 'mg' });
    expect(doseFromContext('tumour volume in 12 mice')).toBeNull();
    // an amount given by a route or on a schedule, without the word "dose"
    expect(doseFromContext('Theophylline 320 mg orally once daily for 7 days; plasma concentration (mg/L)')).toEqual({ amount: 320, unit: 'mg' });
    expect(doseFromContext('500 mg IV every 8 h')).toEqual({ amount: 500, unit: 'mg' });
    // a concentration is not a dose
    expect(doseFromContext('levels above 10 mg/L once daily')).toBeNull();
    expect(doseFromContext('volume of 12 mL')).toBeNull();
    // a dose per body size keeps its "per kg" (volumes are then per kg); "dose … 5 mg/L" is no dose
    expect(doseFromContext('after a single oral dose of 1.5 mg/kg')).toEqual({ amount: 1.5, unit: 'mg/kg' });
    expect(doseFromContext('0.5 mg / kg IV bolus')).toEqual({ amount: 0.5, unit: 'mg/kg' });
    expect(doseFromContext('100 mg/m2 infusion')).toEqual({ amount: 100, unit: 'mg/m2' });
    expect(doseFromContext('trough levels after the dose, 5 mg/L')).toBeNull();
  });
  it('still proposes PK when the context or the observable says so, with the dose as a covariate default', async () => {
    const { createLibraryProposer } = await import('../../src/discover/library-proposer.ts');
    const { checkSpec } = await import('../../src/model/index.ts');
    const noDose = structuredClone(ORAL_PK);
    noDose.groups = [{ name: 'all', covariates: {} }];
    const props = await createLibraryProposer().propose({ text: 'Plasma concentration after a single 250 mg oral dose', data: noDose }, [], 3);
    expect(props[0]!.spec.name).toBe('pk-1cmt-oral');
    for (const p of props) {
      expect(p.spec.covariates).toEqual([{ name: 'dose', unit: 'mg', default: 250 }]);
      expect(checkSpec(p.spec).issues).toEqual([]);
    }
  });
  it('keeps later rounds\' untried motifs within the fields the words name (no epidemic for chick weight)', async () => {
    const { createLibraryProposer } = await import('../../src/discover/library-proposer.ts');
    const { familyOf } = await import('../../src/discover/domain.ts');
    // a growth-like rise in neutral names (the observable itself names no field)
    const days = [0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 21];
    const rise = dataset(days, days.map((t) => 41 * Math.exp(0.08 * t)), { observable: 'y', unit: 'g', timeUnit: 'd' });
    const proposer = createLibraryProposer();
    const round1 = await proposer.propose({ text: '', data: rise }, [], 6);
    const history = round1.map((p) => ({ spec: p.spec, round: 1 }));
    const families = async (text: string) => (await proposer.propose({ text, data: rise }, history, 4)).map((p) => familyOf(p.spec));
    const free = await families('');
    expect(free.some((f) => f !== 'growth')).toBe(true);
    const named = await families('Body weight (g) of chicks over days since hatching');
    expect(named.every((f) => f === 'growth')).toBe(true);
  });
});
