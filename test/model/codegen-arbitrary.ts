// Random resolved ASTs (identifiers carry refs) over a fixed symbol table, for codegen tests.
import fc from 'fast-check';
import { FUNCTIONS, type BinaryOp, type Expr, type FunctionName } from '../../src/model/ast.ts';

export const SYMBOLS = { states: 3, params: 3, covariates: 2 } as const;

const num = (value: number): Expr => ({ kind: 'num', value });

const numbers = fc.oneof(
  fc.constantFrom(0, 1, 2, 3, 0.5, 0.1, 10, 1e-3, 1e3, 2.5e-7),
  fc.integer({ min: -5, max: 8 }).map((v) => v + 0),
  fc.double({ min: -50, max: 50, noNaN: true, noDefaultInfinity: true }).map((v) => v + 0),
).map(num);

const identifiers: fc.Arbitrary<Expr> = fc.oneof(
  fc.integer({ min: 0, max: SYMBOLS.states - 1 }).map((index): Expr => ({ kind: 'ident', name: `s${index}`, ref: { kind: 'state', index } })),
  fc.integer({ min: 0, max: SYMBOLS.params - 1 }).map((index): Expr => ({ kind: 'ident', name: `q${index}`, ref: { kind: 'parameter', index } })),
  fc.integer({ min: 0, max: SYMBOLS.covariates - 1 }).map((index): Expr => ({ kind: 'ident', name: `v${index}`, ref: { kind: 'covariate', index } })),
  fc.constant<Expr>({ kind: 'ident', name: 't', ref: { kind: 'time', index: 0 } }),
);

const OPS: BinaryOp[] = ['+', '-', '*', '/', '^'];
const FNS = Object.keys(FUNCTIONS) as FunctionName[];

/** Resolved expressions of bounded depth using every operator and function. */
export function resolvedExpr(maxDepth = 5): fc.Arbitrary<Expr> {
  const { expr } = fc.letrec<{ expr: Expr }>((tie) => ({
    expr: fc.oneof(
      { maxDepth, depthIdentifier: 'expr', depthSize: 'xlarge' },
      { arbitrary: identifiers, weight: 3 },
      { arbitrary: numbers, weight: 2 },
      { arbitrary: tie('expr').map((arg): Expr => ({ kind: 'neg', arg })), weight: 1 },
      {
        arbitrary: fc.tuple(fc.constantFrom(...OPS), tie('expr'), tie('expr'))
          .map(([op, left, right]): Expr => ({ kind: 'binary', op, left, right })),
        weight: 6,
      },
      // small integer exponents (expanded to products), including negative ones written as -n
      {
        arbitrary: fc.tuple(tie('expr'), fc.integer({ min: -4, max: 6 }))
          .map(([left, n]): Expr => ({ kind: 'binary', op: '^', left, right: n < 0 ? { kind: 'neg', arg: num(-n) } : num(n) })),
        weight: 2,
      },
      {
        arbitrary: fc.constantFrom(...FNS).chain((fn) =>
          fc.array(tie('expr'), { minLength: FUNCTIONS[fn], maxLength: FUNCTIONS[fn] })
            .map((args): Expr => ({ kind: 'call', fn, args }))),
        weight: 5,
      },
    ),
  }));
  return expr;
}

/** Random inputs: each value exactly representable in f32 (so JS and WGSL see the same inputs). */
export function randomInputs(rng: () => number): { t: number; y: number[]; p: number[]; c: number[] } {
  const value = (): number => {
    const r = rng();
    const magnitude = Math.exp((rng() - 0.5) * 6); // ~0.05 … 20
    const v = r < 0.1 ? 0 : r < 0.3 ? -magnitude : magnitude;
    return Math.fround(v);
  };
  return {
    t: Math.fround(rng() * 10),
    y: Array.from({ length: SYMBOLS.states }, value),
    p: Array.from({ length: SYMBOLS.params }, value),
    c: Array.from({ length: SYMBOLS.covariates }, value),
  };
}

export { mulberry32 } from '../helpers/prng.ts';

/** Names for the parser-shaped arbitrary (test/model/arbitrary.ts) and what they resolve to. */
export const NAMED_SYMBOLS: Record<string, { kind: 'state' | 'parameter' | 'covariate' | 'time'; index: number }> = {
  a: { kind: 'state', index: 0 }, b: { kind: 'state', index: 1 }, z: { kind: 'state', index: 2 },
  k: { kind: 'parameter', index: 0 }, V: { kind: 'parameter', index: 1 }, EC50: { kind: 'parameter', index: 2 },
  dose: { kind: 'covariate', index: 0 }, w: { kind: 'covariate', index: 1 }, t: { kind: 'time', index: 0 },
};

/** Sets `ref` on every identifier from NAMED_SYMBOLS (as validation would). */
export function resolveNames(e: Expr): Expr {
  switch (e.kind) {
    case 'num': return e;
    case 'ident': {
      const ref = NAMED_SYMBOLS[e.name];
      if (!ref) throw new Error(`unknown test identifier ${e.name}`);
      return { ...e, ref };
    }
    case 'neg': return { ...e, arg: resolveNames(e.arg) };
    case 'binary': return { ...e, left: resolveNames(e.left), right: resolveNames(e.right) };
    case 'call': return { ...e, args: e.args.map(resolveNames) };
  }
}
