// The discovery loop end to end with the real compiler, fitter and CPU simulation engine
// (tiny fit sizes so the suite stays fast on 2 cores).
import { beforeAll, describe, expect, it } from 'vitest';
import { compileSpec } from '../../src/model/index.ts';
import { fitModel, simulateCohort } from '../../src/infer/index.ts';
import { createRunDiscovery } from '../../src/discover/loop.ts';
import { NoModelError } from '../../src/discover/errors.ts';
import { candidateKey } from '../../src/discover/structure-key.ts';
import { dataScales, motifById } from '../../src/discover/library/index.ts';
import type { Dataset } from '../../src/data/types.ts';
import type { DiscoveryProgress } from '../../src/discover/api.ts';
import type { ModelSpec } from '../../src/model/spec.ts';
import { IV_PK, inThreadBackend } from './fixtures.ts';

const backend = inThreadBackend;
const loopDeps = {
  compile: (s: ModelSpec) => compileSpec(s), key: candidateKey,
  perRound: [3, 2] as [number, number], fullPerRound: 1,
  sizes: { screen: { particles: 24, subjects: 8 }, full: { particles: 32, subjects: 12 } },
};
const run = createRunDiscovery({ fit: fitModel, ...loopDeps });

let data: Dataset;
beforeAll(async () => {
  const spec = motifById('pk-1cmt-iv')!.build(dataScales(IV_PK));
  const { dataset } = await simulateCohort(compileSpec(spec), { theta: { CL: 2, V: 20 }, omega: { CL: 0.3, V: 0.2 }, sigma: { proportional: 0.1 } },
    { times: [0.5, 2, 4, 8, 12, 24], n: 12, groups: [{ name: 'all', dose: 100 }] }, 5, backend);
  dataset.observables = [{ name: 'conc', unit: 'mg/L' }];
  dataset.timeUnit = 'h';
  data = dataset;
});

describe('discovery loop', () => {
  it('ranks fitted candidates with weights, explanations and forecasts, deterministically per seed', async () => {
    const events: DiscoveryProgress[] = [];
    const opts = { seed: 3, rounds: 2, budgetSeconds: 600, predictTimes: [30] };
    const a = await run(data, opts, backend, { onProgress: (p) => events.push(p) });
    const b = await run(data, opts, backend);
    const summary = (r: typeof a) => r.models.map((m) => [m.name, m.logEvidence, m.weight]);
    expect(summary(b)).toEqual(summary(a));
    expect(a.models.length).toBeGreaterThanOrEqual(3);
    expect(a.models.reduce((s, m) => s + m.weight, 0)).toBeCloseTo(1, 9);
    expect(a.models.map((m) => m.rank)).toEqual(a.models.map((_, i) => i + 1));
    expect(new Set(a.models.map((m) => candidateKey(m.spec))).size).toBe(a.models.length);
    const top = a.models[0]!;
    for (const t of [0.5, 2, 4, 8, 12, 24, 30]) expect(top.predictive.mean.times).toContain(t);
    expect(top.predictive.mean.median.every(Number.isFinite)).toBe(true);
    expect(top.explanation.length).toBeGreaterThan(40);
    expect(top.origin.proposer).toBe('library');
    expect(a.proposer).toBe('library');
    expect(a.dataset.times).toEqual([0.5, 2, 4, 8, 12, 24]);
    expect(a.timing.candidatesFitted).toBeGreaterThanOrEqual(a.models.length);
    expect(events.map((e) => e.stage)).toEqual(expect.arrayContaining(['propose', 'screen', 'fit', 'rank', 'done']));
    expect(events.at(-1)!.fraction).toBe(1);
    expect(events.every((e) => e.fraction >= 0 && e.fraction <= 1)).toBe(true);
  }, 240_000);

  it('includes user-written specs and survives invalid ones', async () => {
    const user: ModelSpec = { ...motifById('pk-2cmt-iv')!.build(dataScales(data)), name: 'my two-compartment' };
    const broken: ModelSpec = { ...user, name: 'broken', equations: { ...user.equations, central: 'CL/V*centrl' } };
    const r = await run(data, { seed: 1, rounds: 1, budgetSeconds: 600, extraSpecs: [user, broken] }, backend);
    const mine = r.models.find((m) => m.origin.proposer === 'user');
    expect(mine?.name).toBe('my two-compartment');
    expect(r.log.join('\n')).toMatch(/broken: invalid: .*centrl/);
  }, 240_000);

  it('respects the time budget: a tiny budget stops after at most one fit (or ends with a clear error)', async () => {
    // on a clock where every fit takes 40 ms, so the outcome does not depend on how fast this
    // machine fits (tiny linear-model fits take a few ms); the deadline is 95% of 50 ms
    let clock = 0;
    const timed = createRunDiscovery({
      ...loopDeps,
      now: () => clock,
      fit: async (...args) => { const r = await fitModel(...args); clock += 40; return r; },
    });
    const t0 = performance.now();
    const out = await timed(data, { seed: 1, budgetSeconds: 0.05 }, backend).then((r) => r, (e: Error) => e);
    expect((performance.now() - t0) / 1000).toBeLessThan(10);
    if (out instanceof Error) {
      expect(out).toBeInstanceOf(NoModelError);
      expect(out.message).toMatch(/No candidate model could be fitted within the time budget/);
    }
    else {
      expect(out.models.length).toBe(1);
      expect(out.log.join('\n')).toMatch(/time budget/);
    }
  }, 60_000);

  it('is cancellable', async () => {
    const ctrl = new AbortController();
    const err = await run(data, { seed: 1 }, backend, { signal: ctrl.signal, onProgress: (p) => { if (p.stage === 'screen') ctrl.abort(); } }).then(() => null, (e: Error) => e);
    expect(err?.name).toBe('AbortError');
  }, 60_000);

  it('refuses the WebLLM proposer without an engine, with a clear message', async () => {
    await expect(run(data, { proposer: 'webllm' }, backend)).rejects.toThrow(/WebLLM proposer needs a language-model engine/);
  });
});
