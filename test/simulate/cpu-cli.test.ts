// `mechanist simulate` and `mechanist bench` end to end: the built CLI (npm run build:cli) in a
// child process, JSON on stdout, exit codes.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const spec = join(root, 'public/examples/models/pk-1cmt-oral.json');
const tmp = mkdtempSync(join(tmpdir(), 'mechanist-sim-'));

function mechanist(...args: string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [join(root, 'bin/mechanist.mjs'), ...args], { encoding: 'utf8', timeout: 120_000 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

function file(name: string, content: unknown): string {
  const p = join(tmp, name);
  writeFileSync(p, JSON.stringify(content));
  return p;
}

describe('mechanist simulate', () => {
  it('prints outputs per observable per time that match the closed form', () => {
    const params = file('p.json', { ka: 1.2, CL: 4, V: 40 });
    const r = mechanist('simulate', spec, '--params', params, '--times', '0,1,2,4,8', '--method', 'dopri5', '--rtol', '1e-10', '--atol', '1e-12');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.times).toEqual([0, 1, 2, 4, 8]);
    expect(out.trajectories).toHaveLength(1);
    expect(out.trajectories[0].status).toBe('ok');
    const k = 4 / 40;
    const conc = (t: number): number => ((100 * 1.2) / (40 * (1.2 - k))) * (Math.exp(-k * t) - Math.exp(-1.2 * t));
    out.trajectories[0].outputs.conc.forEach((c: number, i: number) => expect(Math.abs(c - conc(out.times[i]))).toBeLessThan(1e-7 * Math.max(conc(out.times[i]), 1e-3)));
  });

  it('--subjects M --seed S draws reproducible virtual subjects and summarises them', () => {
    const params = file('rows.json', [{ ka: 1, CL: 5, V: 50 }, { ka: 2, CL: 5, V: 50, dose: 200 }]);
    const a = mechanist('simulate', spec, '--params', params, '--times', '0,2,6', '--subjects', '4', '--seed', '3');
    const b = mechanist('simulate', spec, '--params', params, '--times', '0,2,6', '--subjects', '4', '--seed', '3');
    expect(a.code).toBe(0);
    const A = JSON.parse(a.stdout);
    expect(A.n).toBe(8);
    expect(A.trajectories).toHaveLength(8);
    expect(A.trajectories[0].params.ka).not.toBe(A.trajectories[1].params.ka);
    expect(A.summary.conc.mean).toHaveLength(3);
    expect(A.summary.conc.n).toBe(8);
    expect(a.stdout).toBe(b.stdout);
  });

  it('bad input exits 2 with an error naming the problem', () => {
    const bad = file('bad.json', { kaa: 1 });
    const r = mechanist('simulate', spec, '--params', bad, '--times', '0,1');
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout).error.message).toMatch(/"kaa" is not a parameter .*did you mean ka/);
    expect(mechanist('simulate', spec, '--params', bad).code).toBe(2);
    expect(mechanist('simulate', join(tmp, 'missing.json'), '--params', bad, '--times', '1').stderr).toMatch(/spec file not found/);
    expect(mechanist('simulate', spec, '--params', file('ok.json', {}), '--times', '3,1').stderr).toMatch(/sorted/);
  });
});

describe('mechanist bench', () => {
  it('lorenz-rk4 prints the generated-code line and the handwritten-js line, which agree', () => {
    const r = mechanist('bench', '--json', '--only', 'lorenz-rk4', '--n', '512', '--backend', 'cpu', '--workers', '1');
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.backend)).toEqual(['cpu', 'handwritten-js']);
    for (const l of lines) {
      expect(l).toMatchObject({ bench: 'lorenz-rk4', n: 512 });
      expect(l.ms).toBeGreaterThan(0);
      expect(l.trajPerS).toBeGreaterThan(0);
    }
    expect(lines[0].workers).toBe(1);
    expect(lines[0].failed).toBe(0);
    expect(lines[0].accepted).toBe(512 * 1000);
    expect(lines[0].maxRelDiffVsHandwritten).toBeLessThan(1e-9);
  });

  it('fit-sweep-groups prints time and memory per likelihood sweep for 1, 6 and 20 groups', () => {
    const r = mechanist('bench', '--json', '--only', 'fit-sweep-groups', '--n', '8', '--workers', '1');
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.groups)).toEqual([1, 6, 20]);
    for (const l of lines) {
      expect(l).toMatchObject({ bench: 'fit-sweep-groups', backend: 'cpu', particles: 8, subjects: 256 });
      // one virtual cohort per group, one budgeted call per group at this size
      expect(l.trajectoriesPerSweep).toBe(8 * 256 * l.groups);
      expect(l.n).toBe(l.trajectoriesPerSweep);
      expect(l.callsPerSweep).toBe(l.groups);
      expect(l.msPerSweep).toBeGreaterThan(0);
      expect(l.ms).toBe(l.msPerSweep);
      expect(l.peakRssMiB).toBeGreaterThan(10);
      expect(l.rssGrowthMiB).toBeGreaterThanOrEqual(0);
      expect(l.budgetMiB).toBe(32);
      // the coarse start of a fit's path: a quarter of the subjects
      expect(l.coarseSubjects).toBe(64);
      expect(l.coarseMsPerSweep).toBeGreaterThan(0);
    }
  });

  it('stiff-robertson runs on the Rosenbrock path; bad flags exit 2', () => {
    const r = mechanist('bench', '--json', '--only', 'stiff-robertson', '--n', '32', '--workers', '1');
    expect(r.code).toBe(0);
    const line = JSON.parse(r.stdout.trim());
    expect(line).toMatchObject({ bench: 'stiff-robertson', backend: 'cpu', method: 'rosenbrock', n: 32, failed: 0 });
    expect(mechanist('bench', '--only', 'nope').code).toBe(2);
    expect(mechanist('bench', '--n', '0').stderr).toMatch(/--n needs an integer/);
  });
});
