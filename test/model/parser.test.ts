import { describe, expect, it } from 'vitest';
import { parseExpression, printExpr, SpecError, LIMITS } from '../../src/model/index.ts';
import type { Expr } from '../../src/model/ast.ts';
import { stripSpans } from './arbitrary.ts';

const p = (s: string) => stripSpans(parseExpression(s));
const num = (value: number): Expr => ({ kind: 'num', value });
const id = (name: string): Expr => ({ kind: 'ident', name });
const bin = (op: '+' | '-' | '*' | '/' | '^', left: Expr, right: Expr): Expr => ({ kind: 'binary', op, left, right });
const neg = (arg: Expr): Expr => ({ kind: 'neg', arg });

/** The single issue of the SpecError thrown by parsing `src`. */
function issueOf(src: string) {
  try {
    parseExpression(src);
  } catch (err) {
    expect(err).toBeInstanceOf(SpecError);
    const issues = (err as SpecError).issues;
    expect(issues).toHaveLength(1);
    return issues[0]!;
  }
  throw new Error(`expected ${JSON.stringify(src)} to be rejected`);
}

describe('parser: numbers', () => {
  it.each([
    ['0', 0], ['42', 42], ['1e-3', 1e-3], ['1E3', 1000], ['2.5e+2', 250], ['.5', 0.5], ['2.', 2], ['0.000123', 0.000123],
    ['1.7976931348623157e308', 1.7976931348623157e308], ['5e-324', 5e-324],
  ])('%s', (src, value) => {
    expect(p(src)).toEqual(num(value));
  });

  it('keeps a minus sign on a literal as a neg node', () => {
    expect(p('-3')).toEqual(neg(num(3)));
    expect(p('2^-1')).toEqual(bin('^', num(2), neg(num(1))));
  });

  it('rejects numbers that overflow and malformed numbers', () => {
    expect(issueOf('1e999').code).toBe('syntax');
    expect(issueOf('1.2.3')).toMatchObject({ code: 'syntax', offset: 3 });
  });

  it('does not treat NaN or Infinity as numbers', () => {
    expect(p('NaN')).toEqual(id('NaN'));
    expect(p('Infinity')).toEqual(id('Infinity'));
  });
});

describe('parser: precedence and associativity', () => {
  const cases: [string, Expr][] = [
    ['a + b * c', bin('+', id('a'), bin('*', id('b'), id('c')))],
    ['a * b + c', bin('+', bin('*', id('a'), id('b')), id('c'))],
    ['a - b - c', bin('-', bin('-', id('a'), id('b')), id('c'))],
    ['a / b / c', bin('/', bin('/', id('a'), id('b')), id('c'))],
    ['a / b * c', bin('*', bin('/', id('a'), id('b')), id('c'))],
    ['a ^ b ^ c', bin('^', id('a'), bin('^', id('b'), id('c')))],
    ['-x^2', neg(bin('^', id('x'), num(2)))],
    ['-x * y', bin('*', neg(id('x')), id('y'))],
    ['a * -b', bin('*', id('a'), neg(id('b')))],
    ['a - -b', bin('-', id('a'), neg(id('b')))],
    ['2^-x^2', bin('^', num(2), neg(bin('^', id('x'), num(2))))],
    ['--x', neg(neg(id('x')))],
    ['+x', id('x')],
    ['(a + b) * c', bin('*', bin('+', id('a'), id('b')), id('c'))],
    ['a * b ^ c', bin('*', id('a'), bin('^', id('b'), id('c')))],
    ['(a * b) ^ c', bin('^', bin('*', id('a'), id('b')), id('c'))],
    ['exp(-k * t)', { kind: 'call', fn: 'exp', args: [bin('*', neg(id('k')), id('t'))] }],
    ['hill(C, EC50, n)', { kind: 'call', fn: 'hill', args: [id('C'), id('EC50'), id('n')] }],
    ['max(0, x) ^ 2', bin('^', { kind: 'call', fn: 'max', args: [num(0), id('x')] }, num(2))],
    [' \t a\n+\r\nb ', bin('+', id('a'), id('b'))],
  ];
  it.each(cases)('%s', (src, ast) => {
    expect(p(src)).toEqual(ast);
  });
});

