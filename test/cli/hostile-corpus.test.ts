// A generated corpus of hostile inputs thrown at every `mechanist` command that reads a file:
// malformed, huge and deep JSON specs, non-finite literals, empty files, binary garbage, BOMs,
// CRLF, duplicate headers, wrong column types, absurd n, negative times, nonsense regimens,
// NONMEM files with bad EVID/CMT/ADDL, hostile SBML and report files with __proto__ keys. Every
// run must end with exit 0 or 2 — never 1 ("internal"), never a stack trace — and a refusal is a
// JSON {"error": {...}} whose message names the problem. Runs are tiny (16 particles × 8
// subjects, a 1 s discovery budget) so the whole corpus takes well under a minute of work.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';

let tmp = '';
const PK = readFileSync('public/examples/models/pk-1cmt-oral.json', 'utf8');
const COHORT = readFileSync('public/examples/data/pk-oral-cohort.csv', 'utf8');
const NONMEM = readFileSync('public/examples/data/pk-oral-multiple-nonmem.csv', 'utf8');

interface Outcome { code: number | null; stdout: string; stderr: string }
function mechanist(args: string[]): Promise<Outcome> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['bin/mechanist.mjs', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '', stderr = '';
    child.stdout.on('data', (d: Buffer) => { if (stdout.length < 200_000) stdout += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { if (stderr.length < 200_000) stderr += d.toString(); });
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('close', (code) => { clearTimeout(timer); resolve({ code, stdout, stderr }); });
  });
}

function file(name: string, content: string | Buffer): string {
  const p = join(tmp, name);
  writeFileSync(p, content);
  return p;
}

const deep = (n: number) => '['.repeat(n) + ']'.repeat(n);
const specWith = (patch: (s: Record<string, unknown>) => void) => {
  const s = JSON.parse(PK) as Record<string, unknown>;
  patch(s);
  return JSON.stringify(s);
};
const cohortRows = COHORT.trimEnd().split('\n');
const replaceCell = (csv: string[], row: number, col: number, value: string) =>
  csv.map((line, i) => (i === row ? line.split(',').map((c, j) => (j === col ? value : c)).join(',') : line)).join('\n') + '\n';
const nonmemRows = NONMEM.trimEnd().split('\n');
const nonmemWith = (col: string, value: string, row = 1) => {
  const k = nonmemRows[0]!.split(',').indexOf(col);
  return replaceCell(nonmemRows, row, k, value);
};

/** hostile spec texts: validate and simulate each */
const SPECS: Record<string, string | Buffer> = {
  empty: '',
  whitespace: '   \n\t ',
  'binary-garbage': Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256)),
  nul: '\u0000\u0000{}',
  'bom-valid': '\uFEFF' + PK,
  'crlf-valid': PK.replace(/\n/g, '\r\n'),
  'json-null': 'null',
  'json-number': '1e308',
  'json-array': '[]',
  'json-string': '"spec"',
  'deep-array': deep(100_000),
  'deep-object': '{"a":'.repeat(50_000) + '1' + '}'.repeat(50_000),
  'nan-literal': PK.replace('"median": 1,', '"median": NaN,'),
  'infinity-literal': PK.replace('"median": 1,', '"median": Infinity,'),
  'huge-number': PK.replace('"median": 1,', '"median": 1e309,'),
  'tiny-number': PK.replace('"median": 1,', '"median": 1e-320,'),
  'negative-gsd': PK.replace('"gsd": 3 }, "varies": true, "omega"', '"gsd": -3 }, "varies": true, "omega"'),
  'proto-key': specWith((s) => { (s.equations as Record<string, unknown>)['__proto__'] = 'ka'; }).replace('"equations":{', '"equations":{"__proto__":"1",'),
  'constructor-state': specWith((s) => { (s.states as { name: string }[])[0]!.name = 'constructor'; }),
  'duplicate-keys': PK.replace('"name": "ka",', '"name": "ka", "name": "kb",'),
  'equation-wrong-type': specWith((s) => { (s.equations as Record<string, unknown>).gut = 42; }),
  'equation-array': specWith((s) => { (s.equations as Record<string, unknown>).gut = ['-ka * gut']; }),
  'states-object': specWith((s) => { s.states = { gut: 0 }; }),
  'parameters-null': specWith((s) => { s.parameters = null; }),
  'huge-string': specWith((s) => { s.description = 'x'.repeat(2_000_000); }),
  'long-expression': specWith((s) => { (s.equations as Record<string, unknown>).gut = Array.from({ length: 3000 }, () => 'ka').join('+'); }),
  'deep-expression': specWith((s) => { (s.equations as Record<string, unknown>).gut = '('.repeat(5000) + 'ka' + ')'.repeat(5000); }),
  'js-injection': specWith((s) => { (s.equations as Record<string, unknown>).gut = 'ka); process.exit(7); ('; }),
  'unicode-names': specWith((s) => { (s.states as { name: string }[])[0]!.name = 'gut\u202e'; }),
  'dose-time-nan': specWith((s) => { (s.doses as Record<string, unknown>[])[0]!.time = 'NaN'; }),
  'dose-negative-count': specWith((s) => { Object.assign((s.doses as Record<string, unknown>[])[0]!, { every: 1, count: -5 }); }),
  'dose-huge-count': specWith((s) => { Object.assign((s.doses as Record<string, unknown>[])[0]!, { every: 1e-9, count: 1e12 }); }),
  'dose-unknown-state': specWith((s) => { (s.doses as Record<string, unknown>[])[0]!.state = 'nowhere'; }),
  'initial-1-over-0': specWith((s) => { (s.states as Record<string, unknown>[])[0]!.initial = '1/0'; }),
  'exp-overflow': specWith((s) => { (s.equations as Record<string, unknown>).gut = 'exp(exp(exp(ka*100)))'; }),
  'many-states': specWith((s) => { s.states = Array.from({ length: 5000 }, (_, i) => ({ name: `s${i}`, initial: '0' })); }),
};

