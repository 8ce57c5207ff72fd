// The cost shown before a run (issue 16): trajectories per sweep grow with groups × particles ×
// subjects, the time estimate with them, and a 20-group study on the CPU is flagged as large.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDataset } from '../../src/data/index.ts';
import { estimateRun } from '../../src/ui/state/run-estimate.ts';
import { discoveryFitEstimate } from '../../src/discover/work-check.ts';
import { EXPECTED_SWEEPS, EXPECTED_SWEEPS_NO_BSV } from '../../src/infer/work-budget.ts';

const load = (f: string) => parseDataset(readFileSync(`public/examples/data/${f}`, 'utf8'));

describe('run cost estimate', () => {
  it('counts particles × groups × subjects and turns them into time and memory', () => {
    const one = estimateRun(load('pk-oral-cohort.csv'), 'cpu', 0, 0, 240);
    expect(one.groups).toBe(1);
    expect(one.particles).toBe(192);
    expect(one.subjects).toBe(96);
    expect(one.trajectoriesPerSweep).toBe(192 * 96);
    // the work budget's measured cost model (src/infer/work-budget.ts), as discovery applies it
    expect(one.seconds).toBe(discoveryFitEstimate(load('pk-oral-cohort.csv'), { particles: 192, subjects: 96 }, 'cpu').seconds);
    expect(one.large).toBe(false);
    expect(one.text).toMatch(/1 group × 192 particles × 96 virtual subjects = 18,432 trajectories per sweep/);

    const many = estimateRun(load('growth-20-groups.csv'), 'cpu', 0, 0, 240);
    expect(many.groups).toBe(20);
    expect(many.trajectoriesPerSweep).toBe(20 * 192 * 96);
    expect(many.seconds).toBeGreaterThan(one.seconds * 10);
    expect(many.large).toBe(true);
    expect(many.text).toMatch(/more than half the time budget/);
    // the sweep's working set is capped by the per-call budget, whatever the study size
    expect(many.sweepBytes).toBeLessThanOrEqual(64 * 2 ** 20);
    // beyond the work budget's limit: said before the run, which discovery then refuses
    expect(estimateRun(load('growth-20-groups.csv'), 'cpu', 1024, 1024, 240).text).toMatch(/more than the limit of 60 min: the run will be refused/);
  });

  it('for one series (every n = 1) counts one simulated subject per particle and the sweeps such a fit takes', () => {
    const outbreak = parseDataset(readFileSync('test/fixtures/real-public/dengue-yap-2011.csv', 'utf8'));
    const e = estimateRun(outbreak, 'cpu', 0, 0, 180);
    expect(e.particles).toBe(1536);
    expect(e.trajectoriesPerSweep).toBe(1536);
    expect(e.sweeps).toBe(EXPECTED_SWEEPS_NO_BSV);
    expect(e.seconds).toBe(discoveryFitEstimate(outbreak, { particles: 1536, subjects: e.subjects }, 'cpu').seconds);
    expect(e.text).toMatch(/1 group × 1536 particles × 1 simulated subject \(one series: no between-subject variability\) = 1,536 trajectories per sweep, about \d+ s \(450 sweeps\)/);
    // a population table keeps the usual count
    expect(estimateRun(load('pk-oral-cohort.csv'), 'cpu', 0, 0, 240).sweeps).toBe(EXPECTED_SWEEPS);
  });
});
