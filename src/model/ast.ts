// The expression AST: the only thing code (JS, WGSL, LaTeX) is ever generated from.

/** Half-open character range [start, end) inside the expression string. */
export interface Span { start: number; end: number }

export type BinaryOp = '+' | '-' | '*' | '/' | '^';

/** Whitelisted functions and their arity. */
export const FUNCTIONS = {
  exp: 1, log: 1, log10: 1, sqrt: 1, abs: 1, sign: 1, step: 1,
  sin: 1, cos: 1, tanh: 1,
  pow: 2, min: 2, max: 2,
  hill: 3,
} as const;
export type FunctionName = keyof typeof FUNCTIONS;

/** What an identifier refers to; filled in by semantic validation ("resolve"). */
export type SymbolKind = 'state' | 'parameter' | 'covariate' | 'observable' | 'time';

export type Expr =
  | { kind: 'num'; value: number; span?: Span }
  | { kind: 'ident'; name: string; ref?: { kind: SymbolKind; index: number }; span?: Span }
  | { kind: 'neg'; arg: Expr; span?: Span }
  | { kind: 'binary'; op: BinaryOp; left: Expr; right: Expr; span?: Span }
  | { kind: 'call'; fn: FunctionName; args: Expr[]; span?: Span };

/** `e` with `f` applied to each direct child (a new node without span; leaves are returned as they are) */
export function mapChildren(e: Expr, f: (child: Expr) => Expr): Expr {
  switch (e.kind) {
    case 'num': case 'ident': return e;
    case 'neg': return { kind: 'neg', arg: f(e.arg) };
    case 'binary': return { kind: 'binary', op: e.op, left: f(e.left), right: f(e.right) };
    case 'call': return { kind: 'call', fn: e.fn, args: e.args.map(f) };
  }
}

/** `e` with every identifier named in `by` replaced by its expression (one pass: replacements are not rewritten again) */
export function substituteIdents(e: Expr, by: ReadonlyMap<string, Expr>): Expr {
  return e.kind === 'ident' && by.has(e.name) ? by.get(e.name)! : mapChildren(e, (c) => substituteIdents(c, by));
}

/** does some identifier of `e` pass `test`? (the one walk behind "mentions dose", "mentions a state or time", "has no names") */
export function someIdent(e: Expr, test: (ident: Extract<Expr, { kind: 'ident' }>) => boolean): boolean {
  switch (e.kind) {
    case 'num': return false;
    case 'ident': return test(e);
    case 'neg': return someIdent(e.arg, test);
    case 'binary': return someIdent(e.left, test) || someIdent(e.right, test);
    case 'call': return e.args.some((a) => someIdent(a, test));
  }
}
