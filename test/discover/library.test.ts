import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileSpec, validateSpec } from '../../src/model/index.ts';
import { simulateInThread } from '../../src/simulate/cpu/in-thread.ts';
import { startAccelerates } from '../../src/discover/library/scales.ts';
import { dataScales, MOTIFS } from '../../src/discover/library/index.ts';
import { BIPHASIC_IV, dataset, EPIDEMIC, LOGISTIC, ORAL_PK, OSCILLATING, PD_RESPONSE, PKPD } from './fixtures.ts';

const datasets = { ORAL_PK, BIPHASIC_IV, LOGISTIC, EPIDEMIC, OSCILLATING, PD_RESPONSE, PKPD };

describe('motif library', () => {
  it('is as large as the README and docs/discovery.md say', () => {
    // the count is quoted in prose; a motif added without updating it is a doc that no longer matches the code
    const stated = (file: string) => Number(/(\d+)\s+(?:mechanistic\s+)?motifs/.exec(readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8'))?.[1]);
    expect(stated('README.md')).toBe(MOTIFS.length);
    expect(stated('docs/discovery.md')).toBe(MOTIFS.length);
  });
  it('has at least 30 motifs with unique ids across all required families', () => {
    expect(MOTIFS.length).toBeGreaterThanOrEqual(30);
    expect(new Set(MOTIFS.map((m) => m.id)).size).toBe(MOTIFS.length);
    const families = new Set(MOTIFS.map((m) => m.family));
    for (const f of ['pk', 'pd', 'growth', 'disease', 'epidemic', 'tissue', 'ecology']) expect(families.has(f as never)).toBe(true);
    for (const id of ['pk-1cmt-iv', 'pk-2cmt-iv', 'pk-3cmt-iv', 'pk-1cmt-oral', 'pk-2cmt-oral', 'pk-3cmt-oral', 'pk-1cmt-oral-lag', 'pk-1cmt-oral-transit', 'pk-1cmt-iv-mm', 'pk-1cmt-iv-mixed',
      'pd-direct-emax', 'pd-idr-1', 'pd-idr-2', 'pd-idr-3', 'pd-idr-4', 'pd-effect-cmt', 'growth-exponential', 'growth-logistic', 'growth-gompertz', 'growth-von-bertalanffy', 'growth-richards',
      'dp-linear', 'dp-exponential', 'dp-turnover', 'dp-linear-protective', 'epi-sir', 'epi-seir', 'epi-sirs', 'wound-repair-cells', 'predator-prey']) {
      expect(MOTIFS.some((m) => m.id === id), id).toBe(true);
    }
  });

  for (const [dname, data] of Object.entries(datasets)) {
    it(`every motif passes validateSpec on the scales of ${dname}`, () => {
      const s = dataScales(data);
      for (const m of MOTIFS) {
        const spec = m.build(s);
        let err = '';
        try { validateSpec(spec); } catch (e) { err = (e as Error).message; }
        expect(err, `${m.id}: ${err}`).toBe('');
        expect(spec.observables[0]!.name).toBe(data.observables[0]!.name);
        // priors on the data's scale: every median positive and finite
        for (const p of spec.parameters) if (p.prior.type === 'lognormal') expect(p.prior.median > 0 && Number.isFinite(p.prior.median), `${m.id}.${p.name}`).toBe(true);
        for (const p of spec.parameters) expect(typeof p.unit === 'string' || p.unit === undefined).toBe(true);
        expect(spec.states.every((st) => typeof st.unit === 'string')).toBe(true);
      }
    });
  }

  it('scales priors with the data: a study in days gets slower rates than one in hours', () => {
    const fast = dataScales(ORAL_PK); // 24 h
    const slow = { ...fast, tMax: fast.tMax * 30 };
    const ka = (s: typeof fast) => MOTIFS.find((m) => m.id === 'pk-1cmt-oral')!.build(s).parameters.find((p) => p.name === 'ka')!.prior;
    expect((ka(fast) as { median: number }).median / (ka(slow) as { median: number }).median).toBeCloseTo(30, 0);
    const V = (dose: number) => (MOTIFS.find((m) => m.id === 'pk-1cmt-iv')!.build({ ...fast, dose }).parameters.find((p) => p.name === 'V')!.prior as { median: number }).median;
    expect(V(1000) / V(100)).toBeCloseTo(10, 1);
  });

  it('PK motifs dose the data\'s dose covariate into the right state', () => {
    const s = dataScales(ORAL_PK);
    for (const m of MOTIFS.filter((x) => x.family === 'pk')) {
      const spec = m.build(s);
      const pk = (m.pk ?? m.parentPk)!;
      // a model dosed both ways gives the oral dose times the bioavailability F, and the IV dose into central
      expect((spec.doses?.[0] as { amount?: string } | undefined)?.amount).toBe(pk.alsoIv ? 'F*dose' : 'dose');
      expect(spec.doses?.[0]?.state).toBe(pk.route === 'iv' ? 'central' : pk.absorption === 'transit' ? 'depot' : 'gut');
      if (pk.alsoIv) expect(spec.doses?.slice(1)).toEqual([{ type: 'bolus', state: 'central', amount: 'dose', time: 0, route: 'iv' }]);
      // a parent–metabolite motif has one state more: the metabolite's amount
      expect(spec.states.length).toBe(pk.compartments + (pk.route === 'oral' ? (pk.absorption === 'transit' ? 3 : 1) : 0) + (m.parentPk ? 1 : 0));
    }
  });

  it('an absorption lag varies between subjects (as in the published warfarin models); the transit rate does not', () => {
    const s = dataScales(ORAL_PK);
    for (const id of ['pk-1cmt-oral-lag', 'pk-2cmt-oral-lag']) {
      expect(MOTIFS.find((m) => m.id === id)!.build(s).parameters.find((p) => p.name === 'tlag')!.varies, id).toBe(true);
    }
    // with BSV on the transit rate as well, the transit model rose on real Theoph to 0.07 units below
    // the band that keeps the plain model first (docs/real-data-history.md)
    expect(MOTIFS.find((m) => m.id === 'pk-1cmt-oral-transit')!.build(s).parameters.find((p) => p.name === 'ktr')!.varies).not.toBe(true);
  });

  it('PD motifs fit concentration and response together when both are measured', () => {
    const s = dataScales(PKPD);
    expect(s.pkpd?.concName).toBe('conc');
    expect(s.pkpd?.responseName).toBe('response');
    expect(s.pkpd?.oral).toBe(true);
    for (const m of MOTIFS.filter((x) => x.family === 'pd' && x.needsDose)) {
      const spec = m.build(s);
      expect(spec.observables.map((o) => o.name)).toEqual(['conc', 'response']);
      expect(spec.observables[0]!.expression).toBe('central/V');
      expect(spec.parameters.some((p) => p.name === 'EC50' && p.unit === 'mg/L')).toBe(true);
      expect(spec.doses?.[0]?.state).toBe('gut');
    }
    // response-only data keep the K-PD drive
    expect(MOTIFS.find((x) => x.id === 'pd-idr-1')!.build(dataScales(PD_RESPONSE)).states.map((x) => x.name)).toEqual(['A', 'R']);
  });

  it('the drug drive\'s route: the data\'s, else the words\', else the shape (nlmixr2\'s warfarin: most subjects first sampled past the peak)', () => {
    // concentrations falling from the first visit read as IV by their shape alone
    const late = { ...PKPD, series: PKPD.series.map((x) => (x.observable === 'conc' ? { ...x, mean: x.times.map((t) => 10 * Math.exp(-0.15 * t)) } : x)) };
    expect(dataScales(late).pkpd?.oral).toBe(false);
    expect(dataScales(late, 'Warfarin concentration and PCA after a single oral dose').pkpd?.oral).toBe(true);
    const statedIv = { ...PKPD, groups: [{ ...PKPD.groups[0]!, regimen: { route: 'iv' as const } }] };
    expect(dataScales(statedIv, 'after a single oral dose').pkpd?.oral).toBe(false);
  });
});

describe('a quantity that accumulates from the start (oxygen demand)', () => {
  const bod = (times: number[], mean: number[]) => ({ ...dataset(times, mean, { observable: 'demand', unit: 'mg/L', timeUnit: 'd' }) });
  const vb = MOTIFS.find((m) => m.id === 'growth-von-bertalanffy')!;
  const logistic = MOTIFS.find((m) => m.id === 'growth-logistic')!;
  it('starts von Bertalanffy\'s curve from 0 at time 0, with no N0 parameter, and leaves the other curves alone', () => {
    const s = dataScales(bod([1, 2, 3, 5, 7, 10], [109, 149, 149, 191, 213, 224]), 'Biochemical oxygen demand of a water sample by incubation day');
    expect(s.fromZero).toBe(true);
    const spec = vb.build(s);
    expect(() => validateSpec(spec)).not.toThrow();
    expect(spec.states[0]!.initial).toBe('0');
    expect(spec.parameters.map((p) => p.name)).toEqual(['k', 'Linf']);
    expect(spec.rationale).toMatch(/starts from 0 at time 0/);
    // a logistic curve cannot leave 0: it keeps its start as a parameter
    expect(logistic.build(s).parameters.some((p) => p.name === 'N0')).toBe(true);
  });
  it('does not when the words do not say so, or a visit at time 0 is clearly not 0', () => {
    expect(dataScales(bod([1, 2, 3], [10, 15, 17]), 'Height of trees').fromZero).toBeUndefined();
    expect(dataScales(bod([0, 1, 2, 3], [50, 60, 65, 67]), 'Cumulative oxygen demand').fromZero).toBeUndefined();
    expect(dataScales(bod([0, 1, 2, 3], [0, 60, 65, 67]), 'Cumulative oxygen demand').fromZero).toBe(true);
    // a tablet's dissolution profile: no drug is dissolved before the test starts
    expect(dataScales(bod([0, 5, 10, 20], [0, 39, 63, 86]), 'Percent of drug dissolved from a tablet').fromZero).toBe(true);
    expect(vb.build(dataScales(bod([1, 2, 3], [10, 15, 17]), 'Height of trees')).parameters[0]!.name).toBe('N0');
  });
});

describe('a rise first seen after time 0 whose start accelerates (loblolly pines from age 3)', () => {
  // R's Loblolly, mean height (ft) of 14 trees by age (years): 3.0 ft a year, then 3.5, then slowing
  const ages = [3, 5, 10, 15, 20, 25], heights = [4.24, 10.21, 27.44, 40.54, 51.47, 60.29];
  const trees = dataset(ages, heights, { observable: 'height', unit: 'ft', timeUnit: 'year' });
  const vb = MOTIFS.find((m) => m.id === 'growth-von-bertalanffy')!;
  it('starts von Bertalanffy\'s curve from size 0 at a fitted age t0 before the first visit, held at 0 before it', () => {
    const s = dataScales(trees, 'Loblolly pine tree height (ft) over age in years');
    expect(s.lateAcceleratingStart).toBe(true);
    const spec = vb.build(s);
    expect(() => validateSpec(spec)).not.toThrow();
    expect(spec.states[0]!.initial).toBe('0');
    expect(spec.parameters.map((p) => p.name)).toEqual(['k', 'Linf', 't0']);
    expect(spec.parameters[2]!.prior).toEqual({ type: 'uniform', lower: 0, upper: 3 });
    expect(spec.rationale).toMatch(/starts from size 0 at an age t0 before the first visit/);
    // integrated, it is the classic form L∞·(1 − e^(−k·(t − t0))) after t0 and 0 before (R's nls: k 0.0389, t0 2.06)
    const model = compileSpec(spec);
    const theta: Record<string, number> = { k: 0.0389, Linf: 102.3, t0: 2.06 };
    const times = [0, 1, 2, 2.06, 2.5, 3, 10, 25];
    const r = simulateInThread({ model, params: Float64Array.from(model.parameterNames.map((n) => theta[n]!)), times: Float64Array.from(times), solver: { method: 'auto', rtol: 1e-9, atol: 1e-12 } });
    expect(r.status[0]).toBe(0);
    times.forEach((t, i) => expect(r.outputs[i]!, `t ${t}`).toBeCloseTo(t < 2.06 ? 0 : 102.3 * (1 - Math.exp(-0.0389 * (t - 2.06))), 5));
  });
  it('keeps the size at time 0 where the rise decelerates from the first visit, starts at time 0, or falls', () => {
    expect(startAccelerates(ages, heights)).toBe(true);
    // dugongs' length by age decelerates from the first visit: von Bertalanffy from a size at age 0
    expect(startAccelerates([1, 5, 10, 20, 30], [1.8, 2.2, 2.4, 2.55, 2.6])).toBe(false);
    const decelerating = dataScales(dataset([1, 5, 10, 20, 30], [1.8, 2.2, 2.4, 2.55, 2.6], { observable: 'length', unit: 'm', timeUnit: 'year' }), 'Length of dugongs by age');
    expect(decelerating.lateAcceleratingStart).toBeUndefined();
    expect(vb.build(decelerating).parameters.map((p) => p.name)).toEqual(['N0', 'k', 'Linf']);
    // a first visit at time 0 shows the size there
    const fromBirth = dataScales(dataset([0, 5, 10, 15, 20, 25], [0.5, 10.21, 27.44, 40.54, 51.47, 60.29], { observable: 'height', unit: 'ft', timeUnit: 'year' }), 'Height by age');
    expect(fromBirth.lateAcceleratingStart).toBeUndefined();
    expect(vb.build(fromBirth).parameters[0]!.name).toBe('N0');
  });
});
