// The Deno fit bundle (.gpu/fit.mjs, scripts/build-gpu-bench.mjs): built into a temporary folder,
// free of Node modules, and run end to end in a child Node process with a minimal Deno shim
// (Deno.args/readTextFile/exit, navigator.gpu from Dawn on SwiftShader), where it must give
// what `mechanist fit --backend webgpu` gives for the same arguments.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseArgs } from '../../src/bench/gpu-fit-deno.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const out = mkdtempSync(join(tmpdir(), 'mechanist-gpu-bench-'));
const csv = join(root, 'public/examples/data/pk-oral-cohort.csv');

/** runs a bundle as Deno would, with just the Deno and navigator.gpu surface it uses */
function runUnderShim(bundle: string, args: string[]): { code: number; stdout: string; stderr: string } {
  const shim = `
    import { readFile } from 'node:fs/promises';
    const webgpu = await import('webgpu');
    Object.assign(globalThis, webgpu.globals);
    globalThis.navigator = { gpu: webgpu.create([]) };
    globalThis.Deno = { args: ${JSON.stringify(args)}, exit: (c) => process.exit(c), readTextFile: (p) => readFile(p, 'utf8') };
    await import(${JSON.stringify(pathToFileURL(bundle).href)});`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', shim], { cwd: root, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  execFileSync(process.execPath, [join(root, 'scripts/build-gpu-bench.mjs'), out], { cwd: root, stdio: 'pipe' });
});

describe('GPU bench bundles', () => {
  it('import no Node module and carry the example data', () => {
    for (const name of ['fit.mjs', 'bench.mjs']) {
      const text = readFileSync(join(out, name), 'utf8');
      expect(text).not.toMatch(/(from\s*|import\s*\(?\s*)["']node:/);
      expect(text).not.toMatch(/worker_threads/);
    }
    expect(readFileSync(join(out, 'data/pk-oral-cohort.csv'), 'utf8')).toBe(readFileSync(csv, 'utf8'));
  });

  it('fit.mjs fits the PK cohort on WebGPU as `mechanist fit --backend webgpu` does', () => {
    const size = ['--particles', '64', '--subjects', '32', '--seed', '1'];
    // no data argument: the CSV copied next to the bundle
    const r = runUnderShim(join(out, 'fit.mjs'), size);
    expect(r.code, r.stderr).toBe(0);
    const line = JSON.parse(r.stdout.trim());
    expect(line).toMatchObject({ bench: 'fit', backend: 'webgpu', particles: 64, subjects: 32, seed: 1, run: 1 });
    expect(line.sweeps).toBeGreaterThan(5);
    expect(line.backendCalls).toBeGreaterThan(line.sweeps);
    expect(line.backendSeconds).toBeLessThanOrEqual(line.wallSeconds);
    expect(line.trajPerS).toBeCloseTo(line.trajectories / line.wallSeconds, -2);
    // the cohort was simulated with ka 1.5, CL 4, V 35
    for (const [k, lo, hi] of [['ka', 1, 2.2], ['CL', 3, 5], ['V', 28, 44]] as const) {
      const p = line.parameters[k];
      expect(p.q05).toBeLessThanOrEqual(p.median);
      expect(p.median).toBeLessThanOrEqual(p.q95);
      expect(p.median).toBeGreaterThan(lo);
      expect(p.median).toBeLessThan(hi);
    }

    const cli = spawnSync(process.execPath, [join(root, 'bin/mechanist.mjs'), 'fit', 'pk-1cmt-oral', csv, ...size, '--backend', 'webgpu'], { cwd: root, encoding: 'utf8', timeout: 120_000 });
    expect(cli.status, cli.stderr).toBe(0);
    const report = JSON.parse(cli.stdout);
    expect(line.sweeps).toBe(report.timing.sweeps);
    expect(line.trajectories).toBe(report.timing.trajectories);
    expect(line.logEvidence).toBeCloseTo(report.logEvidence, 3);
    expect(line.parameters.CL.median).toBeCloseTo(report.parameters.CL.median, 2);
  });

  it('fit.mjs reports bad arguments and unreadable data as one JSON error line, exit 2', () => {
    const bad = runUnderShim(join(out, 'fit.mjs'), ['--model', 'no-such-model']);
    expect(bad.code).toBe(2);
    expect(JSON.parse(bad.stdout.trim()).error).toMatch(/--model must be one of pk-1cmt-oral/);
    const missing = runUnderShim(join(out, 'fit.mjs'), [join(out, 'missing.csv')]);
    expect(missing.code).toBe(2);
    expect(JSON.parse(missing.stdout.trim()).error).toMatch(/cannot read data file .*missing\.csv/);
  });
});

describe('fit.mjs arguments', () => {
  it('default to pk-1cmt-oral, the given default data and one run; flags take both spellings', () => {
    expect(parseArgs([], 'd.csv')).toEqual({ model: 'pk-1cmt-oral', data: 'd.csv', options: {}, runs: 1 });
    expect(parseArgs(['x.csv', '--particles=2048', '--subjects', '256', '--seed', '0', '--runs', '2', '--model', 'epi-sir'], 'd.csv'))
      .toEqual({ model: 'epi-sir', data: 'x.csv', options: { particles: 2048, subjects: 256, seed: 0 }, runs: 2 });
  });

  it('reject unknown flags, non-integers and two data files', () => {
    expect(() => parseArgs(['--particle', '5'], 'd.csv')).toThrow(/unknown option --particle/);
    expect(() => parseArgs(['--subjects', '2.5'], 'd.csv')).toThrow(/--subjects needs an integer/);
    expect(() => parseArgs(['--seed'], 'd.csv')).toThrow(/--seed needs an integer ≥ 0 \(got nothing\)/);
    expect(() => parseArgs(['a.csv', 'b.csv'], 'd.csv')).toThrow(/one data file expected/);
  });
});