/** hostile data tables: fit (and discover on a few) each */
const CSVS: Record<string, string | Buffer> = {
  empty: '',
  'header-only': 'observable,time (h),mean,sd,n,unit\n',
  'binary-garbage': Buffer.from(Array.from({ length: 8192 }, (_, i) => (i * 104729 + 7) % 256)),
  'bom-crlf': '\uFEFF' + COHORT.replace(/\n/g, '\r\n'),
  'cr-only': COHORT.replace(/\n/g, '\r'),
  'duplicate-header': COHORT.replace('observable,time (h),mean,sd,n,unit', 'observable,time (h),mean,mean,n,unit'),
  'wrong-types': replaceCell(cohortRows, 3, 2, 'abc'),
  'mean-nan': replaceCell(cohortRows, 3, 2, 'NaN'),
  'mean-infinity': replaceCell(cohortRows, 3, 2, 'Infinity'),
  'mean-1e308': replaceCell(cohortRows, 3, 2, '1e308'),
  'sd-negative': replaceCell(cohortRows, 3, 3, '-1'),
  'n-zero': replaceCell(cohortRows, 3, 4, '0'),
  'n-fraction': replaceCell(cohortRows, 3, 4, '2.5'),
  'n-enormous': replaceCell(cohortRows, 3, 4, '1e300'),
  'time-negative': replaceCell(cohortRows, 3, 1, '-5'),
  'time-duplicate': replaceCell(cohortRows, 3, 1, '0.5'),
  'time-1e308': replaceCell(cohortRows, 3, 1, '1e308'),
  'time-hex': replaceCell(cohortRows, 3, 1, '0x10'),
  'quotes-unbalanced': COHORT.replace('conc,1,', '"conc,1,'),
  'ragged-rows': COHORT + 'conc,30\n',
  'formula-cells': COHORT.replace(/^conc,/m, '=cmd|\' /C calc\'!A0,'),
  'many-columns': 'observable,time (h),mean,sd,n,unit,' + Array.from({ length: 5000 }, (_, i) => `c${i}`).join(',') + '\n' + cohortRows.slice(1).map((r) => r + ',1'.repeat(5000)).join('\n') + '\n',
  'one-cell-huge': 'observable,time (h),mean,sd,n,unit\n' + 'x'.repeat(5_000_000) + ',1,1,1,1,mg\n',
  'regimen-nonsense': COHORT.replace('observable,time (h),mean,sd,n,unit', 'observable,time (h),mean,sd,n,unit,dose,every,count').replace(/,mg\/L$/gm, ',mg/L,-100,abc,1e12'),
  'regimen-interval-zero': COHORT.replace('observable,time (h),mean,sd,n,unit', 'observable,time (h),mean,sd,n,unit,dose,interval,doses').replace(/,mg\/L$/gm, ',mg/L,100,0,1000000'),
  'nonmem-evid-bad': nonmemWith('EVID', '7'),
  'nonmem-evid-text': nonmemWith('EVID', 'dose'),
  'nonmem-cmt-bad': nonmemWith('CMT', '99'),
  'nonmem-cmt-negative': nonmemWith('CMT', '-1'),
  'nonmem-addl-huge': nonmemWith('ADDL', '1e12'),
  'nonmem-addl-negative': nonmemWith('ADDL', '-3'),
  'nonmem-ii-zero': nonmemWith('II', '0'),
  'nonmem-amt-nan': nonmemWith('AMT (mg)', 'NaN'),
  'nonmem-amt-huge': nonmemWith('AMT (mg)', '1e308'),
  'nonmem-time-backwards': nonmemWith('TIME (h)', '-1', 2),
  'nonmem-id-empty': nonmemWith('ID', '', 2),
  'nonmem-dv-text': nonmemWith('DV (mg/L)', 'high', 2),
};

