// Turnover moved by an event at time 0 (docs/discovery.md, "The motif library"): a marker at its
// baseline that an event that is not a dose (surgery, birth, exercise) raises or lowers for a
// while. Checked against the closed form of the stimulated turnover, on when the first pick
// proposes it (undosed markers that start at a baseline, move once and recover; never a dosed
// response or a curve rising from zero), and by a discovery run on a synthetic haemoglobin cohort.
import { describe, expect, it } from 'vitest';
import { parseDataset } from '../../src/data/index.ts';
import { dataFeatures } from '../../src/discover/features.ts';
import { scoreMotifs } from '../../src/discover/first-pick.ts';
import { measuresMarker, speaksPk } from '../../src/discover/domain.ts';
import { dataScales, motifById } from '../../src/discover/library/index.ts';
import { simulateCohort } from '../../src/infer/synthetic.ts';
import { compileSpec, readsDose, validateSpec } from '../../src/model/index.ts';
import { withDoseDefault } from '../../src/discover/library-proposer.ts';
import { planFit } from '../../src/infer/plan.ts';
import type { ModelSpec } from '../../src/model/spec.ts';
import { inThreadBackend as backend, smallDiscovery, SMALL_SIZES } from './fixtures.ts';

const TIMES = [0, 1, 2, 3, 5, 7, 10, 14, 21, 28];
const HB_CONTEXT = 'Haemoglobin (g/dL) after major abdominal surgery; time in days';
const dip = (t: number) => 13.5 - 3.5 * (Math.exp(-0.08 * t) - Math.exp(-0.9 * t));
const table = (f: (t: number) => number, label: string, unit: string, dose = '') =>
  parseDataset(['group,dose,observable,time (d),mean,sd,n,unit', ...TIMES.map((t) => `all,${dose},${label},${t},${f(t).toFixed(3)},${(0.08 * f(t)).toFixed(3)},20,${unit}`)].join('\n'));
const HB = table(dip, 'haemoglobin', 'g/dL');

async function curve(spec: ModelSpec, theta: Record<string, number>, times: number[]): Promise<number[]> {
  const m = compileSpec(spec);
  const res = await backend.simulate({ model: m, params: Float64Array.from(m.parameterNames.map((n) => theta[n]!)), covariates: Float64Array.from(m.covariateDefaults), t0: 0, times: Float64Array.from(times), solver: { method: 'dopri5', rtol: 1e-10, atol: 1e-10 } });
  return Array.from(res.outputs);
}

