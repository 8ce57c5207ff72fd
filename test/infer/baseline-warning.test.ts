// Pre-dose visits with a clearly non-zero mean (an endogenous compound, carry-over) cannot be fitted
// by a model that starts at zero; the fit says so instead of silently inflating the residual error.
import { afterAll, describe, expect, it } from 'vitest';
import { fitModel } from '../../src/infer/index.ts';
import type { Dataset } from '../../src/data/types.ts';
import { cpuBackend, loadModel, PK1 } from './helpers.ts';

const backend = cpuBackend();
afterAll(() => backend.dispose());

// a theophylline-like cohort after one 320 mg oral dose (means, SDs in mg/L, n = 12)
const times = [0.25, 0.5, 1, 2, 3.5, 5, 7, 9, 12, 24];
const mean = [3.28, 5.11, 6.8, 8.0, 7.87, 7.37, 6.44, 5.62, 4.73, 1.97];
const sd = [1.91, 2.29, 1.91, 1.75, 1.34, 1.26, 1.11, 1.06, 1.02, 0.82];
const cohort = (preDose: number | null): Dataset => ({
  observables: [{ name: 'conc', unit: 'mg/L' }],
  groups: [{ name: 'all', covariates: { dose: 320 } }],
  series: [{
    observable: 'conc', group: 'all',
    times: preDose === null ? times : [0, ...times],
    mean: preDose === null ? mean : [preDose, ...mean],
    sd: preDose === null ? sd : [1.24, ...sd],
    n: Array(times.length + (preDose === null ? 0 : 1)).fill(12),
  }],
  source: { format: 'aggregate', rows: times.length },
});

describe('baseline warning', () => {
  const model = loadModel(PK1);
  const opts = { particles: 64, subjects: 32, seed: 1 };

  it('names the pre-dose visit whose mean the model cannot produce', async () => {
    const r = await fitModel(model, cohort(0.74), opts, backend);
    const w = r.diagnostics.warnings.filter((x) => /predicts nothing yet/.test(x));
    expect(w).toHaveLength(1);
    expect(w[0]).toMatch(/^conc: at t = 0 the data mean is clearly above zero/);
  }, 60_000);

  it('stays quiet without such a visit, or when the pre-dose mean is zero', async () => {
    for (const pre of [null, 0]) {
      const r = await fitModel(model, cohort(pre), opts, backend);
      expect(r.diagnostics.warnings.some((x) => /predicts nothing yet/.test(x))).toBe(false);
    }
  }, 60_000);
});
