// A full fit carries derived quantities computed from its posterior draws; a screening fit does not.
import { afterAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseDataset } from '../../src/data/index.ts';
import { fitModel } from '../../src/infer/index.ts';
import { cpuBackend, loadModel, PK1 } from '../infer/helpers.ts';

const backend = cpuBackend();
afterAll(() => backend.dispose());

describe('derived quantities in the fit report', () => {
  it('summarises half-lives and exposures over the posterior, with cohort ranges and an NCA cross-check', async () => {
    const data = parseDataset(readFileSync('public/examples/data/pk-two-dose-groups.csv', 'utf8'));
    const model = loadModel(PK1);
    const report = await fitModel(model, data, { particles: 32, subjects: 16, seed: 3 }, backend);
    const d = report.derived!;
    expect(Object.keys(d)).toEqual(expect.arrayContaining(['t_half_abs', 't_half_elim', 'Tmax', 'Cmax[low]', 'Cmax[high]', 'AUC_inf[low]', 'AUC_inf[high]']));
    for (const q of Object.values(d)) {
      expect(q.q05).toBeLessThanOrEqual(q.median);
      expect(q.median).toBeLessThanOrEqual(q.q95);
      expect(q.sentence.length).toBeGreaterThan(20);
    }
    // the cohort (between-subject) range is wider than the credible interval of the typical value
    const t = d.t_half_elim!;
    expect(t.cohort!.q95 - t.cohort!.q05).toBeGreaterThan(t.q95 - t.q05);
    // linear PK: exposure is proportional to dose, 50 vs 200 mg in this example
    expect(d['AUC_inf[high]']!.median / d['AUC_inf[low]']!.median).toBeCloseTo(4, 6);
    // NCA of the observed mean curve agrees with the model within 15%
    for (const k of ['Cmax[low]', 'Cmax[high]', 'AUC_last[low]', 'AUC_last[high]']) {
      expect(Math.abs(d[k]!.nca! / d[k]!.median - 1)).toBeLessThan(0.15);
    }
    // the posterior median half-life is close to ln2·V/CL at the posterior medians
    const p = report.parameters;
    expect(Math.abs(t.median / ((Math.LN2 * p.V!.median) / p.CL!.median) - 1)).toBeLessThan(0.1);
    // plain JSON (what the CLI writes)
    expect(JSON.parse(JSON.stringify(report)).derived.t_half_elim.median).toBe(t.median);

    const screening = await fitModel(model, data, { particles: 32, subjects: 16, seed: 3, screening: true }, backend);
    expect(screening.derived).toBeUndefined();
  }, 120_000);
});
