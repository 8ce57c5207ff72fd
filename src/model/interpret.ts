// Reference interpreter: evaluates a resolved AST in f64 with exactly the semantics of the
// generated JS (used to test the code generators and to fold constants).
import type { Expr } from './ast.ts';
import { hill, integerExponent, ipow, power, step } from './codegen/semantics.ts';

export interface EvalEnv {
  t: number;
  y: ArrayLike<number>;
  p: ArrayLike<number>;
  c: ArrayLike<number>;
  /** observable values, indexed like the model's observables */
  o?: ArrayLike<number>;
}

export function evaluate(expr: Expr, env: EvalEnv): number {
  switch (expr.kind) {
    case 'num':
      return expr.value;
    case 'ident':
      return lookup(expr, env);
    case 'neg':
      return -evaluate(expr.arg, env);
    case 'binary': {
      if (expr.op === '^') return evalPower(expr.left, expr.right, env);
      const a = evaluate(expr.left, env);
      const b = evaluate(expr.right, env);
      switch (expr.op) {
        case '+': return a + b;
        case '-': return a - b;
        case '*': return a * b;
        case '/': return a / b;
      }
      break;
    }
    case 'call':
      return evalCall(expr, env);
  }
  throw new Error(`evaluate: unknown node ${JSON.stringify((expr as { kind: unknown }).kind)}`);
}

function lookup(expr: Extract<Expr, { kind: 'ident' }>, env: EvalEnv): number {
  const ref = expr.ref;
  if (!ref) throw new Error('evaluate: unresolved identifier (validate the model first)');
  let source: ArrayLike<number> | undefined;
  switch (ref.kind) {
    case 'time': return env.t;
    case 'state': source = env.y; break;
    case 'parameter': source = env.p; break;
    case 'covariate': source = env.c; break;
    case 'observable': source = env.o; break;
  }
  if (!source || ref.index < 0 || ref.index >= source.length) {
    throw new Error(`evaluate: no value for ${ref.kind} #${ref.index}`);
  }
  return source[ref.index]!;
}

function evalPower(base: Expr, exponent: Expr, env: EvalEnv): number {
  const n = integerExponent(exponent);
  const x = evaluate(base, env);
  return n === undefined ? power(x, evaluate(exponent, env)) : ipow(x, n);
}

function evalCall(expr: Extract<Expr, { kind: 'call' }>, env: EvalEnv): number {
  if (expr.fn === 'pow') return evalPower(expr.args[0]!, expr.args[1]!, env);
  const a = expr.args.map((arg) => evaluate(arg, env));
  const x = a[0]!;
  switch (expr.fn) {
    case 'exp': return Math.exp(x);
    case 'log': return Math.log(x);
    case 'log10': return Math.log10(x);
    case 'sqrt': return Math.sqrt(x);
    case 'abs': return Math.abs(x);
    case 'sign': return Math.sign(x);
    case 'step': return step(x);
    case 'sin': return Math.sin(x);
    case 'cos': return Math.cos(x);
    case 'tanh': return Math.tanh(x);
    case 'min': return Math.min(x, a[1]!);
    case 'max': return Math.max(x, a[1]!);
    case 'hill': return hill(x, a[1]!, a[2]!);
  }
  throw new Error(`evaluate: unknown function ${JSON.stringify(expr.fn)}`);
}