/** hostile SBML for import */
const XMLS: Record<string, string | Buffer> = {
  empty: '',
  garbage: Buffer.from(Array.from({ length: 2048 }, (_, i) => (i * 31 + 5) % 256)),
  'not-sbml': '<html><body>hello</body></html>',
  'billion-laughs': '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]><sbml>&lol3;</sbml>',
  'external-entity': '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><sbml xmlns="http://www.sbml.org/sbml/level3/version2/core" level="3" version="2"><model id="m">&xxe;</model></sbml>',
  'deep-nesting': '<sbml>' + '<a>'.repeat(100_000) + '</a>'.repeat(100_000) + '</sbml>',
  'unclosed': '<sbml xmlns="http://www.sbml.org/sbml/level3/version2/core" level="3" version="2"><model id="m"><listOfSpecies>',
  'math-garbage': '<sbml xmlns="http://www.sbml.org/sbml/level3/version2/core" level="3" version="2"><model id="m"><listOfSpecies><species id="x" initialAmount="NaN" compartment="c"/></listOfSpecies><listOfRules><rateRule variable="x"><math xmlns="http://www.w3.org/1998/Math/MathML"><apply><csymbol>evil</csymbol><ci>x</ci></apply></math></rateRule></listOfRules></model></sbml>',
  'proto-ids': '<sbml xmlns="http://www.sbml.org/sbml/level3/version2/core" level="3" version="2"><model id="__proto__"><listOfCompartments><compartment id="constructor" size="1"/></listOfCompartments><listOfSpecies><species id="__proto__" initialAmount="1" compartment="constructor"/></listOfSpecies></model></sbml>',
};

/** hostile report/spec JSON for export */
const REPORTS: Record<string, string | Buffer> = {
  empty: '',
  garbage: Buffer.from(Array.from({ length: 1024 }, (_, i) => (i * 17 + 3) % 256)),
  'proto-report': '{"__proto__":{"polluted":1},"models":[{"__proto__":{"x":1},"spec":{"__proto__":null}}]}',
  'models-wrong': '{"models":[{}, 1, null, "x"]}',
  'models-huge': JSON.stringify({ models: Array.from({ length: 100_000 }, () => ({})) }),
  'deep-report': '{"models":' + deep(100_000) + '}',
  'report-nan': '{"models":[{"spec":' + PK.replace('"median": 1,', '"median": NaN,') + '}]}',
};

beforeAll(() => {
  execFileSync(process.execPath, ['scripts/build-cli.mjs']);
  tmp = mkdtempSync(join(tmpdir(), 'mechanist-corpus-'));
}, 120_000);

function expectContained(name: string, r: Outcome) {
  const what = `${name}: exit ${r.code}\n${r.stdout.slice(0, 400)}\n${r.stderr.slice(0, 600)}`;
  // exit 1 is allowed only for discovery's documented outcome "nothing fitted within the budget"
  const noFit = r.code === 1 && name.startsWith('discover') && /"code":"no-fit"/.test(r.stdout);
  expect(r.code === 0 || r.code === 2 || noFit, what).toBe(true);
  expect(r.stdout, what).not.toMatch(/"internal"/);
  expect(r.stderr, what).not.toMatch(/\n\s+at .+:\d+:\d+/);
  if (r.code !== 0) {
    const last = r.stdout.trim().split('\n').at(-1) ?? '';
    const e = (JSON.parse(last) as { error?: { code?: string; message?: string } }).error;
    expect(e?.message, what).toMatch(/\w{3,}/);
    expect(e?.code, what).toMatch(/^[a-z-]+$/);
  }
}

