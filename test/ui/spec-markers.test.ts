import { describe, expect, test } from 'vitest';
import { checkSpec } from '../../src/model/index.ts';
import { markSegments, offsetOf } from '../../src/ui/steps/spec-markers.ts';

const broken = ['{', '  "name": "m",', '  "states": [{ "name": "x", "initial": "1" }],', '  "parameters": [{ "name": "k", "prior": { "type": "lognormal", "median": 0.1, "gsd": 2 } }],', '  "equations": { "x": "-kk * x" },', '  "observables": [{ "name": "y", "expression": "x" }]', '}'].join('\n');

describe('spec editor markers', () => {
  test('the model stage locates an unknown name; the marker covers exactly that token', () => {
    const r = checkSpec(broken);
    expect(r.model).toBeUndefined();
    const issue = r.issues[0]!;
    expect(issue.line).toBe(5);
    const off = offsetOf(broken, issue);
    expect(broken.slice(off, off + 2)).toBe('kk');
    const marked = markSegments(broken, r.issues).filter((s) => s.mark);
    expect(marked.map((s) => s.text)).toEqual(['kk']);
    expect(markSegments(broken, r.issues).map((s) => s.text).join('')).toBe(broken + '\n');
  });

  test('issues without a position mark nothing and keep the text', () => {
    const segs = markSegments('{}', [{ code: 'schema', message: 'x', path: '' }]);
    expect(segs).toEqual([{ text: '{}\n', mark: false }]);
  });
});