describe('turnover moved by an event at time 0', () => {
  it('follows the closed form of a turnover whose production a fading signal stimulates', async () => {
    const ck = table((t) => 150 + 900 * (Math.exp(-0.4 * t) - Math.exp(-1.5 * t)), 'CK', 'U/L');
    const spec = motifById('pd-turnover-event-stimulated')!.build(dataScales(ck));
    validateSpec(spec);
    const th = { R0: 150, kout: 0.4, kE: 1.5, Smax: 8 };
    const fine = Array.from({ length: 57 }, (_, i) => i * 0.5);
    const y = await curve(spec, th, fine);
    // R = R0 + R0·Smax·kout/(kout − kE)·(e^(−kE t) − e^(−kout t))
    fine.forEach((t, i) => expect(y[i]!).toBeCloseTo(th.R0 + (th.R0 * th.Smax * th.kout / (th.kout - th.kE)) * (Math.exp(-th.kE * t) - Math.exp(-th.kout * t)), 6));
  });

  it('starts at the event, at time 0: visits before it see the baseline', async () => {
    const spec = motifById('pd-turnover-event-stimulated')!.build(dataScales(HB));
    const m = compileSpec(spec);
    const th: Record<string, number> = { R0: 5, kout: 0.5, kE: 0.3, Smax: 2 };
    const res = await backend.simulate({ model: m, params: Float64Array.from(m.parameterNames.map((n) => th[n]!)), covariates: Float64Array.from(m.covariateDefaults), t0: -2, times: Float64Array.from([-2, -1, 0, 1]), solver: { method: 'dopri5', rtol: 1e-10, atol: 1e-10 } });
    const y = Array.from(res.outputs);
    for (const v of y.slice(0, 3)) expect(v).toBeCloseTo(5, 10);
    expect(y[3]!).toBeCloseTo(5 + (5 * 2 * 0.5 / (0.5 - 0.3)) * (Math.exp(-0.3) - Math.exp(-0.5)), 6);
  });

  it('needs no dose from the data, and the fit plan does not ask for one', () => {
    const spec = motifById('pd-turnover-event-inhibited')!.build(dataScales(HB, HB_CONTEXT));
    expect(readsDose(spec)).toBe(false);
    expect(withDoseDefault(spec, dataScales(HB, HB_CONTEXT))).toBe(spec);
    expect(planFit(compileSpec(spec), HB).warnings.join(' ')).not.toMatch(/dose/);
    // a drug's indirect response does read it
    const idr = motifById('pd-idr-1')!.build(dataScales(HB, HB_CONTEXT));
    expect(readsDose(idr)).toBe(true);
    expect(withDoseDefault(idr, dataScales(HB, HB_CONTEXT)).covariates).toContainEqual(expect.objectContaining({ name: 'dose', default: 100 }));
  });

  it('inhibited, dips below baseline (never below zero) and comes back', async () => {
    const spec = motifById('pd-turnover-event-inhibited')!.build(dataScales(HB, HB_CONTEXT));
    validateSpec(spec);
    const fine = Array.from({ length: 121 }, (_, i) => i * 0.5);
    const y = await curve(spec, { R0: 13.5, kout: 0.5, kE: 0.1, Imax: 0.9 }, fine);
    const low = Math.min(...y);
    expect(low).toBeLessThan(13.5 * 0.8);
    expect(low).toBeGreaterThan(0);
    expect(y.at(-1)!).toBeGreaterThan(low + 0.8 * (13.5 - low));
  });

  it('is proposed for an undosed marker that starts at a baseline, moves once and recovers', () => {
    const ids = (data: ReturnType<typeof table>, context: string) => scoreMotifs(data, dataFeatures(data), context).map((m) => m.motif.id);
    expect(ids(HB, HB_CONTEXT)[0]).toBe('pd-turnover-event-inhibited');
    const rise = table((t) => 80 + 60 * (Math.exp(-0.15 * t) - Math.exp(-0.6 * t)), 'cortisol', 'nmol/L');
    expect(ids(rise, 'Cortisol after elective surgery')[0]).toBe('pd-turnover-event-stimulated');
    // a dose makes it a drug response (the indirect responses), not an event's
    const pca = table(dip, 'PCA', '% of normal', '100');
    expect(ids(pca, 'Prothrombin complex activity (% of normal) after a single oral dose of warfarin')).not.toContain('pd-turnover-event-inhibited');
    // a curve rising from zero (an epidemic, a drug level) or one that never comes back is not an event's transient
    const epidemic = table((t) => 300 * Math.exp(-(((t - 7) / 3) ** 2)) + 2, 'cases', 'persons');
    expect(ids(epidemic, 'Influenza cases in a boarding school')).not.toContain('pd-turnover-event-stimulated');
    const fall = table((t) => 10 + 5 * Math.exp(-0.2 * t), 'score', 'points');
    expect(ids(fall, 'Symptom score after surgery')).not.toContain('pd-turnover-event-inhibited');
  });

  it('is proposed for an endogenous marker that rises from near zero, which is not a drug level unless a drug was given', () => {
    const ids = (data: ReturnType<typeof table>, context: string) => scoreMotifs(data, dataFeatures(data), context).map((m) => m.motif.id);
    // C-reactive protein after surgery: from 3 to ~140 mg/L and back, in a concentration unit
    const crp = table((t) => 3 + 300 * (Math.exp(-0.35 * t) - Math.exp(-0.9 * t)), 'CRP', 'mg/L');
    const context = 'Serum C-reactive protein (mg/L) after elective cardiac surgery';
    expect(dataFeatures(crp).startsNearZero).toBe(true);
    expect(speaksPk(crp, context)).toBe(false);
    expect(measuresMarker(crp)).toBe(true);
    const picked = ids(crp, context);
    expect(picked[0]).toBe('pd-turnover-event-stimulated');
    expect(picked.some((id) => id.startsWith('pk-'))).toBe(false);
    // a drug given makes it a drug's response (indirect responses), never the drug's own level
    const dosed = ids(crp, 'Serum C-reactive protein (mg/L) after a single 8 mg/kg dose of tocilizumab');
    expect(dosed).not.toContain('pd-turnover-event-stimulated');
    expect(dosed[0]).toMatch(/^pd-/);
    // an unnamed concentration rising from zero stays a drug level (pharmacokinetics)
    const level = table((t) => 3 + 300 * (Math.exp(-0.35 * t) - Math.exp(-0.9 * t)), 'concentration', 'mg/L');
    expect(ids(level, 'Plasma concentration (mg/L)')[0]).toMatch(/^pk-/);
  });

  it('ranks first on a synthetic haemoglobin cohort', async () => {
    const spec = motifById('pd-turnover-event-inhibited')!.build(dataScales(HB, HB_CONTEXT));
    const truth = { theta: { R0: 13.5, kout: 0.3, kE: 0.12, Imax: 0.45 }, omega: { R0: 0.08, kout: 0.2 }, sigma: { additive: 0.1, proportional: 0.03 } };
    const { dataset } = await simulateCohort(compileSpec(spec), truth, { n: 24, times: TIMES, groups: [{ name: 'all' }] }, 5, backend);
    const data = { ...dataset, observables: [{ name: 'haemoglobin', unit: 'g/dL' }], series: dataset.series.map((s) => ({ ...s, observable: 'haemoglobin', unit: 'g/dL' })) };
    const run = smallDiscovery([4, 2], SMALL_SIZES);
    const r = await run(data, { seed: 1, rounds: 2, budgetSeconds: 600, context: HB_CONTEXT }, backend);
    // against other mechanisms that can dip and come back (epidemic curves among them)
    expect(r.models.length).toBeGreaterThanOrEqual(3);
    expect(r.models[0]!.name).toMatch(/^pd-turnover-event-inhibited( |$)/);
  }, 300_000);
});
