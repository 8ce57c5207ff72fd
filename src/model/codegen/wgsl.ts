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

/**
 * A WGSL f32 expression for a resolved AST; `name` maps symbol references to text.
 * WGSL evaluates operations on constants at shader creation and rejects the shader when that
 * overflows or divides by zero (1.0f / 0.0f, exp(100.0f)); so an operation whose operands are
 * all literals gets its first operand wrapped in model_rt(), which makes it a runtime f32
 * operation like every other.
 */
export function wgslExpression(expr: Expr, name: RefNamer = mangle): string {
  const operands = (args: Expr[]): string[] => {
    const texts = args.map(go);
    if (args.every(isLiteral)) texts[0] = `model_rt(${texts[0]})`;
    return texts;
  };
  const go = (e: Expr): string => {
    switch (e.kind) {
      case 'num': return wgslNumber(e.value);
      case 'ident': return name(refOf(e));
      case 'neg': return `(-${go(e.arg)})`;
      case 'binary': {
        if (e.op === '^') return power(e.left, e.right);
        const [a, b] = operands([e.left, e.right]);
        return `(${a} ${e.op} ${b})`;
      }
      case 'call': {
        if (e.fn === 'pow') return power(e.args[0]!, e.args[1]!);
        if (e.fn === 'log10') return `(log(${operands(e.args)[0]}) * ${wgslNumber(LOG10_E)})`;
        const fn = BUILTIN_1[e.fn];
        if (!fn) throw new Error(`codegen: unknown function ${JSON.stringify(e.fn)}`);
        return `${fn}(${(fn.startsWith('model_') ? e.args.map(go) : operands(e.args)).join(', ')})`;
      }
    }
    throw new Error('codegen: unknown expression node');
  };
  const power = (base: Expr, exponent: Expr): string => {
    const n = integerExponent(exponent);
    if (n === undefined) return `model_pow(${go(base)}, ${go(exponent)})`;
    if (n === 0) return '1.0f';
    const b = go(base);
    if (n === 1) return b;
    if (base.kind === 'num' || base.kind === 'ident') {
      const factors = Array<string>(Math.abs(n)).fill(b);
      if (base.kind === 'num') factors[0] = `model_rt(${b})`;
      const product = `(${factors.join(' * ')})`;
      return n > 0 ? product : `(1.0f / ${product})`;
    }
    return `model_ipow(${b}, ${n}i)`;
  };
  return go(expr);
}

const SIG_TYPC = 't: f32, y: model_state, p: model_params, c: model_covs';

function observableLets(code: ModelCode, order: number[]): string[] {
  return order.map((k) => `  let o${k} = ${wgslExpression(code.observables[k]!)};`);
}

/** The `wgsl` field of a CompiledModel. */
export function generateWgsl(code: ModelCode): string {
  const size = (n: number): number => Math.max(1, n);
  const nS = size(code.nStates);
  const nP = size(code.nParams);
  const nC = size(code.nCovariates);
  const nO = size(code.observables.length);
  const nD = size(code.doseExprs.length);
  const fn = (signature: string, body: string[]): string => `${signature} {\n${body.join('\n')}\n}`;
  const assign = (exprs: Expr[], skipZeros: boolean): string[] =>
    exprs.flatMap((e, i) => (skipZeros && e.kind === 'num' && e.value === 0 ? [] : [`  model_r[${i}] = ${wgslExpression(e)};`]));
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
    fn(`fn model_rhs(${SIG_TYPC}) -> model_state`, [
      ...observableLets(code, observableLocals(code, code.equations)),
      '  var model_r: model_state;',
      ...assign(code.equations, false),
      '  return model_r;',
    ]),
    fn('fn model_init(p: model_params, c: model_covs) -> model_state', [
      '  var model_r: model_state;',
      ...assign(code.initial, false),
      '  return model_r;',
    ]),
    fn(`fn model_observe(${SIG_TYPC}) -> model_obs`, [
      ...observableLets(code, code.observableOrder),
      '  var model_r: model_obs;',
      ...code.observables.map((_, k) => `  model_r[${k}] = o${k};`),
      '  return model_r;',
    ]),
    fn(`fn model_jac(${SIG_TYPC}) -> model_jacobian`, [
      '  var model_r: model_jacobian;',
      ...assign(code.jacobian, true),
      '  return model_r;',
    ]),
    fn('fn model_dose(k: u32, p: model_params, c: model_covs) -> f32', [
      '  switch k {',
      ...code.doseExprs.map((e, k) => `    case ${k}u: { return ${wgslExpression(e)}; }`),
      '    default: {}',
      '  }',
      '  return 0.0f;',
    ]),
    '',
  ].join('\n');
}
