// Random damage to valid specs and random JSON: validation either succeeds or throws a SpecError
// whose issues name a place; it never throws anything else.
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SpecError, validateSpec } from '../../src/model/index.ts';

const EXAMPLE = readFileSync('public/examples/models/pd-indirect-response.json', 'utf8');

function outcome(input: unknown): 'valid' | 'rejected' {
  try {
    validateSpec(input);
    return 'valid';
  } catch (err) {
    expect(err).toBeInstanceOf(SpecError);
    for (const i of (err as SpecError).issues) {
      expect(i.path === '' || i.path.startsWith('/')).toBe(true);
      expect(i.message.length).toBeGreaterThan(5);
    }
    return 'rejected';
  }
}

const edit = fc.record({
  at: fc.nat(),
  cut: fc.integer({ min: 0, max: 3 }),
  insert: fc.oneof(
    fc.constantFrom('', '"', '{', '}', '[', ']', ',', ':', '\\', '-', '0', 'e', '(', ')', '*', '^', ' ', 'x', '\u0430', '\u200b', 'null', '1e999', '__proto__'),
    fc.string({ maxLength: 4 }),
  ),
});

describe('fuzzing the validator', () => {
  it('survives random edits of a valid spec text', () => {
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 4 }), (edits) => {
        let text = EXAMPLE;
        for (const e of edits) {
          const at = e.at % (text.length + 1);
          text = text.slice(0, at) + e.insert + text.slice(at + e.cut);
        }
        outcome(text);
      }),
      { numRuns: 400 },
    );
  });

  it('survives random JSON values and random objects', () => {
    fc.assert(fc.property(fc.json(), (text) => { expect(outcome(text)).toBe('rejected'); }), { numRuns: 200 });
    fc.assert(fc.property(fc.anything(), (value) => { expect(outcome(value)).toBe('rejected'); }), { numRuns: 200 });
  });

  it('survives random replacement of any value in a valid spec', () => {
    const spec = JSON.parse(EXAMPLE) as Record<string, unknown>;
    const paths: (string | number)[][] = [];
    const walk = (v: unknown, path: (string | number)[]) => {
      paths.push(path);
      if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...path, i]));
      else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, [...path, k]);
    };
    walk(spec, []);
    fc.assert(
      fc.property(fc.constantFrom(...paths.filter((p) => p.length > 0)), fc.jsonValue(), (path, value) => {
        const copy = JSON.parse(EXAMPLE) as Record<string, unknown>;
        let node: Record<string | number, unknown> = copy;
        for (const seg of path.slice(0, -1)) node = node[seg] as Record<string | number, unknown>;
        node[path[path.length - 1]!] = value;
        outcome(JSON.stringify(copy));
      }),
      { numRuns: 400 },
    );
  });

  it('an object that cannot be turned into text ({"toString": {}}) anywhere in a valid spec is rejected with a SpecError', () => {
    // (the fuzzer's counterexample: doses[0].type = {"toString": {}} threw a TypeError while the
    // message suggested a type name)
    const spec = JSON.parse(EXAMPLE) as Record<string, unknown>;
    const paths: (string | number)[][] = [];
    const walk = (v: unknown, path: (string | number)[]) => {
      if (path.length > 0) paths.push(path);
      if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...path, i]));
      else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, [...path, k]);
    };
    walk(spec, []);
    for (const path of paths) {
      for (const hostile of [{ toString: {} }, { toString: {}, valueOf: {} }]) {
        const copy = JSON.parse(EXAMPLE) as Record<string, unknown>;
        let node: Record<string | number, unknown> = copy;
        for (const seg of path.slice(0, -1)) node = node[seg] as Record<string | number, unknown>;
        node[path[path.length - 1]!] = hostile;
        expect(outcome(JSON.stringify(copy)), path.join('/')).toBe('rejected');
      }
    }
  });
});
