import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseExpression, printExpr, formatNumber } from '../../src/model/index.ts';
import type { Expr } from '../../src/model/ast.ts';
import { exprArbitrary, numberArbitrary, stripSpans } from './arbitrary.ts';

const roundTrip = (e: Expr) => stripSpans(parseExpression(printExpr(e)));

describe('printer', () => {
  it('round-trips random ASTs exactly: parse(print(ast)) deep-equals ast', () => {
    fc.assert(
      fc.property(exprArbitrary(['x', 'y', 'ka', 'CL', 't', 'dose']), (e) => {
        expect(roundTrip(e)).toEqual(e);
      }),
      { numRuns: 2000 },
    );
  });

  it('prints every non-negative literal so that it reads back bit for bit', () => {
    fc.assert(
      fc.property(numberArbitrary, (v) => {
        const back = parseExpression(formatNumber(v));
        expect(back.kind).toBe('num');
        expect(Object.is((back as { value: number }).value, v)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('uses no more parentheses than needed', () => {
    const cases: [string, string][] = [
      ['a + (b + c)', 'a + (b + c)'],
      ['(a + b) + c', 'a + b + c'],
      ['(a * b) / c', 'a * b / c'],
      ['a / (b * c)', 'a / (b * c)'],
      ['a - (b - c)', 'a - (b - c)'],
      ['(a ^ b) ^ c', '(a^b)^c'],
      ['a ^ (b ^ c)', 'a^b^c'],
      ['-(x^2)', '-x^2'],
      ['(-x)^2', '(-x)^2'],
      ['2^(-1)', '2^-1'],
      ['-(a * b)', '-(a * b)'],
      ['(-a) * b', '-a * b'],
      ['a * (-b)', 'a * -b'],
      ['a - (-b)', 'a - -b'],
      ['-(-x)', '--x'],
      ['exp((x))', 'exp(x)'],
      ['hill(x, K, n)', 'hill(x, K, n)'],
      ['(a + b)^2', '(a + b)^2'],
      ['2^(a * b)', '2^(a * b)'],
      ['exp(x)^2', 'exp(x)^2'],
      ['1e-3 * x', '0.001 * x'],
      ['1.5e300', '1.5e+300'],
    ];
    for (const [src, printed] of cases) {
      const e = parseExpression(src);
      expect(printExpr(e), src).toBe(printed);
      expect(roundTrip(e), src).toEqual(stripSpans(e));
    }
  });

  it('prints negative literals (from simplifiers) with the meaning of a minus sign', () => {
    const e: Expr = { kind: 'binary', op: '^', left: { kind: 'num', value: -2 }, right: { kind: 'num', value: 2 } };
    expect(printExpr(e)).toBe('(-2)^2');
    const f: Expr = { kind: 'binary', op: '-', left: { kind: 'ident', name: 'a' }, right: { kind: 'num', value: -3 } };
    expect(printExpr(f)).toBe('a - -3');
  });
});
