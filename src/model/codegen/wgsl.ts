// WGSL (f32) code generation from the resolved AST (interface: docs/CONTRACTS.md).
// Every declared name starts with model_/MODEL_; locals are y, p, c, t, o<i> and model_r.
//
// Semantics match the JS (semantics.ts) within f32 rounding:
// - constant integer powers are products (model_ipow for compound bases), as in JS;
// - other powers use model_pow: WGSL pow() is undefined for x ≤ 0, so x > 0 uses pow(),
//   x = 0 and x < 0 with an integer exponent follow Math.pow, x < 0 otherwise gives NaN;
// - log10(x) = log(x)·log10(e); tanh clamps its argument to ±15 (tanh is ±1 in f32 there,
//   and some implementations return NaN for large arguments).
import type { Expr } from '../ast.ts';
import { wgslNumber } from './literals.ts';
import { mangle, refOf, type RefNamer } from './mangle.ts';
import { observableLocals, type ModelCode } from './model-code.ts';
import { integerExponent, LOG10_E } from './semantics.ts';

/** Helper functions every generated WGSL expression may call. */
export const WGSL_HELPERS = `fn model_ipow(x: f32, n: i32) -> f32 {
  let m = abs(n);
  var r = 1.0f;
  if (m >= 1) { r = x; }
  for (var i = 1; i < m; i++) { r = r * x; }
  if (n < 0) { return 1.0f / r; }
  return r;
}
fn model_pow(x: f32, y: f32) -> f32 {
  if (y == 0.0f) { return 1.0f; }
  if (x > 0.0f) { return pow(x, y); }
  if (x == 0.0f) {
    if (y > 0.0f) { return 0.0f; }
    return 1.0f / x;
  }
  if (floor(y) == y) {
    let r = pow(-x, y);
    return select(r, -r, fract(y * 0.5f) != 0.0f);
  }
  let z = x - x;
  return z / z;
}
fn model_hill(x: f32, k: f32, n: f32) -> f32 {
  if (x > 0.0f) { return 1.0f / (1.0f + model_pow(k / x, n)); }
  return 0.0f;
}
fn model_step(x: f32) -> f32 {
  return select(0.0f, 1.0f, x >= 0.0f);
}
fn model_rt(x: f32) -> f32 {
  return x;
}
fn model_tanh(x: f32) -> f32 {
  return tanh(clamp(x, -15.0f, 15.0f));
}
`;

const BUILTIN_1: Partial<Record<string, string>> = {
  exp: 'exp', log: 'log', sqrt: 'sqrt', abs: 'abs', sign: 'sign', sin: 'sin', cos: 'cos',
  tanh: 'model_tanh', step: 'model_step', min: 'min', max: 'max', hill: 'model_hill',
};

/** A literal or a negated literal: a WGSL const-expression. */
const isLiteral = (e: Expr): boolean => e.kind === 'num' || (e.kind === 'neg' && isLiteral(e.arg));

/** Expression nesting beyond which statements hoist subexpressions into `let`s (Tint caps parser depth). */
export const WGSL_MAX_NESTING = 16;

interface Text { s: string; d: number }

/**
 * A WGSL f32 expression for a resolved AST; `name` maps symbol references to text.
 * WGSL evaluates operations on constants at shader creation and rejects the shader when that
 * overflows or divides by zero (1.0f / 0.0f, exp(100.0f)); so an operation whose operands are
 * all literals gets its first operand wrapped in model_rt(), which makes it a runtime f32
 * operation like every other.
 * With `hoist`, subexpressions nested WGSL_MAX_NESTING deep are handed to it (it declares a
 * `let` and returns its name), so no statement nests deeper than WGSL parsers accept.
 */
export function wgslExpression(expr: Expr, name: RefNamer = mangle, hoist?: (text: string) => string): string {
  const node = (s: string, children: Text[]): Text => {
    const d = 1 + Math.max(0, ...children.map((c) => c.d));
    return hoist && d >= WGSL_MAX_NESTING ? { s: hoist(s), d: 0 } : { s, d };
  };
  const operands = (args: Expr[]): Text[] => {
    const texts = args.map(go);
    if (args.every(isLiteral)) texts[0] = { s: `model_rt(${texts[0]!.s})`, d: texts[0]!.d + 1 };
    return texts;
  };
  const go = (e: Expr): Text => {
    switch (e.kind) {
      case 'num': return { s: wgslNumber(e.value), d: 0 };
      case 'ident': return { s: name(refOf(e)), d: 0 };
      case 'neg': { const a = go(e.arg); return node(`(-${a.s})`, [a]); }
      case 'binary': {
        if (e.op === '^') return power(e.left, e.right);
        const [a, b] = operands([e.left, e.right]) as [Text, Text];
        return node(`(${a.s} ${e.op} ${b.s})`, [a, b]);
      }
      case 'call': {
        if (e.fn === 'pow') return power(e.args[0]!, e.args[1]!);
        if (e.fn === 'log10') {
          const [a] = operands(e.args) as [Text];
          return node(`(log(${a.s}) * ${wgslNumber(LOG10_E)})`, [{ s: '', d: a.d + 1 }]);
        }
        const fn = BUILTIN_1[e.fn];
        if (!fn) throw new Error(`codegen: unknown function ${JSON.stringify(e.fn)}`);
        const args = fn.startsWith('model_') ? e.args.map(go) : operands(e.args);
        return node(`${fn}(${args.map((a) => a.s).join(', ')})`, args);
      }
    }
    throw new Error('codegen: unknown expression node');
  };
  const power = (base: Expr, exponent: Expr): Text => {
    const n = integerExponent(exponent);
    if (n === undefined) {
      const [a, b] = [go(base), go(exponent)];
      return node(`model_pow(${a.s}, ${b.s})`, [a, b]);
    }
    if (n === 0) return { s: '1.0f', d: 0 };
    const b = go(base);
    if (n === 1) return b;
    if (base.kind === 'num' || base.kind === 'ident') {
      const factors = Array<string>(Math.abs(n)).fill(b.s);
      if (base.kind === 'num') factors[0] = `model_rt(${b.s})`;
      const product = `(${factors.join(' * ')})`;
      return node(n > 0 ? product : `(1.0f / ${product})`, [{ s: '', d: 1 }]);
    }
    return node(`model_ipow(${b.s}, ${n}i)`, [b]);
  };
  return go(expr).s;
}

