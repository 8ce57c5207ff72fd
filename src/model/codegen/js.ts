// JS (f64) code generation from the resolved AST. Output contains only mangled names
// (y[i], p[i], c[i], t, o<i>), validated numbers, operators, Math.* and the two helpers below.
import type { Expr } from '../ast.ts';
import { jsNumber } from './literals.ts';
import { mangle, refOf, type RefNamer } from './mangle.ts';
import { observableLocals, type ModelCode } from './model-code.ts';
import { integerExponent } from './semantics.ts';

/**
 * Helpers that generated JS may call (m_ipow for integer powers of compound bases, m_hill).
 * Prepend this to any code built from jsExpression(); compiled.js already contains it.
 * Mirrors ipow/hill in semantics.ts exactly.
 */
export const JS_PRELUDE = `function m_ipow(x, n) {
  if (n < 0) return 1 / m_ipow(x, -n);
  if (n === 0) return 1;
  let r = x;
  for (let i = 1; i < n; i++) r *= x;
  return r;
}
function m_hill(x, k, n) {
  return x > 0 ? 1 / (1 + Math.pow(k / x, n)) : 0;
}
`;

const MATH_1: Partial<Record<string, string>> = {
  exp: 'Math.exp', log: 'Math.log', log10: 'Math.log10', sqrt: 'Math.sqrt', abs: 'Math.abs',
  sign: 'Math.sign', sin: 'Math.sin', cos: 'Math.cos', tanh: 'Math.tanh',
  min: 'Math.min', max: 'Math.max',
};

/** A JS expression (f64) for a resolved AST; `name` maps symbol references to text. */
export function jsExpression(expr: Expr, name: RefNamer = mangle): string {
  const go = (e: Expr): string => {
    switch (e.kind) {
      case 'num': return jsNumber(e.value);
      case 'ident': return name(refOf(e));
      case 'neg': return `(-${go(e.arg)})`;
      case 'binary':
        if (e.op === '^') return power(e.left, e.right);
        return `(${go(e.left)} ${e.op} ${go(e.right)})`;
      case 'call': {
        if (e.fn === 'pow') return power(e.args[0]!, e.args[1]!);
        if (e.fn === 'step') return `(${go(e.args[0]!)} >= 0 ? 1 : 0)`;
        if (e.fn === 'hill') return `m_hill(${e.args.map(go).join(', ')})`;
        const fn = MATH_1[e.fn];
        if (!fn) throw new Error(`codegen: unknown function ${JSON.stringify(e.fn)}`);
        return `${fn}(${e.args.map(go).join(', ')})`;
      }
    }
    throw new Error('codegen: unknown expression node');
  };
  const power = (base: Expr, exponent: Expr): string => {
    const n = integerExponent(exponent);
    if (n === undefined) return `Math.pow(${go(base)}, ${go(exponent)})`;
    if (n === 0) return '1';
    const b = go(base);
    if (n === 1) return b;
    if (base.kind === 'num' || base.kind === 'ident') {
      const product = `(${Array<string>(Math.abs(n)).fill(b).join(' * ')})`;
      return n > 0 ? product : `(1 / ${product})`;
    }
    return `m_ipow(${b}, ${n})`;
  };
  return go(expr);
}

function observableStatements(code: ModelCode, order: number[], indent: string): string[] {
  return order.map((k) => `${indent}const o${k} = ${jsExpression(code.observables[k]!)};`);
}

/** Body of `new Function(js)()`: returns a JsModelFunctions object. */
export function generateJs(code: ModelCode): string {
  const ind = '    ';
  const rhs = [
    ...observableStatements(code, observableLocals(code, code.equations), ind),
    ...code.equations.map((e, i) => `${ind}dy[${i}] = ${jsExpression(e)};`),
  ];
  const init = code.initial.map((e, i) => `${ind}y0[${i}] = ${jsExpression(e)};`);
  const observe = [
    ...observableStatements(code, code.observableOrder, ind),
    ...code.observables.map((_, k) => `${ind}out[${k}] = o${k};`),
  ];
  const jac = code.jacobian.map((e, k) => `${ind}J[${k}] = ${jsExpression(e)};`);
  const dose = [
    `${ind}switch (k) {`,
    ...code.doseExprs.map((e, k) => `${ind}  case ${k}: return ${jsExpression(e)};`),
    `${ind}  default: return 0;`,
    `${ind}}`,
  ];
  return [
    '"use strict";',
    JS_PRELUDE,
    'return {',
    `  rhs(t, y, p, c, dy) {\n${rhs.join('\n')}\n  },`,
    `  init(p, c, y0) {\n${init.join('\n')}\n  },`,
    `  observe(t, y, p, c, out) {\n${observe.join('\n')}\n  },`,
    `  jac(t, y, p, c, J) {\n${jac.join('\n')}\n  },`,
    `  dose(k, p, c) {\n${dose.join('\n')}\n  },`,
    '};',
    '',
  ].join('\n');
}