/** runs the cases two at a time (the machine is small) and checks each */
async function runAll(cases: { name: string; args: string[] }[]) {
  const failures: string[] = [];
  let next = 0;
  const lane = async () => {
    while (next < cases.length) {
      const c = cases[next++]!;
      const r = await mechanist(c.args);
      try {
        expectContained(c.name, r);
      } catch (e) {
        failures.push((e as Error).message.split('\n').slice(0, 6).join('\n'));
      }
    }
  };
  await Promise.all([lane(), lane()]);
  expect(failures, failures.join('\n\n')).toEqual([]);
}

describe('a hostile corpus against every command', () => {
  test('specs: validate and simulate', async () => {
    const params = file('params.json', '{"ka":1,"CL":5,"V":50}');
    await runAll(Object.entries(SPECS).flatMap(([name, text]) => {
      const p = file(`spec-${name}.json`, text);
      return [
        { name: `validate ${name}`, args: ['validate', p] },
        { name: `simulate ${name}`, args: ['simulate', p, '--params', params, '--times', '1,2,4'] },
      ];
    }));
  }, 240_000);

  test('data tables: fit (and discover)', async () => {
    await runAll(Object.entries(CSVS).flatMap(([name, text]) => {
      const p = file(`data-${name}.csv`, text);
      const fit = { name: `fit ${name}`, args: ['fit', name.startsWith('nonmem') ? 'pk-1cmt-multiple-dose' : 'pk-1cmt-oral', p, '--particles', '16', '--subjects', '8'] };
      return /^(empty|binary|bom|nonmem-evid-bad|regimen-nonsense)/.test(name) ? [fit, { name: `discover ${name}`, args: ['discover', p, '--budget-s', '1', '--rounds', '1'] }] : [fit];
    }));
  }, 300_000);

  test('SBML: import', async () => {
    await runAll(Object.entries(XMLS).map(([name, text]) => ({ name: `import ${name}`, args: ['import', file(`model-${name}.xml`, text)] })));
  }, 120_000);

  test('reports and specs: export', async () => {
    await runAll(Object.entries({ ...REPORTS, 'spec-nan': SPECS['nan-literal']!, 'spec-proto': SPECS['proto-key']! }).map(([name, text]) => ({ name: `export ${name}`, args: ['export', file(`report-${name}.json`, text), '--to', 'sbml'] })));
  }, 120_000);

  test('arguments: flags with hostile values', async () => {
    const spec = file('ok.json', PK);
    const data = file('ok.csv', COHORT);
    const params = file('params-ok.json', '{"ka":1,"CL":5,"V":50}');
    await runAll([
      ['fit', 'pk-1cmt-oral', data, '--particles', '1e9'],
      ['fit', 'pk-1cmt-oral', data, '--particles', 'NaN'],
      ['fit', 'pk-1cmt-oral', data, '--predict-times', '1e309'],
      ['fit', '../../etc/passwd', data],
      ['fit', '__proto__', data],
      ['simulate', spec, '--params', params, '--times', '1,NaN'],
      ['simulate', spec, '--params', params, '--times', '5,1'],
      ['simulate', spec, '--params', params, '--times', '1', '--rtol', '0'],
      ['simulate', spec, '--params', file('params-proto.json', '{"__proto__":{"ka":1},"constructor":2}'), '--times', '1'],
      ['simulate', spec, '--params', file('params-nan.json', '[{"ka":-1}]'), '--times', '1'],
      ['discover', data, '--budget-s', '-1'],
      ['discover', data, '--rounds', '1e9'],
      ['export', spec, '--to', 'exe'],
      ['import', '/nonexistent.xml'],
      ['validate', '/dev/null'],
      ['validate', tmp],
      ['calibrate', '--resume', file('resume.jsonl', '{"__proto__":1}\nnot json\n'), '--cohorts', '1'],
    ].map((args) => ({ name: args.join(' '), args })));
  }, 120_000);
});
