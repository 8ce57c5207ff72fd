// Constant parts that are not finite are refused where they are written; a long flat sum is
// reported as a long sum, not as deep nesting.
import { describe, expect, test } from 'vitest';
import { checkSpec } from '../../src/model/index.ts';

function spec(initial: string, equation = '-k * x') {
  return JSON.stringify({
    name: 'm', states: [{ name: 'x', initial }],
    parameters: [{ name: 'k', prior: { type: 'lognormal', median: 1, gsd: 2 } }],
    equations: { x: equation }, observables: [{ name: 'y', expression: 'x' }],
  });
}

describe('constant non-finite expressions', () => {
  test.each([
    ['1/0', 'Infinity'],
    ['0/0', 'NaN'],
    ['log(0)', '-Infinity'],
    ['exp(1000)', 'Infinity'],
    ['2 * (1/0)', 'Infinity'],
  ])('an initial value %s is refused at its place', (initial, value) => {
    const r = checkSpec(spec(initial));
    expect(r.model).toBeUndefined();
    const i = r.issues[0]!;
    expect(i.code).toBe('non-finite');
    expect(i.path).toBe('/states/0/initial');
    expect(i.message).toContain(`evaluates to ${value}`);
    expect(i.line).toBeDefined();
  });

  test('the smallest bad part is named, inside an equation too', () => {
    const r = checkSpec(spec('1', '-k * x + sqrt(-1)'));
    expect(r.issues[0]!.message).toMatch(/^"sqrt\(-1\)" is a constant that evaluates to NaN/);
    expect(r.issues[0]!.path).toBe('/equations/x');
  });

  test('finite constants and expressions of names pass', () => {
    expect(checkSpec(spec('10 / 2 + exp(1)', '-k * x / (1 + x)')).model).toBeDefined();
  });
});

describe('long sums', () => {
  test('a flat sum of 65 terms says it is a long sum and how to split it', () => {
    const r = checkSpec(spec('1', Array.from({ length: 65 }, () => 'x').join(' + ')));
    expect(r.issues[0]!.message).toMatch(/this sum has more than 64 terms in a row.*group them in parentheses/);
    expect(r.issues[0]!.message).not.toMatch(/nested/);
  });

  test('split into two groups, the same 65 terms are valid', () => {
    const half = (n: number) => Array.from({ length: n }, () => 'x').join(' + ');
    expect(checkSpec(spec('1', `(${half(32)}) + (${half(33)})`)).model).toBeDefined();
  });

  test('deep nesting is still called nesting', () => {
    const r = checkSpec(spec('1', '('.repeat(70) + 'x' + ')'.repeat(70)));
    expect(r.issues[0]!.message).toMatch(/nested more than 64 levels deep/);
    const r2 = checkSpec(spec('1', 'exp('.repeat(65) + 'x' + ')'.repeat(65) + ' + 1'));
    expect(r2.issues[0]!.message).toMatch(/nested more than 64 levels deep/);
  });
});
