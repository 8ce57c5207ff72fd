// A sustained change at a stated onset (step.ts; docs/discovery.md, "A change at a stated time"):
// the words that state the onset, the curve against its closed form, and the first pick on
// nlstools' O2K (oxygen uptake of a 6-minute walk test after 5.883 min of rest).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDataset } from '../../src/data/index.ts';
import { dataFeatures } from '../../src/discover/features.ts';
import { firstPick } from '../../src/discover/first-pick.ts';
import { dataScales, motifById } from '../../src/discover/library/index.ts';
import { onsetFromContext } from '../../src/discover/library/step.ts';
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

  it('is proposed first for O2K when the words state the onset, and not without them', () => {
    const pick = (context: string) => firstPick(O2K, dataFeatures(O2K), 3, context).map((s) => s.motif.id);
    expect(pick(CONTEXT)[0]).toBe('pd-turnover-step-stimulated');
    expect(pick('Oxygen uptake (mL/min) during a 6-minute walk test')).not.toContain('pd-turnover-step-stimulated');
    // a dose is a drug's regimen, not an onset
    const dosed = parseDataset(['group,dose,time,mean,sd,n', ...[0, 2, 4, 6, 8].map((t) => `a,10,${t},${t < 3 ? 5 : 9},1,8`)].join('\n'));
    expect(dataScales(dosed, 'treatment starts at 3 h').onset).toBe(3);
    expect(firstPick(dosed, dataFeatures(dosed), 20, 'treatment starts at 3 h').map((s) => s.motif.id)).not.toContain('pd-turnover-step-stimulated');
  });
});
