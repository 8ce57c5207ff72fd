// Every entry point estimates its work from the input before starting: a fit far beyond the
// budget is refused with the estimate (no simulation run), large ones are announced.
import { afterAll, describe, expect, test } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseDataset } from '../../src/data/index.ts';
import { fitModel, FitInputError } from '../../src/infer/index.ts';
import { checkWork, estimateFitWork, estimateWork, stepCost, WorkBudgetError, WORK_LIMITS } from '../../src/infer/work-budget.ts';
import { discoveryWorkNote } from '../../src/discover/work-check.ts';
import type { EnsembleBackend } from '../../src/simulate/types.ts';
import { cpuBackend, loadModel, PK1 } from './helpers.ts';

const backend = cpuBackend();
afterAll(() => backend.dispose());

/** 3,000 groups × 3 visits: the 190 KB table */
function manyGroups(groups: number) {
  const rows = ['group,time,mean,sd,n'];
  for (let g = 0; g < groups; g++) for (const t of [1, 4, 12]) rows.push(`g${g},${t},${(5 / t).toFixed(3)},0.5,12`);
  return parseDataset(rows.join('\n') + '\n');
}

describe('work budget', () => {
  test('the estimate grows with trajectories, steps and model size', () => {
    const pk = loadModel(PK1);
    const a = estimateWork({ trajectories: 1000, outputs: 10, doseEvents: 1, stepCost: stepCost(pk), backend: 'cpu' });
    expect(estimateWork({ trajectories: 2000, outputs: 10, doseEvents: 1, stepCost: stepCost(pk), backend: 'cpu' }).units).toBeCloseTo(2 * a.units);
    expect(estimateWork({ trajectories: 1000, outputs: 21, doseEvents: 1, stepCost: stepCost(pk), backend: 'cpu' }).units).toBeGreaterThan(1.8 * a.units);
    expect(estimateWork({ trajectories: 1000, outputs: 10, doseEvents: 1, stepCost: stepCost(pk), backend: 'webgpu' }).seconds).toBeCloseTo(a.seconds / 10);
    expect(stepCost({ stateNames: ['a'], js: 'x'.repeat(40_000), stiff: false })).toBe(100);
  });

  test('a fit far beyond the budget is refused up front with the estimate, and nothing is simulated', async () => {
    let simulated = 0;
    const counting: EnsembleBackend = Object.assign(Object.create(backend) as EnsembleBackend, {
      simulate: (...args: Parameters<EnsembleBackend['simulate']>) => (simulated++, backend.simulate(...args)),
    });
    const pk = loadModel(PK1);
    const data = manyGroups(3000);
    const err = await fitModel(pk, data, { particles: 4096, subjects: 1024 }, counting).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FitInputError);
    expect((err as Error).message).toMatch(/this fit would take about [\d.]+ (h|days).*trajectories.*more than the limit of 60 min; use fewer particles, virtual subjects or groups/);
    expect(simulated).toBe(0);
  }, 30_000);

  test('the issue\'s 3,000-group table: a 64×16 fit is announced, not silent', () => {
    const pk = loadModel(PK1);
    const e = estimateFitWork(pk, { groups: 3000, times: 3 }, { particles: 64, subjects: 16 }, 'cpu');
    expect(e.seconds).toBeGreaterThan(WORK_LIMITS.warnSeconds);
    expect(checkWork(e, 'this fit', 'reduce')).toMatch(/^this fit will take about \d+ (s|min)/);
    expect(() => checkWork({ ...e, seconds: 1e5 }, 'this fit', 'reduce')).toThrow(WorkBudgetError);
  });

  test('discovery says up front when one fit will not fit its time budget', () => {
    const data = manyGroups(3000);
    expect(discoveryWorkNote(data, { budgetSeconds: 50 }, 'cpu')).toMatch(/one fit of a small candidate model on these data will take about .* time budget of 50 s/);
    expect(discoveryWorkNote(manyGroups(1), { budgetSeconds: 50 }, 'cpu')).toBeNull();
    expect(() => discoveryWorkNote(data, { particles: 65_536, subjects: 65_536 }, 'cpu')).toThrow(WorkBudgetError);
  });

  test('mechanist simulate refuses an answer too large to print, with exit 2, before any work', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mechanist-work-'));
    const params = join(dir, 'params.json');
    writeFileSync(params, '{"ka":1,"CL":5,"V":50}');
    const times = Array.from({ length: 2000 }, (_, i) => i).join(',');
    const started = Date.now();
    const r = spawnSync(process.execPath, ['bin/mechanist.mjs', 'simulate', 'public/examples/models/pk-1cmt-oral.json', '--params', params, '--times', times, '--subjects', '1000000'], { encoding: 'utf8', timeout: 60_000 });
    expect(r.status).toBe(2);
    const e = (JSON.parse(r.stdout) as { error: { code: string; message: string } }).error;
    expect(e.code).toBe('work-budget');
    expect(e.message).toMatch(/would print 2\.0e\+9 values .* the limit is 1e\+7/);
    expect(Date.now() - started).toBeLessThan(30_000);
  });
});
