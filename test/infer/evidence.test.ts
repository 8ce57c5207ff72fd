// Model comparison by log-evidence: on two-compartment data the two-compartment spec wins; on
// one-compartment data the simpler spec is not worse by more than the standard error.
// Screening settings (64 particles × 32 virtual subjects) keep the four fits quick.
import { afterAll, describe, expect, it } from 'vitest';
import { fitModel, simulateCohort } from '../../src/infer/index.ts';
import { cpuBackend, loadModel, PK1, PK2, TIMES_11 } from './helpers.ts';

const backend = cpuBackend();
afterAll(() => backend.dispose());
const one = loadModel(PK1), two = loadModel(PK2);
const opts = { particles: 64, subjects: 32, seed: 3, screening: true };
const sigma = { additive: 0.02, proportional: 0.08 };

describe('log-evidence ranks models', () => {
  it('prefers the two-compartment spec on two-compartment data', async () => {
    const truth = { theta: { ka: 2, CL: 3, V: 15, Q: 10, V2: 60 }, omega: { ka: 0.3, CL: 0.3, V: 0.2 }, sigma };
    const { dataset } = await simulateCohort(two, truth, { times: TIMES_11, n: 20 }, 11, backend);
    const r1 = await fitModel(one, dataset, opts, backend);
    const r2 = await fitModel(two, dataset, opts, backend);
    const se = Math.hypot(r1.logEvidenceSE, r2.logEvidenceSE);
    expect(r2.logEvidence - r1.logEvidence, `2-cmt ${r2.logEvidence} vs 1-cmt ${r1.logEvidence}, se ${se}`).toBeGreaterThan(se);
  }, 240_000);

  it('does not punish the one-compartment spec on one-compartment data', async () => {
    const truth = { theta: { ka: 1.2, CL: 4, V: 40 }, omega: { ka: 0.3, CL: 0.3, V: 0.2 }, sigma };
    const { dataset } = await simulateCohort(one, truth, { times: TIMES_11, n: 20 }, 12, backend);
    const r1 = await fitModel(one, dataset, opts, backend);
    const r2 = await fitModel(two, dataset, opts, backend);
    const se = Math.hypot(r1.logEvidenceSE, r2.logEvidenceSE);
    expect(r1.logEvidence - r2.logEvidence, `1-cmt ${r1.logEvidence} vs 2-cmt ${r2.logEvidence}, se ${se}`).toBeGreaterThan(-se);
  }, 240_000);
});
