// LaTeX (KaTeX-compatible) from the resolved AST. User names are at most [A-Za-z0-9_]
// (validated); they are still escaped character by character so nothing else can pass.
import type { Expr } from '../ast.ts';
import type { ValidatedModel } from '../validated.ts';
import { refOf, type SymbolRef } from './mangle.ts';

const GREEK = new Set(
  ('alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi pi rho sigma tau ' +
    'upsilon phi chi psi omega Gamma Delta Theta Lambda Xi Pi Sigma Upsilon Phi Psi Omega').split(' '),
);

/** Keeps letters and digits, escapes '_' and drops anything else. */
function escapeText(s: string): string {
  return s.replace(/[^A-Za-z0-9_]/g, '').replace(/_/g, '\\_');
}

function base(s: string): string {
  if (GREEK.has(s)) return `\\${s}`;
  if (/^[A-Za-z]$/.test(s)) return s;
  return `\\mathrm{${escapeText(s) || '?'}}`;
}

/** k_a → k_{\mathrm{a}}, k12 → k_{12}, CL → \mathrm{CL}, alpha → \alpha. */
export function latexName(name: string): string {
  const underscore = name.indexOf('_');
  if (underscore > 0 && underscore < name.length - 1) {
    const sub = name.slice(underscore + 1);
    const subTex = /^[0-9]+$/.test(sub) ? sub : `\\mathrm{${escapeText(sub)}}`;
    return `${base(name.slice(0, underscore))}_{${subTex}}`;
  }
  const digits = /^([A-Za-z]+)([0-9]+)$/.exec(name);
  if (digits) return `${base(digits[1]!)}_{${digits[2]!}}`;
  return base(name);
}

/** A number: plain decimal, or m \times 10^{e} for exponent notation. */
export function latexNumber(value: number): string {
  if (!Number.isFinite(value)) return '\\mathrm{NaN}';
  const text = String(value);
  const e = text.indexOf('e');
  if (e < 0) return text;
  const mantissa = text.slice(0, e);
  const exponent = Number(text.slice(e + 1));
  return mantissa === '1' ? `10^{${exponent}}` : `${mantissa} \\times 10^{${exponent}}`;
}

// Precedence: sum < product < unary minus < power < atom.
const SUM = 1, PRODUCT = 2, UNARY = 3, POWER = 4, ATOM = 5;

const NAMED: Partial<Record<string, string>> = {
  exp: '\\exp', log: '\\log', log10: '\\log_{10}', sin: '\\sin', cos: '\\cos', tanh: '\\tanh',
  min: '\\min', max: '\\max', sign: '\\operatorname{sign}', step: '\\operatorname{step}',
  hill: '\\operatorname{hill}',
};

const paren = (s: string): string => `\\left(${s}\\right)`;

/** LaTeX for an expression; `name` gives the LaTeX of a symbol. */
export function latexExpression(expr: Expr, name: (ref: SymbolRef) => string): string {
  const go = (e: Expr): [string, number] => {
    switch (e.kind) {
      case 'num': {
        const text = latexNumber(Math.abs(e.value));
        const prec = text.includes('\\times') ? PRODUCT : text.startsWith('10^') ? POWER : ATOM;
        return e.value < 0 || Object.is(e.value, -0) ? [`-${text}`, UNARY] : [text, prec];
      }
      case 'ident': return [name(refOf(e)), ATOM];
      case 'neg': return [`-${wrapRight(e.arg, PRODUCT)}`, UNARY];
      case 'binary':
        switch (e.op) {
          case '+': return [`${wrap(e.left, SUM)} + ${wrapRight(e.right, SUM)}`, SUM];
          case '-': return [`${wrap(e.left, SUM)} - ${wrapRight(e.right, PRODUCT)}`, SUM];
          case '*': return [`${wrap(e.left, PRODUCT)} \\cdot ${wrapRight(e.right, PRODUCT)}`, PRODUCT];
          case '/': return [`\\frac{${go(e.left)[0]}}{${go(e.right)[0]}}`, ATOM];
          case '^': return power(e.left, e.right);
        }
        break;
      case 'call': {
        const args = e.args.map((a) => go(a)[0]);
        switch (e.fn) {
          case 'pow': return power(e.args[0]!, e.args[1]!);
          case 'sqrt': return [`\\sqrt{${args[0]}}`, ATOM];
          case 'abs': return [`\\left|${args[0]}\\right|`, ATOM];
        }
        const fn = NAMED[e.fn] ?? '\\operatorname{f}';
        return [`${fn}${paren(args.join(', '))}`, ATOM];
      }
    }
    return ['?', ATOM];
  };
  const wrap = (e: Expr, min: number): string => {
    const [text, prec] = go(e);
    return prec >= min ? text : paren(text);
  };
  // right operands and arguments of unary minus: a leading minus is parenthesised (a - (-b))
  const wrapRight = (e: Expr, min: number): string => {
    const [text, prec] = go(e);
    return prec >= min && prec !== UNARY ? text : paren(text);
  };
  const power = (b: Expr, x: Expr): [string, number] => {
    const [bt, bp] = go(b);
    // a base that is itself a power or a fraction is parenthesised: (x^2)^3, (a/b)^2
    const atomic = bp === ATOM && !(b.kind === 'binary' && b.op === '/');
    return [`{${atomic ? bt : paren(bt)}}^{${go(x)[0]}}`, POWER];
  };
  return go(expr)[0];
}

/** One display line per equation, observable and initial value of a validated model. */
export function latexModel(v: ValidatedModel): { equations: string[]; observables: string[]; initial: string[] } {
  const name = (ref: SymbolRef): string => {
    switch (ref.kind) {
      case 'time': return 't';
      case 'state': return latexName(v.states[ref.index]?.name ?? '?');
      case 'parameter': return latexName(v.parameters[ref.index]?.name ?? '?');
      case 'covariate': return latexName(v.covariates[ref.index]?.name ?? '?');
      case 'observable': return latexName(v.observables[ref.index]?.name ?? '?');
    }
  };
  const stateName = (i: number): string => latexName(v.states[i]!.name);
  return {
    equations: v.equations.map((e, i) => `\\frac{d\\,${stateName(i)}}{dt} = ${latexExpression(e, name)}`),
    observables: v.observables.map((o) => `${latexName(o.name)} = ${latexExpression(o.expr, name)}`),
    initial: v.states.map((s, i) => `${stateName(i)}(0) = ${latexExpression(s.initial, name)}`),
  };
}