describe('parser: spans', () => {
  it('records half-open source ranges', () => {
    const e = parseExpression('ka * gut - exp(x)');
    expect(e.span).toEqual({ start: 0, end: 17 });
    if (e.kind !== 'binary' || e.left.kind !== 'binary' || e.right.kind !== 'call') throw new Error('shape');
    expect(e.left.left.span).toEqual({ start: 0, end: 2 });
    expect(e.left.right.span).toEqual({ start: 5, end: 8 });
    expect(e.right.span).toEqual({ start: 11, end: 17 });
    const n = parseExpression('-(a)');
    expect(n.span).toEqual({ start: 0, end: 3 });
  });
});

describe('parser: errors name the problem and the offset', () => {
  it.each([
    ['2x', 1, /missing operator.*write 2\*x/],
    ['2 x', 2, /missing operator.*write 2\*x/],
    ['x (y)', 2, /missing operator/],
    ['(a)(b)', 3, /missing operator/],
    ['a b', 2, /write a\*b/],
    ['2exp(x)', 1, /missing operator/],
    ['a +', 3, /ends too early/],
    ['* a', 0, /unexpected '\*'/],
    ['(a + b', 6, /missing '\)'/],
    ['a + b)', 5, /unmatched '\)'/],
    ['a ** 2', 2, /x\^y/],
    ['exp(1, 2)', 0, /exp takes 1 argument but got 2/],
    ['hill(x, 1)', 0, /hill takes 3 arguments but got 2/],
    ['min()', 0, /min takes 2 arguments but got 0/],
    ['exq(x)', 0, /unknown function 'exq'. Did you mean exp\?/],
    ['exp', 0, /exp is a function/],
    ['', 0, /empty/],
    ['   ', 0, /empty/],
    ['a, b', 1, /unexpected ','/],
    ['x = 1', 2, /unexpected character '='/],
    ['a % b', 2, /unexpected character '%'/],
    ['k\u200b * x', 1, /invisible character \(U\+200B\)/],
    ['\u0430 * x', 0, /U\+0430.*not ASCII/],
    ['\uff11 + x', 0, /U\+FF11/],
    ["1);fetch('x')//", 2, /unexpected character ';'/],
    ['1) + (2', 1, /unmatched '\)'/],
    ['`x`', 0, /unexpected character '`'/],
    ['${x}', 0, /unexpected character '\$'/],
    ['x */ y', 3, /unexpected '\/'/],
  ])('%j', (src, offset, message) => {
    const issue = issueOf(src);
    expect(issue.code).toBe('syntax');
    expect(issue.offset).toBe(offset);
    expect(issue.message).toMatch(message);
  });
});

describe('parser: limits', () => {
  it('rejects 10^5 nested parentheses quickly with a limit error, without recursion overflow', () => {
    const src = '('.repeat(100_000) + 'x' + ')'.repeat(100_000);
    const t0 = performance.now();
    // longer than the expression limit: rejected before tokenizing
    expect(issueOf(src).code).toBe('limit');
    const deep = '('.repeat(1999) + 'x' + ')'.repeat(1999);
    expect(issueOf(deep)).toMatchObject({ code: 'limit', offset: LIMITS.expressionDepth });
    expect(issueOf('-'.repeat(3000) + 'x').code).toBe('limit');
    expect(issueOf('exp('.repeat(900) + 'x' + ')'.repeat(900)).code).toBe('limit');
    expect(issueOf('2^'.repeat(1500) + '2').code).toBe('limit');
    expect(performance.now() - t0).toBeLessThan(100);
  });

  it('accepts nesting up to the depth limit and rejects one more', () => {
    const ok = '-'.repeat(LIMITS.expressionDepth - 1) + 'x';
    expect(() => parseExpression(ok)).not.toThrow();
    expect(issueOf('-'.repeat(LIMITS.expressionDepth + 1) + 'x').code).toBe('limit');
  });

  it('limits the tree depth of long chains and the node count', () => {
    expect(issueOf(Array.from({ length: 100 }, () => 'x').join(' + ')).code).toBe('limit');
    const wide = Array.from({ length: 600 }, () => '(x + x)').join(' * ');
    expect(issueOf(wide).code).toBe('limit');
  });

  it('rejects expressions longer than the limit', () => {
    expect(issueOf('x'.repeat(LIMITS.expressionLength + 1)).code).toBe('limit');
  });

  it('prints what it parses', () => {
    expect(printExpr(parseExpression('ka*gut - CL/V*central'))).toBe('ka * gut - CL / V * central');
  });
});