/** Statements that evaluate `expr` (hoisting deep subexpressions into lets), then `use(value)`. */
function statements(expr: Expr, temps: { n: number }, use: (value: string) => string): string[] {
  const lets: string[] = [];
  const value = wgslExpression(expr, mangle, (text) => {
    const local = `model_t${temps.n++}`;
    lets.push(`  let ${local} = ${text};`);
    return local;
  });
  return [...lets, `  ${use(value)}`];
}

const SIG_TYPC = 't: f32, y: model_state, p: model_params, c: model_covs';

function observableLets(code: ModelCode, order: number[], temps: { n: number }): string[] {
  return order.flatMap((k) => statements(code.observables[k]!, temps, (v) => `let o${k} = ${v};`));
}

/** The `wgsl` field of a CompiledModel. */
export function generateWgsl(code: ModelCode): string {
  const size = (n: number): number => Math.max(1, n);
  const nS = size(code.nStates);
  const nP = size(code.nParams);
  const nC = size(code.nCovariates);
  const nO = size(code.observables.length);
  const nD = size(code.doseExprs.length);
  // each function numbers its own temporaries
  const fn = (signature: string, body: (temps: { n: number }) => string[]): string =>
    `${signature} {\n${body({ n: 0 }).join('\n')}\n}`;
  const assign = (exprs: Expr[], skipZeros: boolean, temps: { n: number }): string[] =>
    exprs.flatMap((e, i) => (skipZeros && e.kind === 'num' && e.value === 0 ? [] : statements(e, temps, (v) => `model_r[${i}] = ${v};`)));
  return [
    `const MODEL_NS: u32 = ${nS}u;`,
    `const MODEL_NP: u32 = ${nP}u;`,
    `const MODEL_NC: u32 = ${nC}u;`,
    `const MODEL_NO: u32 = ${nO}u;`,
    `const MODEL_NJ: u32 = ${nS * nS}u;`,
    `const MODEL_NDOSE: u32 = ${nD}u;`,
    `alias model_state = array<f32, ${nS}>;`,
    `alias model_params = array<f32, ${nP}>;`,
    `alias model_covs = array<f32, ${nC}>;`,
    `alias model_obs = array<f32, ${nO}>;`,
    `alias model_jacobian = array<f32, ${nS * nS}>;`,
    WGSL_HELPERS,
    fn(`fn model_rhs(${SIG_TYPC}) -> model_state`, (temps) => [
      ...observableLets(code, observableLocals(code, code.equations), temps),
      '  var model_r: model_state;',
      ...assign(code.equations, false, temps),
      '  return model_r;',
    ]),
    fn('fn model_init(p: model_params, c: model_covs) -> model_state', (temps) => [
      '  var model_r: model_state;',
      ...assign(code.initial, false, temps),
      '  return model_r;',
    ]),
    fn(`fn model_observe(${SIG_TYPC}) -> model_obs`, (temps) => [
      ...observableLets(code, code.observableOrder, temps),
      '  var model_r: model_obs;',
      ...code.observables.map((_, k) => `  model_r[${k}] = o${k};`),
      '  return model_r;',
    ]),
    fn(`fn model_jac(${SIG_TYPC}) -> model_jacobian`, (temps) => [
      '  var model_r: model_jacobian;',
      ...assign(code.jacobian, true, temps),
      '  return model_r;',
    ]),
    fn('fn model_dose(k: u32, p: model_params, c: model_covs) -> f32', (temps) => [
      '  switch k {',
      ...code.doseExprs.map((e, k) => `    case ${k}u: {\n${statements(e, temps, (v) => `return ${v};`).map((l) => `    ${l}`).join('\n')}\n    }`),
      '    default: {}',
      '  }',
      '  return 0.0f;',
    ]),
    '',
  ].join('\n');
}
