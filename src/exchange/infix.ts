// An infix printer for other modelling languages (R/rxode2, NM-TRAN, Mlxtran), from the validated
// AST: minimal parentheses by the same precedence rules as our own printer, with each language's
// power operator, function names, identifiers and numbers.
import type { Expr, FunctionName } from '../model/ast.ts';
import { ExchangeError } from './types.ts';

export interface Dialect {
  name: string;
  power: '^' | '**';
  number(v: number): string;
  ident(name: string): string;
  /** a function call in this language; throw ExchangeError when it has none */
  call(fn: FunctionName, args: string[]): string;
}

const SUM = 1, PRODUCT = 2, UNARY = 3, POWER = 4, ATOM = 5;

function precedence(e: Expr): number {
  switch (e.kind) {
    case 'num': return e.value < 0 ? UNARY : ATOM;
    case 'ident': case 'call': return ATOM;
    case 'neg': return UNARY;
    case 'binary': return e.op === '+' || e.op === '-' ? SUM : e.op === '^' ? POWER : PRODUCT;
  }
}

export function printInfix(e: Expr, d: Dialect): string {
  const wrap = (x: Expr, parens: boolean) => (parens ? `(${printInfix(x, d)})` : printInfix(x, d));
  switch (e.kind) {
    case 'num': return d.number(e.value);
    case 'ident': return d.ident(e.name);
    case 'call': return d.call(e.fn, e.args.map((a) => printInfix(a, d)));
    case 'neg': return '-' + wrap(e.arg, precedence(e.arg) < UNARY);
    case 'binary': {
      if (e.op === '^') return `${wrap(e.left, precedence(e.left) < ATOM)}${d.power}${wrap(e.right, precedence(e.right) < ATOM)}`;
      const p = e.op === '+' || e.op === '-' ? SUM : PRODUCT;
      return `${wrap(e.left, precedence(e.left) < p)} ${e.op} ${wrap(e.right, precedence(e.right) <= p)}`;
    }
  }
}

export function unsupported(dialect: string, fn: string): never {
  throw new ExchangeError(`${dialect} has no equivalent of ${fn}() that this exporter writes; rewrite the model without it`);
}
