// fast-check arbitraries for expression ASTs of the shape the parser produces (no spans,
// non-negative literals: a minus sign is always a `neg` node). Shared with codegen tests.
import fc from 'fast-check';
import { FUNCTIONS, type BinaryOp, type Expr, type FunctionName } from '../../src/model/ast.ts';

/** Non-negative finite literals: small integers, decimals, and extreme magnitudes. */
export const numberArbitrary: fc.Arbitrary<number> = fc.oneof(
  fc.integer({ min: 0, max: 1000 }),
  fc.double({ min: 0, max: 10, noNaN: true, noDefaultInfinity: true }).filter((x) => !Object.is(x, -0)),
  fc.double({ min: 0, max: 1e300, noNaN: true, noDefaultInfinity: true }).filter((x) => !Object.is(x, -0)),
  fc.constantFrom(0, 0.5, 1e-7, 2.5e-300, 5e-324, 1e21, 123456789012345680000, 0.1, 1 / 3),
);

const OPS: BinaryOp[] = ['+', '-', '*', '/', '^'];
const FNS = Object.keys(FUNCTIONS) as FunctionName[];

/**
 * Random expressions over the given identifier names (at least one), at most `maxDepth` deep.
 * Every AST it yields is one the parser can produce.
 */
export function exprArbitrary(identNames: string[], maxDepth = 6): fc.Arbitrary<Expr> {
  if (identNames.length === 0) throw new Error('exprArbitrary needs at least one identifier name');
  const leaf: fc.Arbitrary<Expr> = fc.oneof(
    numberArbitrary.map((value): Expr => ({ kind: 'num', value })),
    fc.constantFrom(...identNames).map((name): Expr => ({ kind: 'ident', name })),
  );
  const { expr } = fc.letrec<{ expr: Expr }>((tie) => ({
    expr: fc.oneof(
      { maxDepth, depthIdentifier: 'expr', withCrossShrink: true },
      leaf,
      tie('expr').map((arg): Expr => ({ kind: 'neg', arg })),
      fc.tuple(fc.constantFrom(...OPS), tie('expr'), tie('expr')).map(([op, left, right]): Expr => ({ kind: 'binary', op, left, right })),
      fc.constantFrom(...FNS).chain((fn) =>
        fc.array(tie('expr'), { minLength: FUNCTIONS[fn], maxLength: FUNCTIONS[fn] }).map((args): Expr => ({ kind: 'call', fn, args })),
      ),
    ),
  }));
  return expr;
}

/** A deep copy of an AST without spans or refs, for structural comparison. */
export function stripSpans(e: Expr): Expr {
  switch (e.kind) {
    case 'num':
      return { kind: 'num', value: e.value };
    case 'ident':
      return { kind: 'ident', name: e.name };
    case 'neg':
      return { kind: 'neg', arg: stripSpans(e.arg) };
    case 'binary':
      return { kind: 'binary', op: e.op, left: stripSpans(e.left), right: stripSpans(e.right) };
    case 'call':
      return { kind: 'call', fn: e.fn, args: e.args.map(stripSpans) };
  }
}
