// End to end: the bundled CLI (`node bin/mechanist.mjs validate FILE`), spawned as a process.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const BIN = 'bin/mechanist.mjs';
let tmp = '';

function run(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, 'validate', ...args], { encoding: 'utf8', timeout: 30_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function file(name: string, content: string | Buffer): string {
  const p = join(tmp, name);
  writeFileSync(p, content);
  return p;
}

/** Checks the failure contract and returns the parsed error object. */
function expectFailure(r: ReturnType<typeof run>) {
  expect(r.code).toBe(2);
  const lines = r.stdout.trim().split('\n');
  expect(lines).toHaveLength(1);
  const out = JSON.parse(lines[0]!) as { error: Record<string, unknown>; issues?: unknown[] };
  expect(Object.keys(out.error).sort()).toEqual(['code', 'column', 'line', 'message', 'path']);
  expect(typeof out.error.code).toBe('string');
  expect(typeof out.error.message).toBe('string');
  expect(typeof out.error.path).toBe('string');
  for (const k of ['line', 'column']) expect(out.error[k] === null || typeof out.error[k] === 'number').toBe(true);
  expect(r.stderr).toMatch(/^mechanist validate: .+\n$/);
  expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
  return out.error;
}

describe('mechanist validate', () => {
  beforeAll(() => {
    // `npm test` builds the CLI first; build it here only when running this file on its own
    if (!existsSync('dist/cli/mechanist.mjs')) execFileSync(process.execPath, ['scripts/build-cli.mjs']);
    tmp = mkdtempSync(join(tmpdir(), 'mechanist-validate-'));
  });

  it('prints a JSON summary and exits 0 for a valid spec', () => {
    const r = run('public/examples/models/pk-1cmt-oral.json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      valid: true,
      name: 'One-compartment oral PK',
      states: ['gut', 'central'],
      parameters: [{ name: 'ka', unit: '1/h', varies: true }, { name: 'CL', unit: 'L/h', varies: true }, { name: 'V', unit: 'L', varies: true }],
      observables: [{ name: 'conc', unit: 'mg/L' }],
      covariates: ['dose'],
      doses: 1,
      administrations: 1,
      stiff: false,
    });
    expect(r.stderr).toBe('');
  });

  it('shows the data label an observable carries', () => {
    const spec = JSON.parse(readFileSync('public/examples/models/pk-1cmt-oral.json', 'utf8')) as { observables: { name: string; label?: string }[] };
    spec.observables[0] = { ...spec.observables[0]!, name: 'CD4_count', label: 'CD4 count <µL>' };
    const r = run(file('labelled.json', JSON.stringify(spec)));
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).observables).toEqual([{ name: 'CD4_count', label: 'CD4 count <µL>', unit: 'mg/L' }]);
  });

  // each spawn costs ~0.3 s on a shared machine: a few here, all of them in-process elsewhere
  it('accepts examples (and a byte-order mark)', () => {
    const dir = 'public/examples/models';
    for (const f of ['stiff-robertson.json', 'pk-1cmt-infusion.json']) {
      const r = run(join(dir, f));
      expect(r.code, `${f}: ${r.stdout}${r.stderr}`).toBe(0);
    }
    const bom = file('bom.json', '\uFEFF' + readFileSync(join(dir, 'lorenz.json'), 'utf8'));
    expect(run(bom).code).toBe(0);
  });

  it('reports a semantic error with path, line and column', () => {
    const text = readFileSync('public/examples/models/pk-1cmt-oral.json', 'utf8').replace('"central / V"', '"central / Vd"');
    const e = expectFailure(run(file('typo.json', text)));
    expect(e).toMatchObject({ code: 'unknown-identifier', path: '/observables/0/expression' });
    expect(e.message).toMatch(/Did you mean V\?/);
    const lineNo = text.split('\n').findIndex((l) => l.includes('central / Vd')) + 1;
    expect(e.line).toBe(lineNo);
    expect(text.split('\n')[lineNo - 1]!.slice((e.column as number) - 1).startsWith('Vd')).toBe(true);
  });

  it('reports JSON syntax errors with line and column', () => {
    const e = expectFailure(run(file('bad.json', '{\n  "name": "x",\n  "states": [,]\n}')));
    expect(e).toMatchObject({ code: 'json', line: 3, column: 14 });
  });

  it('reports schema errors', () => {
    const e = expectFailure(run(file('schema.json', '{"name": "x", "states": [], "parameters": [], "equations": {}, "observables": []}')));
    expect(e.code).toBe('schema');
    expect(e.path).toBe('/states');
  });

  it('fails cleanly on missing, unreadable, empty, binary and oversized input', () => {
    expect(expectFailure(run(join(tmp, 'does-not-exist.json')))).toMatchObject({ code: 'file', line: null, column: null });
    expect(expectFailure(run(tmp)).code).toBe('file');
    expect(expectFailure(run(file('empty.json', ''))).code).toBe('json');
    expect(expectFailure(run(file('binary.json', Buffer.from([0, 159, 146, 150, 255, 1, 2, 3])))).code).toBe('json');
    expect(expectFailure(run(file('huge.json', Buffer.alloc(4_000_000, 32)))).code).toBe('limit');
  });

  it('fails with a usage error without exactly one file', () => {
    expect(expectFailure(run()).code).toBe('usage');
    expect(expectFailure(run('a.json', 'b.json')).code).toBe('usage');
  });

  it('rejects literal files of the hostile corpus with their expected code', () => {
    const dir = 'test/model/hostile';
    const files = readdirSync(dir).filter((n) => n.endsWith('.json'));
    expect(files.length).toBeGreaterThan(5);
    for (const f of ['schema--proto-pollution-root.json', 'syntax--injection-fetch.json', 'limit--deep-json.json', 'duplicate-key--equation.json']) {
      expect(files).toContain(f);
      const e = expectFailure(run(join(dir, f)));
      expect(e.code, f).toBe(f.split('--')[0]);
    }
  });
});
