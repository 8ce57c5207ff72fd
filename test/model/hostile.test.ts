import { readdirSync, readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { SpecError, validateSpec, type SpecIssue } from '../../src/model/index.ts';
import { HOSTILE_CASES, type HostileCase } from './hostile/cases.ts';

const dir = new URL('./hostile/', import.meta.url);
const fileCases: HostileCase[] = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .map((f) => ({ name: `file ${f}`, input: readFileSync(new URL(f, dir), 'utf8'), code: f.split('--')[0]! }));
const ALL = [...HOSTILE_CASES, ...fileCases];
const PROTOTYPE_BEFORE = Object.getOwnPropertyNames(Object.prototype).sort();

const EXPRESSION_CODES = new Set(['syntax', 'unknown-identifier', 'scope']);

/** Runs validateSpec and returns what it threw, with the time it took. */
function attempt(input: unknown): { thrown: unknown; ms: number } {
  const t0 = performance.now();
  try {
    validateSpec(input);
  } catch (err) {
    return { thrown: err, ms: performance.now() - t0 };
  }
  return { thrown: undefined, ms: performance.now() - t0 };
}

describe('hostile corpus', () => {
  beforeAll(() => {
    // compile the schema validator once, outside the per-case timing
    validateSpec(readFileSync('public/examples/models/pk-1cmt-oral.json', 'utf8'));
  });

  it('has at least 200 cases', () => {
    expect(ALL.length).toBeGreaterThanOrEqual(200);
    expect(fileCases.length).toBeGreaterThanOrEqual(10);
  });

  it.each(ALL.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const first = attempt(c.input);
    const thrown = first.thrown;
    let ms = first.ms;
    // the machine is shared: a case over budget gets two more tries, the fastest counts
    for (let i = 0; i < 2 && ms >= 100; i++) ms = Math.min(ms, attempt(c.input).ms);
    expect(ms).toBeLessThan(100);
    expect(thrown).toBeInstanceOf(SpecError);
    const issues: SpecIssue[] = (thrown as SpecError).issues;
    expect(issues.length).toBeGreaterThan(0);
    for (const issue of issues) {
      expect(typeof issue.code).toBe('string');
      expect(issue.message.length).toBeGreaterThan(5);
      expect(typeof issue.path).toBe('string');
      expect(issue.path === '' || issue.path.startsWith('/')).toBe(true);
      if (EXPRESSION_CODES.has(issue.code)) expect(typeof issue.offset, JSON.stringify(issue)).toBe('number');
      // text input: every issue has a line and column, except the one about the text's size
      if (typeof c.input === 'string' && !/characters long/.test(issue.message)) {
        expect(issue.line, JSON.stringify(issue)).toBeGreaterThanOrEqual(1);
        expect(issue.column, JSON.stringify(issue)).toBeGreaterThanOrEqual(1);
      }
    }
    const match = issues.find((i) => i.code === c.code && (c.path === undefined || i.path === c.path));
    expect(match, `expected ${c.code} at ${c.path ?? '(any)'}, got ${JSON.stringify(issues.slice(0, 5), null, 1)}`).toBeDefined();
  });

  it('leaves Object.prototype unpolluted', () => {
    for (const c of ALL) attempt(c.input);
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(PROTOTYPE_BEFORE);
    expect(Object.getOwnPropertyNames(Object.prototype)).not.toContain('polluted');
    expect(Object.getOwnPropertyNames(Object.prototype)).not.toContain('isAdmin');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
    expect(Object.getPrototypeOf({})).toBe(Object.prototype);
  });
});
