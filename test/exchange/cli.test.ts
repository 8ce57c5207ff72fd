// `mechanist fit` → `mechanist export` (each format) and `mechanist import`, spawned as processes.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { FitReport } from '../../src/infer/report.ts';
import { checkSpec } from '../../src/model/index.ts';

let tmp = '';
const run = (...args: string[]) => {
  const r = spawnSync(process.execPath, ['bin/mechanist.mjs', ...args], { encoding: 'utf8', timeout: 200_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};

beforeAll(() => {
  if (!existsSync('dist/cli/mechanist.mjs')) execFileSync(process.execPath, ['scripts/build-cli.mjs']);
  tmp = mkdtempSync(join(tmpdir(), 'mechanist-export-'));
});

describe('mechanist export and import', () => {
  it('a fit report carries derived quantities and exports to every format', () => {
    const report = join(tmp, 'fit.json');
    const fit = run('fit', 'pk-1cmt-oral', 'public/examples/data/pk-oral-cohort.csv', '--particles', '32', '--subjects', '16', '--out', report);
    expect(fit.code).toBe(0);
    const r = JSON.parse(fit.stdout) as FitReport;
    expect(r.derived!.t_half_elim!.median).toBeGreaterThan(0);
    expect(Object.keys(r.derived!.t_half_elim!)).toEqual(expect.arrayContaining(['median', 'q05', 'q95']));
    expect(fit.stderr).toMatch(/Half of the drug is eliminated every/);

    const sbml = run('export', report, '--model', 'One-compartment oral PK', '--to', 'sbml', '--out', join(tmp, 'm.xml'));
    expect(sbml.code).toBe(0);
    expect(sbml.stdout).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<sbml xmlns="http:\/\/www.sbml.org\/sbml\/level3\/version2\/core" level="3" version="2">/);
    expect(readFileSync(join(tmp, 'm.xml'), 'utf8')).toBe(sbml.stdout);
    // the fitted CL is the exported value
    expect(sbml.stdout).toContain(`<parameter id="CL" name="CL: clearance" value="${r.parameters.CL!.median}" units="u_L_per_h" constant="true">`);
    expect(run('export', report, '--to', 'nlmixr2').stdout).toContain(`tv.CL <- ${Math.log(r.parameters.CL!.median)}`);
    expect(run('export', report, '--to', 'nonmem').stdout).toContain('$SUBROUTINES ADVAN13');
    expect(run('export', report, '--to', 'monolix').stdout).toContain('[LONGITUDINAL]');
    expect(JSON.parse(run('export', report, '--to', 'json').stdout)).toEqual(r.spec);

    // and back: the exported SBML imports to a valid spec
    const back = run('import', join(tmp, 'm.xml'));
    expect(back.code).toBe(0);
    expect(checkSpec(JSON.parse(back.stdout)).issues).toEqual([]);
  }, 120_000);

  it('picks a model of a discovery report by name and says which exist', () => {
    const spec = JSON.parse(readFileSync('public/examples/models/pk-2cmt-iv.json', 'utf8'));
    const report = join(tmp, 'discovery.json');
    writeFileSync(report, JSON.stringify({ models: [{ name: spec.name, spec, parameters: { CL: { median: 5 }, V1: { median: 20 }, Q: { median: 10 }, V2: { median: 60 } }, bsv: {} }] }));
    const ok = run('export', report, '--model', spec.name, '--to', 'nonmem');
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain(`$THETA ${Math.log(20)} ; log V1`);
    const missing = run('export', report, '--model', 'Nope', '--to', 'sbml');
    expect(missing.code).toBe(2);
    expect(JSON.parse(missing.stdout).error.message).toBe(`no model "Nope" in the report; its models are: ${spec.name}`);
    expect(run('export', report, '--to', 'pdf').stderr).toMatch(/--to must be one of sbml, nlmixr2, nonmem, monolix, json/);
  });

  it('import refuses unsupported SBML with exit 2 and a sentence', () => {
    const f = join(tmp, 'alg.xml');
    writeFileSync(f, '<?xml version="1.0"?><sbml xmlns="http://www.sbml.org/sbml/level3/version2/core" level="3" version="2"><model id="m"><listOfRules><algebraicRule><math xmlns="http://www.w3.org/1998/Math/MathML"><cn>0</cn></math></algebraicRule></listOfRules></model></sbml>');
    const r = run('import', f);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout).error.message).toMatch(/algebraic rules are not supported/);
  });
});
