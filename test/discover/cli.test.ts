// End to end: `node bin/mechanist.mjs discover …`, spawned as a process.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DiscoveryReport } from '../../src/discover/report.ts';

let tmp = '';
function run(...args: string[]) {
  const r = spawnSync(process.execPath, ['bin/mechanist.mjs', 'discover', ...args], { encoding: 'utf8', timeout: 200_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
function failure(r: ReturnType<typeof run>): { code: string; message: string } {
  expect(r.code).toBe(2);
  return (JSON.parse(r.stdout.trim()) as { error: { code: string; message: string } }).error;
}

beforeAll(() => {
  if (!existsSync('dist/cli/mechanist.mjs')) execFileSync(process.execPath, ['scripts/build-cli.mjs']);
  tmp = mkdtempSync(join(tmpdir(), 'mechanist-discover-'));
});

describe('mechanist discover', () => {
  it('rejects bad arguments and bad data with exit 2 and a JSON error', () => {
    expect(failure(run()).message).toMatch(/usage: mechanist discover/);
    expect(failure(run('x.csv', '--rounds', 'zero')).message).toMatch(/--rounds needs an integer/);
    expect(failure(run('x.csv', '--predict-times', '36,abc')).message).toMatch(/--predict-times/);
    expect(failure(run('x.csv', '--proposer', 'gpt')).message).toMatch(/library or webllm/);
    expect(failure(run(join(tmp, 'missing.csv'))).message).toMatch(/does not exist/);
    const bad = join(tmp, 'bad.csv');
    writeFileSync(bad, 'time,mean,sd,n\n0,1,-2,10\n');
    const e = failure(run(bad));
    expect(e.message).toMatch(/row 2/);
  });

  it('says clearly that the WebLLM proposer needs a browser', () => {
    const e = failure(run('public/examples/data/pk-oral-cohort.csv', '--proposer', 'webllm'));
    expect(e.message).toMatch(/browser/);
    expect(e.message).toMatch(/--proposer library/);
  });

  it('runs the library proposer within its budget and writes the report with forecasts', () => {
    const out = join(tmp, 'report.json');
    const t0 = Date.now();
    const r = run('public/examples/data/pk-2cmt-iv.csv', '--seed', '2', '--rounds', '1', '--budget-s', '15', '--predict-times', '36', '--out', out);
    expect(r.code, r.stderr).toBe(0);
    expect((Date.now() - t0) / 1000).toBeLessThan(15 + 20); // budget plus process start and one fit's overrun
    const rep = JSON.parse(readFileSync(out, 'utf8')) as DiscoveryReport;
    expect(JSON.parse(r.stdout)).toEqual(rep);
    expect(rep.proposer).toBe('library');
    expect(rep.seed).toBe(2);
    expect(rep.models.length).toBeGreaterThan(0);
    const m = rep.models[0]!;
    expect(m.rank).toBe(1);
    expect(m.name).toMatch(/^pk-/);
    for (const k of ['spec', 'weight', 'logEvidence', 'logEvidenceSE', 'parameters', 'bsv', 'diagnostics', 'rationale', 'predictive']) expect(m).toHaveProperty(k);
    expect(m.predictive.mean.times).toContain(36);
    expect(m.predictive.mean.times).toContain(24);
    expect(r.stderr).toMatch(/1\. pk-/);
  }, 120_000);
});
