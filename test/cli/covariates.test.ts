// A three-arm PK study whose arms differ in mean body weight (public/examples/data/
// pk-weight-three-arms.csv, simulated from one-compartment oral PK with CL ∝ (WT/70)^0.75 and
// V ∝ WT/70, CL70 = 4 L/h, V70 = 35 L): `mechanist fit` with the allometric spec recovers CL and V,
// the same structure without weight fits far worse, and `mechanist discover` ranks an allometric
// PK structure first. Small particle counts and one discovery round keep it short.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DiscoveryReport } from '../../src/discover/report.ts';
import type { FitReport } from '../../src/infer/report.ts';

const DATA = 'public/examples/data/pk-weight-three-arms.csv';
const TRUTH = { CL: 4, V: 35 };
let tmp = '';

function mechanist(...args: string[]) {
  const r = spawnSync(process.execPath, ['bin/mechanist.mjs', ...args], { encoding: 'utf8', timeout: 200_000 });
  if (r.status !== 0) throw new Error(`mechanist ${args.join(' ')}: exit ${r.status}\n${r.stdout}\n${r.stderr}`);
  return r;
}
const within = (x: number, truth: number) => Math.abs(x / truth - 1);

beforeAll(() => {
  if (!existsSync('dist/cli/mechanist.mjs')) execFileSync(process.execPath, ['scripts/build-cli.mjs']);
  tmp = mkdtempSync(join(tmpdir(), 'mechanist-covariates-'));
});

describe('arms that differ in body weight', () => {
  it('fit: the allometric spec recovers CL and V of a 70 kg subject within 30%, and beats the spec without weight', () => {
    const fit = (spec: string, out: string) => {
      const r = mechanist('fit', spec, DATA, '--seed', '1', '--particles', '64', '--subjects', '32', '--out', join(tmp, out));
      expect(r.stderr).toMatch(/column "WT \(kg\)" is read as the covariate "WT"/);
      return JSON.parse(readFileSync(join(tmp, out), 'utf8')) as FitReport;
    };
    const allometric = fit('public/examples/models/pk-1cmt-oral-covariate.json', 'allometric.json');
    expect(within(allometric.parameters.CL70!.median, TRUTH.CL)).toBeLessThan(0.3);
    expect(within(allometric.parameters.V70!.median, TRUTH.V)).toBeLessThan(0.3);
    const plain = fit('pk-1cmt-oral', 'plain.json');
    expect(allometric.logEvidence - plain.logEvidence).toBeGreaterThan(10);
  }, 120_000);

  it('discover: the library ranks an allometric one-compartment oral structure first and recovers V (and CL when linear) within 30%', () => {
    const out = join(tmp, 'discover.json');
    // a generous budget for a loaded machine: one round is all it runs
    mechanist('discover', DATA, '--proposer', 'library', '--seed', '1', '--rounds', '1', '--budget-s', '45', '--out', out);
    const report = JSON.parse(readFileSync(out, 'utf8')) as DiscoveryReport;
    const best = report.models[0]!;
    expect(best.name).toMatch(/^pk-1cmt-oral/);
    expect(best.spec.covariates).toContainEqual({ name: 'WT', unit: 'kg', default: 70 });
    expect(best.spec.observables[0]!.expression).toBe('central/(V*(WT/70))');
    expect(within(best.parameters.V!.median, TRUTH.V)).toBeLessThan(0.3);
    if (best.name === 'pk-1cmt-oral') {
      expect(best.spec.equations.central).toContain('CL*(WT/70)^0.75/(V*(WT/70))');
      expect(within(best.parameters.CL!.median, TRUTH.CL)).toBeLessThan(0.3);
    }
  }, 120_000);
});
