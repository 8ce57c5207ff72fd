// Fits that cannot proceed end with a clear message; the CLI answers bad input with exit 2 and a
// sentence naming the place; the SMC keeps both flip-flop modes of oral PK.
import { afterAll, describe, expect, it } from 'vitest';
import { compileSpec } from '../../src/model/index.ts';
import { fitModel, FitInputError, simulateCohort } from '../../src/infer/index.ts';
import { cliInProcess as cli } from '../cli/in-process.ts';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cpuBackend, PK1, TIMES_11 } from './helpers.ts';
import type { Dataset } from '../../src/data/types.ts';

const backend = cpuBackend();
afterAll(() => backend.dispose());

const data: Dataset = {
  observables: [{ name: 'y' }],
  groups: [{ name: 'all', covariates: {} }],
  series: [{ observable: 'y', group: 'all', times: [2, 4, 8], mean: [3, 5, 9], sd: [1, 1, 2], n: [10, 10, 10] }],
  source: { format: 'aggregate', rows: 3 },
};

describe('fits that cannot proceed', () => {
  it('says so clearly when every simulated trajectory fails', async () => {
    // dy/dt = k y², y(0) = 1 blows up at t = 1/k, before the first visit for any k the prior allows
    const model = compileSpec({
      name: 'blow-up',
      states: [{ name: 'Y', initial: '1' }],
      parameters: [{ name: 'k', prior: { type: 'lognormal', median: 2, gsd: 1.2 }, varies: true }],
      equations: { Y: 'k * Y * Y' },
      observables: [{ name: 'y', expression: 'Y' }],
    });
    const fit = fitModel(model, data, { particles: 32, subjects: 8, seed: 1 }, backend);
    await expect(fit).rejects.toThrow(FitInputError);
    await expect(fitModel(model, data, { particles: 32, subjects: 8, seed: 1 }, backend)).rejects.toThrow(/no fit can proceed.*100\.0% of \d+ simulated trajectories failed/);
  });

  it('rejects unusable settings before simulating anything', async () => {
    const model = compileSpec({
      name: 'decay', states: [{ name: 'Y', initial: 'A' }],
      parameters: [{ name: 'A', prior: { type: 'lognormal', median: 10, gsd: 2 } }, { name: 'k', prior: { type: 'lognormal', median: 0.2, gsd: 2 } }],
      equations: { Y: '-k * Y' }, observables: [{ name: 'y', expression: 'Y' }],
    });
    await expect(fitModel(model, data, { particles: 4 }, backend)).rejects.toThrow(/particles must be an integer ≥ 16/);
    await expect(fitModel(model, data, { subjects: 2 }, backend)).rejects.toThrow(/subjects must be an integer ≥ 8/);
  });
});

describe('fit runs', () => {
  const decay = compileSpec({
    name: 'decay', states: [{ name: 'Y', initial: 'A' }],
    parameters: [{ name: 'A', prior: { type: 'lognormal', median: 10, gsd: 2 }, varies: true }, { name: 'k', prior: { type: 'lognormal', median: 0.2, gsd: 2 }, varies: true }],
    equations: { Y: '-k * Y' }, observables: [{ name: 'y', expression: 'Y' }],
  });
  const decayData: Dataset = { ...data, series: [{ observable: 'y', group: 'all', times: [1, 2, 4, 8], mean: [8, 6.5, 4.4, 2.1], sd: [2, 1.8, 1.5, 1], n: [15, 15, 14, 14] }] };

  it('are deterministic for a seed', async () => {
    const opts = { particles: 32, subjects: 16, seed: 4, screening: true };
    const a = await fitModel(decay, decayData, opts, backend);
    const b = await fitModel(decay, decayData, opts, backend);
    expect(b.logEvidence).toBe(a.logEvidence);
    expect(b.parameters).toEqual(a.parameters);
    expect(b.predictive).toEqual(a.predictive);
  });

  it('can be cancelled, with an AbortError', async () => {
    const ac = new AbortController();
    const fit = fitModel(decay, decayData, { particles: 32, subjects: 16, seed: 4 }, backend, {
      signal: ac.signal,
      onProgress: (p) => { if (p.stage === 'mutation') ac.abort(); },
    });
    await expect(fit).rejects.toThrow(/abort|cancel/i);
  });
});

describe('mechanist fit on bad input', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mechanist-fit-'));
  it('names row and column of a malformed CSV, and exits 2', async () => {
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'time,mean,sd,n\n0.5,1.2,0.3,20\n1,abc,0.3,20\n');
    const r = await cli(['fit', PK1, bad, '--particles', '16', '--subjects', '8']);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.out).error.code).toBe('data');
    expect(r.err).toMatch(/row 3.*column "mean"/);
  });

  it('explains an unknown model, a missing file and a bad option', async () => {
    const ok = join(dir, 'ok.csv');
    writeFileSync(ok, 'time,mean,sd,n\n1,1,0.3,20\n2,1.5,0.4,20\n');
    const r1 = await cli(['fit', 'no-such-model', ok]);
    expect(r1.code).toBe(2);
    expect(r1.err).toMatch(/neither a spec file nor the name of an example model/);
    const r2 = await cli(['fit', 'pk-1cmt-oral', join(dir, 'missing.csv')]);
    expect(r2.code).toBe(2);
    expect(r2.err).toMatch(/does not exist/);
    const r3 = await cli(['fit', 'pk-1cmt-oral', ok, '--particles', 'many']);
    expect(r3.code).toBe(2);
    expect(r3.err).toMatch(/--particles needs an integer from 16 to 65536 \(got many\)/);
  });
});

