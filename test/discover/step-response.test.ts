// A sustained change from an onset (step.ts; docs/discovery.md, "A change at a stated or visible
// time"): the words that state the onset, the window the visits show where the words name the
// intervention only, the curve against its closed form for both, and the first pick on
// nlstools' O2K (oxygen uptake of a 6-minute walk test after 5.883 min of rest).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDataset } from '../../src/data/index.ts';
import { dataFeatures } from '../../src/discover/features.ts';
import { firstPick } from '../../src/discover/first-pick.ts';
import { dataScales, motifById } from '../../src/discover/library/index.ts';
import { onsetFromContext, onsetWindowFromData } from '../../src/discover/library/step.ts';
import { compileSpec, validateSpec } from '../../src/model/index.ts';
import { inThreadBackend as backend } from './fixtures.ts';

const O2K = parseDataset(readFileSync(new URL('../fixtures/real-nlstools/o2k.csv', import.meta.url), 'utf8'));
const CONTEXT = 'Oxygen uptake (mL/min) during a 6-minute walk test of a patient with pulmonary disease; walking starts at 5.883 min, after a resting phase';

describe('a sustained change at a stated onset', () => {
  it('reads the onset as the words state it, in the data\'s time unit', () => {
    expect(onsetFromContext('walking starts at 5.883 min', 'min')).toBe(5.883);
    expect(onsetFromContext('exercise began at t = 6 min', 's')).toBeCloseTo(360, 10);
    expect(onsetFromContext('the stimulus was switched on at 2 h', 'min')).toBeCloseTo(120, 10);
    expect(onsetFromContext('VO2 after 5 minutes of rest', 'min')).toBe(5);
    expect(onsetFromContext('the first 5.83 minutes correspond to the resting phase', 'min')).toBe(5.83);
    // no unit stated: the data's unit; no data unit: the number as written
    expect(onsetFromContext('walking starts at 5.883', 'min')).toBe(5.883);
    expect(onsetFromContext('walking starts at 5.883 min', undefined)).toBe(5.883);
    // nothing stated, or a unit that cannot be converted
    expect(onsetFromContext('Oxygen uptake during a walk test', 'min')).toBeNull();
    expect(onsetFromContext('walking starts at 5 min', 'cycles')).toBeNull();
    expect(onsetFromContext(undefined, 'min')).toBeNull();
  });

  it('rests at its baseline until the onset, then moves first-order to its new level (closed form)', async () => {
    const scales = dataScales(O2K, CONTEXT);
    expect(scales.onset).toBe(5.883);
    const spec = motifById('pd-turnover-step-stimulated')!.build(scales);
    validateSpec(spec);
    const m = compileSpec(spec);
    const theta: Record<string, number> = { R0: 357, kout: 0.84, Smax: 3.57 };
    const times = Array.from({ length: 73 }, (_, i) => i * 0.25);
    const res = await backend.simulate({ model: m, params: Float64Array.from(m.parameterNames.map((n) => theta[n]!)), covariates: Float64Array.from(m.covariateDefaults), t0: 0, times: Float64Array.from(times), solver: { method: 'dopri5', rtol: 1e-10, atol: 1e-8 } });
    const exact = (t: number) => (t <= 5.883 ? 357 : 357 * (1 + 3.57 * (1 - Math.exp(-0.84 * (t - 5.883)))));
    times.forEach((t, i) => expect(Math.abs(res.outputs[i]! - exact(t)) / exact(t), `t = ${t}`).toBeLessThan(1e-6));
  });

  it('finds the onset window where the visits rest at a baseline and then leave it for good', () => {
    expect(onsetWindowFromData(O2K.series[0]!.times, O2K.series[0]!.mean)).toEqual({ after: 5.6667, by: 6 });
    const t = [0, 1, 2, 3, 4, 5, 6, 7];
    expect(onsetWindowFromData(t, [10, 11, 9, 10, 20, 30, 35, 37])).toEqual({ after: 3, by: 4 });
    expect(onsetWindowFromData(t, [10, 11, 9, 10, 5, 3, 2, 2])).toEqual({ after: 3, by: 4 });
    // a gradual rise, a change that comes back, two resting visits, a growth curve's small start
    expect(onsetWindowFromData(t, [10, 12, 14, 16, 18, 20, 22, 24])).toBeNull();
    expect(onsetWindowFromData(t, [10, 11, 9, 10, 20, 30, 20, 10])).toBeNull();
    expect(onsetWindowFromData(t, [10, 11, 30, 35, 37, 38, 38, 38])).toBeNull();
    expect(onsetWindowFromData(t, [0.1, 0.28, 0.75, 1.7, 3.5, 9.5, 14.6, 17.6])).toBeNull();
  });

  it('fits an onset the words do not state within the window the visits show (closed form)', async () => {
    const scales = dataScales(O2K, 'Oxygen uptake (mL/min) during a 6-minute walk test');
    expect(scales.onset).toBeUndefined();
    expect(scales.onsetWindow).toEqual({ after: 5.6667, by: 6 });
    // a stated onset is used as stated, and words of no intervention give no window
    expect(dataScales(O2K, CONTEXT).onsetWindow).toBeUndefined();
    expect(dataScales(O2K, 'Oxygen uptake (mL/min)').onsetWindow).toBeUndefined();
    const spec = motifById('pd-turnover-step-stimulated')!.build(scales);
    validateSpec(spec);
    expect(spec.parameters.find((p) => p.name === 't_on')!.prior).toEqual({ type: 'uniform', lower: 5.6667, upper: 6 });
    const m = compileSpec(spec);
    const theta: Record<string, number> = { R0: 357, kout: 0.84, Smax: 3.57, t_on: 5.883 };
    const times = Array.from({ length: 73 }, (_, i) => i * 0.25);
    const res = await backend.simulate({ model: m, params: Float64Array.from(m.parameterNames.map((n) => theta[n]!)), covariates: Float64Array.from(m.covariateDefaults), t0: 0, times: Float64Array.from(times), solver: { method: 'dopri5', rtol: 1e-10, atol: 1e-8 } });
    const exact = (t: number) => (t <= 5.883 ? 357 : 357 * (1 + 3.57 * (1 - Math.exp(-0.84 * (t - 5.883)))));
    times.forEach((t, i) => expect(Math.abs(res.outputs[i]! - exact(t)) / exact(t), `t = ${t}`).toBeLessThan(1e-6));
  });

  it('is proposed first for O2K when the words state the onset or name the walk, and not without them', () => {
    const pick = (context: string) => firstPick(O2K, dataFeatures(O2K), 3, context).map((s) => s.motif.id);
    expect(pick(CONTEXT)[0]).toBe('pd-turnover-step-stimulated');
    expect(pick('Oxygen kinetics during a six-minute walk test')[0]).toBe('pd-turnover-step-stimulated');
    expect(pick('Oxygen uptake (mL/min)')).not.toContain('pd-turnover-step-stimulated');
    // a dose is a drug's regimen, not an onset
    const dosed = parseDataset(['group,dose,time,mean,sd,n', ...[0, 2, 4, 6, 8].map((t) => `a,10,${t},${t < 3 ? 5 : 9},1,8`)].join('\n'));
    expect(dataScales(dosed, 'treatment starts at 3 h').onset).toBe(3);
    expect(firstPick(dosed, dataFeatures(dosed), 20, 'treatment starts at 3 h').map((s) => s.motif.id)).not.toContain('pd-turnover-step-stimulated');
  });
});
