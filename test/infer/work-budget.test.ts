// Every entry point estimates its work from the input (and a pilot trajectory's step count)
// before starting: a request far beyond the budget is refused with the estimate (no simulation
// run), large ones are announced, ordinary ones pass silently. No timings here: the estimates are
// arithmetic on counted steps; scripts/work-budget/estimate-vs-actual.ts compares them with
// measured times.
import { afterAll, describe, expect, test } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseDataset } from '../../src/data/index.ts';
import { compileSpec } from '../../src/model/index.ts';
import { fitModel, FitInputError, withDataRegimen } from '../../src/infer/index.ts';
import { checkWork, estimateWork, EXPECTED_SWEEPS, EXPECTED_SWEEPS_NO_BSV, stepMicros, WorkBudgetError } from '../../src/infer/work-budget.ts';
import { estimateSimulationWork, priorMedians } from '../../src/infer/work-pilot.ts';
import { fitWorkEstimate, resolveFitSettings } from '../../src/infer/fit.ts';
import { planFit } from '../../src/infer/plan.ts';
import { createEvaluator } from '../../src/infer/evaluate.ts';
import { buildLayout } from '../../src/infer/population.ts';
import { discoveryFitEstimate, discoveryWorkNote, startingSizes } from '../../src/discover/work-check.ts';
import { discoveryFitSizes } from '../../src/discover/sizes.ts';
import { denseSpec } from '../../src/bench/dense-spec.ts';
import type { EnsembleBackend } from '../../src/simulate/types.ts';
import { cpuBackend, loadModel, PK1 } from './helpers.ts';

const backend = cpuBackend();
afterAll(() => backend.dispose());

/** groups × 3 visits as CSV text (3,000 groups: the 190 KB table) */
function groupsCsv(groups: number): string {
  const rows = ['group,time,mean,sd,n'];
  for (let g = 0; g < groups; g++) for (const t of [1, 4, 12]) rows.push(`g${g},${t},${(5 / t).toFixed(3)},0.5,12`);
  return rows.join('\n') + '\n';
}
const manyGroups = (groups: number) => parseDataset(groupsCsv(groups));

const DENSE_STIFF_32 = denseSpec(32, { spread: 1e5 });