describe('flip-flop', () => {
  it('keeps both modes (ka ↔ CL/V) when the priors cannot tell them apart, and presents ka > k with the other mode beside it', async () => {
    // no between-subject variability and flat log priors: (ka, k) and (k, ka) with V' = V·k/ka give the same curve
    const model = compileSpec({
      name: 'flip-flop', states: [{ name: 'gut', initial: '0' }, { name: 'central', initial: '0' }],
      parameters: [
        { name: 'ka', prior: { type: 'loguniform', lower: 0.01, upper: 10 } },
        { name: 'CL', prior: { type: 'loguniform', lower: 0.5, upper: 50 } },
        { name: 'V', prior: { type: 'loguniform', lower: 1, upper: 500 } },
      ],
      covariates: [{ name: 'dose', default: 100 }],
      equations: { gut: '-ka * gut', central: 'ka * gut - CL / V * central' },
      observables: [{ name: 'conc', expression: 'central / V' }],
      doses: [{ type: 'bolus', state: 'gut', amount: 'dose', time: 0 }],
      error: { model: 'proportional', proportional: { type: 'lognormal', median: 0.1, gsd: 1.5 } },
    });
    const { dataset } = await simulateCohort(model, { theta: { ka: 1, CL: 5, V: 50 }, omega: {}, sigma: { proportional: 0.1 } }, { times: TIMES_11, n: 20 }, 5, backend);
    const report = await fitModel(model, dataset, { particles: 256, subjects: 8, seed: 2 }, backend);
    // the posterior keeps both modes; the report presents ka > k (ka ≈ 1, V ≈ 50) and the other
    // mode (ka ≈ k = 0.1, V ≈ 5) separately, with each mode's mass
    const ff = report.flipFlop!;
    expect(ff.massAbsorptionFaster).toBeGreaterThan(0.1);
    expect(ff.massAbsorptionFaster).toBeLessThan(0.9);
    expect(ff.presentedFrom).toBe('posterior');
    expect(report.parameters.ka.median).toBeGreaterThan(0.5);
    expect(report.parameters.V.median).toBeGreaterThan(30);
    expect(ff.other.ka!.median).toBeLessThan(0.2);
    expect(ff.other.V!.median).toBeLessThan(10);
    expect(ff.note).toMatch(/flip-flop/);
    // and the curve is the same in both: CL is pinned down
    expect(report.parameters.CL.q95 / report.parameters.CL.q05).toBeLessThan(1.5);
  }, 240_000);
});

describe('flip-flop mirror', () => {
  it('a posterior found only in the ka < k mode is presented as its mirror image (ka = CL/V, V = CL/ka)', async () => {
    const { resolveFlipFlop } = await import('../../src/infer/flip-flop.ts');
    const { buildLayout } = await import('../../src/infer/population.ts');
    const model = compileSpec({
      name: 'oral', states: [{ name: 'gut', initial: '0' }, { name: 'central', initial: '0' }],
      parameters: [
        { name: 'ka', prior: { type: 'lognormal', median: 1, gsd: 3 } },
        { name: 'CL', prior: { type: 'lognormal', median: 5, gsd: 3 } },
        { name: 'V', prior: { type: 'lognormal', median: 50, gsd: 3 } },
      ],
      covariates: [{ name: 'dose', default: 100 }],
      equations: { gut: '-ka * gut', central: 'ka * gut - CL / V * central' },
      observables: [{ name: 'conc', expression: 'central / V' }],
      doses: [{ type: 'bolus', state: 'gut', amount: 'dose', time: 0 }],
    });
    const layout = buildLayout(model, [{ observable: 0, scale: 1 }]);
    const D = layout.hyper.length, N = 50;
    const phi = new Float64Array(N * D);
    // every particle in the flip-flop mode: ka 0.1, CL 5, V 5 (k = 1)
    for (let i = 0; i < N; i++) { phi[i * D] = Math.log(0.1); phi[i * D + 1] = Math.log(5); phi[i * D + 2] = Math.log(5 * (1 + 0.01 * (i - 25) / 25)); }
    const { summary, flipFlop } = resolveFlipFlop(layout, model.parameterNames, phi, N, { ka: 0, CL: 1, V: 2 });
    expect(flipFlop.massAbsorptionFaster).toBe(0);
    expect(flipFlop.presentedFrom).toBe('mirror');
    expect(summary.parameters.ka!.median).toBeCloseTo(1, 2);
    expect(summary.parameters.V!.median).toBeCloseTo(50, 6);
    expect(summary.parameters.CL!.median).toBeCloseTo(5, 9);
    expect(flipFlop.other.ka!.median).toBeCloseTo(0.1, 9);
  });
});
