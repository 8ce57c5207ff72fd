// SBML export validated against the SBML Level 3 Version 2 core RELAX NG schema with Jing
// (the schema and its licence: test/exchange/fixtures/sbml-relaxng/).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportModel } from '../../src/exchange/index.ts';
import { example } from './helpers.ts';

const SCHEMA = 'test/exchange/fixtures/sbml-relaxng/sbml-l3v2-core.rng';
const dir = mkdtempSync(join(tmpdir(), 'sbml-'));

/** Jing's verdict on some documents (one JVM start): '' when all are valid, else its error lines */
function jing(docs: Record<string, string>): string {
  const files = Object.entries(docs).map(([name, xml]) => { const f = join(dir, name); writeFileSync(f, xml); return f; });
  try {
    execFileSync('jing', ['-i', SCHEMA, ...files], { stdio: ['ignore', 'pipe', 'pipe'] });
    return '';
  } catch (err) {
    const e = err as { stdout?: Buffer; status?: number | null };
    if (typeof e.status !== 'number') throw err; // jing missing: fail loudly
    return String(e.stdout ?? '').split('\n').filter((l) => l && !l.startsWith('[warning]')).join('\n');
  }
}

const EXAMPLES = ['pk-1cmt-oral', 'pk-2cmt-iv', 'pk-1cmt-multiple-dose', 'pk-1cmt-oral-covariate', 'pd-indirect-response', 'disease-progression', 'pk-tmdd', 'epi-sir', 'growth-logistic', 'growth-gompertz', 'lorenz', 'stiff-robertson'];

describe('SBML export against the L3V2 core schema', () => {
  it('every example model exports to valid SBML L3V2', () => {
    const docs = Object.fromEntries(EXAMPLES.map((name) => [`${name}.xml`, exportModel({ spec: example(name) }, 'sbml')]));
    expect(jing(docs)).toBe('');
  });

  it('the schema check rejects what is not SBML L3V2 (so a pass means something)', () => {
    const good = exportModel({ spec: example('pk-1cmt-oral') }, 'sbml');
    const out = jing({
      'bad-bool.xml': good.replace('constant="true"', 'constant="maybe"'),
      'bad-math.xml': good.replace('<apply><times/>', '<apply><multiply/>'),
      'missing-attr.xml': good.replace(' hasOnlySubstanceUnits="true"', ''),
    });
    expect(out).toMatch(/bad-bool\.xml.*constant.*invalid/);
    expect(out).toMatch(/bad-math\.xml.*multiply/);
    expect(out).toMatch(/missing-attr\.xml.*hasOnlySubstanceUnits/);
  });

  it('our hand-written SBML test files are valid SBML too', () => {
    const files = readdirSync('test/exchange/fixtures').filter((f) => f.endsWith('.xml'));
    expect(files.length).toBeGreaterThanOrEqual(3);
    expect(jing(Object.fromEntries(files.map((f) => [f, readFileSync(join('test/exchange/fixtures', f), 'utf8')])))).toBe('');
  });
});