describe('work budget', () => {
  test('planning a 3,000-group table matches each observable name once (planning cost grew with groups²: 35 s before the budget was even checked)', () => {
    const plan = planFit(loadModel(PK1), manyGroups(3000));
    expect(plan.groups).toHaveLength(3000);
    expect(plan.series[2999]!.group).toBe(2999);
    expect(plan.series[2999]!.data.timeIdx).toEqual([0, 1, 2]);
    expect(plan.warnings.filter((w) => /matched to the model's only observable/.test(w))).toHaveLength(1);
  });

  test('the step cost grows with generated code and the solver path, and calls cost on their own', () => {
    const pk = loadModel(PK1);
    const dense = compileSpec(JSON.stringify(denseSpec(32)));
    expect(stepMicros(dense, 'explicit')).toBeGreaterThan(500 * stepMicros(pk, 'explicit'));
    expect(stepMicros(dense, 'rosenbrock')).toBeGreaterThan(2 * stepMicros(dense, 'explicit'));
    expect(stepMicros(compileSpec(JSON.stringify(denseSpec(8, { linear: true }))), 'exact')).toBeGreaterThan(100 * stepMicros(pk, 'exact'));
    const a = estimateWork({ trajectories: 1000, steps: 10, stepMicros: 1, calls: 0, backend: 'cpu' });
    expect(estimateWork({ trajectories: 2000, steps: 10, stepMicros: 1, calls: 0, backend: 'cpu' }).seconds).toBeCloseTo(2 * a.seconds);
    expect(estimateWork({ trajectories: 1000, steps: 10, stepMicros: 1, calls: 3000, backend: 'cpu' }).seconds).toBeGreaterThan(a.seconds + 5);
    expect(estimateWork({ trajectories: 1000, steps: 10, stepMicros: 1, calls: 0, backend: 'webgpu' }).seconds).toBeCloseTo(a.seconds / 10);
  });

  test('a fit far beyond the budget is refused up front with the estimate, and only the pilot is simulated', async () => {
    let simulated = 0;
    const counting: EnsembleBackend = Object.assign(Object.create(backend) as EnsembleBackend, {
      simulate: (...args: Parameters<EnsembleBackend['simulate']>) => (simulated++, backend.simulate(...args)),
      moments: () => { throw new Error('no sweep may start'); },
    });
    const err = await fitModel(loadModel(PK1), manyGroups(3000), { particles: 4096, subjects: 1024 }, counting).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FitInputError);
    expect((err as Error).message).toMatch(/this fit would take about [\d.]+ (h|days) \(.*trajectories.*backend calls\), more than the limit of 60 min; use fewer particles, virtual subjects or groups/);
    expect(simulated).toBe(1);
  }, 30_000);

  test('the issue\'s 3,000-group table: a 64×16 fit (~20 min measured) is announced with an estimate of that order, and cancel still works', async () => {
    const ctrl = new AbortController();
    const warnings: string[] = [];
    const err = await fitModel(loadModel(PK1), manyGroups(3000), { particles: 64, subjects: 16 }, backend, {
      signal: ctrl.signal,
      onWorkWarning: (w) => { warnings.push(w); ctrl.abort(new DOMException('cancelled', 'AbortError')); },
    }).catch((e: unknown) => e);
    expect(warnings).toHaveLength(1);
    const minutes = Number(/^this fit will take about (\d+) min/.exec(warnings[0]!)?.[1]);
    // measured 15–20 min on the 2-core VM (docs/likelihood.md, "Work budget")
    expect(minutes).toBeGreaterThanOrEqual(7);
    expect(minutes).toBeLessThanOrEqual(60);
    expect(warnings[0]).toMatch(/1\.5e\+5 backend calls/);
    expect((err as Error).name).toBe('AbortError');
  }, 60_000);

  test('the dense 32-state stiff spec on DOPRI5 (minutes for 4 subjects): announced as "up to", refused at 10,000 subjects', async () => {
    const model = compileSpec(JSON.stringify(DENSE_STIFF_32));
    const req = { params: priorMedians(model), times: Float64Array.from([1, 2, 4, 8, 24]), solver: { method: 'dopri5' as const } };
    const four = await estimateSimulationWork(model, req, 4, backend);
    expect(four.upTo).toBe(true);
    expect(checkWork(four, 'this simulation', 'reduce')).toMatch(/^this simulation will take up to \d+ min \(4\.0e\+0 trajectories × ≤100000 steps × 1\.3 ms per step\)/);
    const many = await estimateSimulationWork(model, req, 10_000, backend);
    expect(() => checkWork(many, 'this simulation', 'reduce')).toThrow(WorkBudgetError);
  }, 60_000);

  test('ordinary examples are not announced (a default CPU fit of each example dataset with its model, 1,000 simulated subjects); the two measured at half an hour and more are', async () => {
    // one sweep × 50 on the 2-core VM at load ~20 (docs/likelihood.md, "Work budget"): 87 min, ~30 min
    const long = ['disease-progression.csv', 'growth-20-groups.csv'];
    const index = JSON.parse(readFileSync('public/examples/data/index.json', 'utf8')) as { datasets: { file: string; model: { file: string } }[] };
    for (const { file, model: m } of index.datasets) {
      const data = parseDataset(readFileSync(join('public/examples/data', file), 'utf8'));
      const loaded = loadModel(join('public/examples/data', m.file));
      const dosed = withDataRegimen(loaded.spec, data);
      const model = dosed === loaded.spec ? loaded : compileSpec(JSON.stringify(dosed));
      const plan = planFit(model, data);
      const settings = resolveFitSettings({}, 'cpu');
      const layout = buildLayout(model, plan.observed);
      const evaluator = createEvaluator(model, plan, layout, settings.subjects, backend);
      const fit = checkWork(await fitWorkEstimate(model, plan, layout, evaluator, settings, backend), file, 'reduce');
      if (long.includes(file)) expect(fit, file).toMatch(/will take about \d+ min/);
      else expect(fit, file).toBeNull();
      const times = Float64Array.from(plan.times);
      const sim = await estimateSimulationWork(model, { params: priorMedians(model), covariates: plan.groups[0]!.covariates, t0: plan.t0, times, solver: { method: 'auto' } }, 1000, backend);
      expect(checkWork(sim, file, 'reduce'), file).toBeNull();
    }
  }, 60_000);

  test('discovery says up front when one fit will not fit its time budget, announces 3,000 groups and refuses 30,000; example data pass', () => {
    expect(discoveryWorkNote(manyGroups(30), { budgetSeconds: 50, particles: 192, subjects: 96 }, 'cpu')).toMatch(/one fit of a small candidate model on these data will take about .* backend calls.* time budget of 50 s/);
    expect(discoveryWorkNote(manyGroups(1), { budgetSeconds: 50 }, 'cpu')).toBeNull();
    // discovery shrinks its fits on a short budget (sizes.ts): 3,000 groups are announced at the floor sizes, 30,000 refused
    expect(discoveryWorkNote(manyGroups(3000), {}, 'cpu')).toMatch(/will take about \d+ min \(3\.1e\+8 trajectories .*1\.5e\+5 backend calls/);
    expect(() => discoveryWorkNote(manyGroups(30_000), {}, 'cpu')).toThrow(/would take about [\d.]+ (h|days) .*1\.5e\+6 backend calls/);
    for (const f of readdirSync('public/examples/data').filter((n) => n.endsWith('.csv') && n !== 'growth-20-groups.csv')) {
      const d = parseDataset(readFileSync(join('public/examples/data', f), 'utf8'));
      expect(discoveryWorkNote(d, {}, 'cpu'), f).toBeNull();
    }
  });
});

describe('work budget of fits without random effects (one series)', () => {
  // a fit without between-subject variability sweeps until its particles forget their start
  // (fit-policy.ts NO_BSV_MOVES): 355–602 sweeps measured on Yap's epidemic curves, not ~50
  const series = (visits: number) => parseDataset(['time,mean,n', ...Array.from({ length: visits }, (_, i) => `${i},${(1 + Math.sin(i / 9)).toFixed(3)},1`)].join('\n') + '\n');
  const paramecium = parseDataset(readFileSync('test/fixtures/real-gause/paramecium-competition.csv', 'utf8'));

  test("discovery's estimate counts their sweeps and one simulated subject per particle", () => {
    const one = discoveryFitEstimate(paramecium, {}, 'cpu');
    expect(one.sweeps).toBe(EXPECTED_SWEEPS_NO_BSV);
    expect(one.trajectories).toBe(discoveryFitSizes('cpu', true).full.particles * paramecium.groups.length * EXPECTED_SWEEPS_NO_BSV);
    expect(discoveryFitEstimate(manyGroups(1), {}, 'cpu').sweeps).toBe(EXPECTED_SWEEPS);
  });

  test('a fit simulating one subject per cohort is estimated at their sweeps', async () => {
    const model = loadModel(PK1);
    const plan = planFit(model, manyGroups(2));
    const layout = buildLayout(model, plan.observed);
    const at = async (subjects: number) => fitWorkEstimate(model, plan, layout, createEvaluator(model, plan, layout, subjects, backend), { particles: 64, subjects }, backend);
    const [one, many] = [await at(1), await at(16)];
    expect([one.sweeps, many.sweeps]).toEqual([EXPECTED_SWEEPS_NO_BSV, EXPECTED_SWEEPS]);
    expect(one.trajectories).toBe(64 * 2 * EXPECTED_SWEEPS_NO_BSV);
  });

  test('one series starts at the usual sizes while its screenings fit the budget (full fits are sized from them), and shrinks only when they do not', () => {
    const usual = discoveryFitSizes('cpu', true);
    // Gause's paramecium competition: one full fit estimated at about a third of 180 s, a screening at a twelfth of that
    expect(discoveryFitEstimate(paramecium, {}, 'cpu').seconds).toBeGreaterThan(0.25 * 180);
    expect(startingSizes(paramecium, {}, 'cpu', 180)).toEqual({ sizes: usual, factor: 1 });
    // a population table over its share is judged on its full fit, as before
    expect(startingSizes(manyGroups(300), {}, 'cpu', 180).factor).toBeLessThan(1);
    // 5,000 daily visits: even a screening would not fit, so both shrink (not below the floors)
    const long = startingSizes(series(5000), {}, 'cpu', 180);
    expect(long.factor).toBeLessThan(0.5);
    expect(long.sizes.screen.particles).toBeLessThan(usual.screen.particles);
    expect(long.sizes.full.particles).toBeLessThan(usual.full.particles);
  });
});

describe('work budget at the CLI (exit 2 with the estimate in JSON)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mechanist-work-'));
  const run = (...args: string[]) => spawnSync(process.execPath, ['bin/mechanist.mjs', ...args], { encoding: 'utf8', timeout: 90_000 });
  const error = (r: ReturnType<typeof run>) => {
    expect(r.status).toBe(2);
    return (JSON.parse(r.stdout.trim().split('\n').at(-1)!) as { error: { code: string; message: string } }).error;
  };

  test('mechanist simulate refuses an answer too large to print, before any work', () => {
    const params = join(dir, 'params.json');
    writeFileSync(params, '{"ka":1,"CL":5,"V":50}');
    const times = Array.from({ length: 2000 }, (_, i) => i).join(',');
    const e = error(run('simulate', 'public/examples/models/pk-1cmt-oral.json', '--params', params, '--times', times, '--subjects', '1000000'));
    expect(e.code).toBe('work-budget');
    expect(e.message).toMatch(/would print 2\.0e\+9 values .* the limit is 1e\+7/);
  });

  test('mechanist simulate refuses 10,000 subjects of the dense 32-state stiff spec on DOPRI5 with the estimate', () => {
    const spec = join(dir, 'dense32.json');
    writeFileSync(spec, JSON.stringify(DENSE_STIFF_32));
    const params = join(dir, 'p.json');
    writeFileSync(params, '{"k":1,"c":0.5}');
    const e = error(run('simulate', spec, '--params', params, '--times', '1,2,4,8,24', '--subjects', '10000', '--method', 'dopri5'));
    expect(e.code).toBe('work-budget');
    expect(e.message).toMatch(/this simulation would take up to [\d.]+ (h|days) \(1\.0e\+4 trajectories × ≤100000 steps × 1\.3 ms per step\), more than the limit of 60 min/);
  }, 60_000);

  test('mechanist fit refuses the 3,000-group table at 4096 × 1024 with the estimate', () => {
    const csv = join(dir, 'groups.csv');
    writeFileSync(csv, groupsCsv(3000));
    const e = error(run('fit', 'pk-1cmt-oral', csv, '--particles', '4096', '--subjects', '1024'));
    expect(e.code).toBe('fit');
    expect(e.message).toMatch(/this fit would take about [\d.]+ (h|days) .*more than the limit of 60 min/);
  }, 60_000);

  test('mechanist discover refuses a 30,000-group table (one fit alone, even at the smallest sizes: hours) with the estimate', () => {
    const csv = join(dir, 'groups-30000.csv');
    writeFileSync(csv, groupsCsv(30_000));
    const e = error(run('discover', csv, '--budget-s', '5'));
    expect(e.code).toBe('work-budget');
    expect(e.message).toMatch(/one fit of a small candidate model on these data would take about [\d.]+ (h|days) .*backend calls.*aggregate groups/);
  }, 60_000);
});
