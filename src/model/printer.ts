// Plain-text printer with minimal parentheses: parseExpression(printExpr(e)) deep-equals e
// (spans aside) for every AST the parser can produce.
import type { Expr } from './ast.ts';

// Binding strength, loosest first; mirrors the parser's grammar levels.
const SUM = 1;
const PRODUCT = 2;
const UNARY = 3;
const POWER = 4;
const ATOM = 5;

function isNegativeNumber(e: Expr): boolean {
  return e.kind === 'num' && (e.value < 0 || Object.is(e.value, -0));
}

function precedence(e: Expr): number {
  switch (e.kind) {
    case 'num':
      // only simplifiers create negative literals; they print like a unary minus
      return isNegativeNumber(e) ? UNARY : ATOM;
    case 'ident':
    case 'call':
      return ATOM;
    case 'neg':
      return UNARY;
    case 'binary':
      return e.op === '+' || e.op === '-' ? SUM : e.op === '^' ? POWER : PRODUCT;
  }
}

/** Shortest text that reads back as exactly this number (JS's shortest round-trip form). */
export function formatNumber(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? 'Infinity' : '-Infinity';
  if (Object.is(value, -0)) return '-0';
  return String(value);
}

function wrap(e: Expr, needsParens: boolean): string {
  const s = printExpr(e);
  return needsParens ? `(${s})` : s;
}

/** Prints an expression in the expression language. */
export function printExpr(e: Expr): string {
  switch (e.kind) {
    case 'num':
      return formatNumber(e.value);
    case 'ident':
      return e.name;
    case 'call':
      return `${e.fn}(${e.args.map(printExpr).join(', ')})`;
    case 'neg':
      // the operand of unary minus is parsed at the unary level: sums and products need parens
      return '-' + wrap(e.arg, precedence(e.arg) < UNARY);
    case 'binary': {
      if (e.op === '^') {
        // base: an atom only; exponent: anything at the unary level or tighter (right-assoc)
        return `${wrap(e.left, precedence(e.left) < ATOM)}^${wrap(e.right, precedence(e.right) < UNARY)}`;
      }
      const p = e.op === '+' || e.op === '-' ? SUM : PRODUCT;
      // left-associative: the right operand needs parens at equal strength
      return `${wrap(e.left, precedence(e.left) < p)} ${e.op} ${wrap(e.right, precedence(e.right) <= p)}`;
    }
  }
}
