// Content MathML (the SBML subset) from and to the expression AST. Writing: every node of our
// grammar has a direct MathML form; step, sign and hill become SBML function definitions
// (lambda with piecewise). Reading: the operators SBML models use for ODE right-hand sides,
// function definitions inlined (ours recognised and mapped back), and a piecewise with a single
// comparison written with step(); anything else is a clear error.
import type { Expr, FunctionName } from '../model/ast.ts';
import { FUNCTIONS } from '../model/ast.ts';
import { ExchangeError } from './types.ts';
import { escapeXml, serialize, type XmlNode } from './xml.ts';

export const MATHML_NS = 'http://www.w3.org/1998/Math/MathML';
export const TIME_SYMBOL = 'http://www.sbml.org/sbml/symbols/time';

/** functions written as SBML function definitions, with their lambda bodies */
export const DEFINED_FUNCTIONS: Partial<Record<FunctionName, { bvars: string[]; body: string }>> = {
  step: { bvars: ['x'], body: '<piecewise><piece><cn type="integer">1</cn><apply><geq/><ci>x</ci><cn type="integer">0</cn></apply></piece><otherwise><cn type="integer">0</cn></otherwise></piecewise>' },
  sign: { bvars: ['x'], body: '<piecewise><piece><cn type="integer">1</cn><apply><gt/><ci>x</ci><cn type="integer">0</cn></apply></piece><piece><cn type="integer">-1</cn><apply><lt/><ci>x</ci><cn type="integer">0</cn></apply></piece><otherwise><cn type="integer">0</cn></otherwise></piecewise>' },
  hill: { bvars: ['x', 'K', 'n'], body: '<piecewise><piece><apply><divide/><apply><power/><ci>x</ci><ci>n</ci></apply><apply><plus/><apply><power/><ci>K</ci><ci>n</ci></apply><apply><power/><ci>x</ci><ci>n</ci></apply></apply></apply><apply><gt/><ci>x</ci><cn type="integer">0</cn></apply></piece><otherwise><cn type="integer">0</cn></otherwise></piecewise>' },
};

export function functionDefinitionXml(fn: FunctionName): string {
  const d = DEFINED_FUNCTIONS[fn]!;
  return `<functionDefinition id="${fn}"><math xmlns="${MATHML_NS}"><lambda>${d.bvars.map((b) => `<bvar><ci>${b}</ci></bvar>`).join('')}${d.body}</lambda></math></functionDefinition>`;
}

function cn(v: number): string {
  if (Number.isInteger(v) && Math.abs(v) < 1e15) return `<cn type="integer">${v}</cn>`;
  const s = String(v);
  if (s.includes('e')) { const [m, e] = s.split('e'); return `<cn type="e-notation">${m}<sep/>${Number(e)}</cn>`; }
  return `<cn>${s}</cn>`;
}

const DIRECT: Partial<Record<FunctionName, string>> = { exp: 'exp', log: 'ln', sqrt: 'root', abs: 'abs', sin: 'sin', cos: 'cos', tanh: 'tanh', pow: 'power', min: 'min', max: 'max' };

/** MathML of an expression (without the <math> wrapper); `t` is the SBML time symbol */
export function toMathml(e: Expr): string {
  switch (e.kind) {
    case 'num': return e.value < 0 ? `<apply><minus/>${cn(-e.value)}</apply>` : cn(e.value);
    case 'ident': return e.name === 't' ? `<csymbol encoding="text" definitionURL="${TIME_SYMBOL}">t</csymbol>` : `<ci>${escapeXml(e.name)}</ci>`;
    case 'neg': return `<apply><minus/>${toMathml(e.arg)}</apply>`;
    case 'binary': {
      const op = { '+': 'plus', '-': 'minus', '*': 'times', '/': 'divide', '^': 'power' }[e.op];
      return `<apply><${op}/>${toMathml(e.left)}${toMathml(e.right)}</apply>`;
    }
    case 'call': {
      if (e.fn === 'log10') return `<apply><log/><logbase><cn type="integer">10</cn></logbase>${toMathml(e.args[0]!)}</apply>`;
      const direct = DIRECT[e.fn];
      if (direct) return `<apply><${direct}/>${e.args.map(toMathml).join('')}</apply>`;
      return `<apply><ci>${e.fn}</ci>${e.args.map(toMathml).join('')}</apply>`;
    }
  }
}

/** functions an expression uses that need an SBML function definition */
export function definedFunctionsUsed(e: Expr, into = new Set<FunctionName>()): Set<FunctionName> {
  if (e.kind === 'call') { if (DEFINED_FUNCTIONS[e.fn]) into.add(e.fn); e.args.forEach((a) => definedFunctionsUsed(a, into)); }
  else if (e.kind === 'neg') definedFunctionsUsed(e.arg, into);
  else if (e.kind === 'binary') { definedFunctionsUsed(e.left, into); definedFunctionsUsed(e.right, into); }
  return into;
}

// ---------------------------------------------------------------------------------- reading

export interface MathContext {
  /** what a <ci> name becomes (a renamed identifier, an inlined number or expression); undefined: unknown name */
  resolve(name: string): Expr | undefined;
  /** user function definitions: bound variable names and the body */
  functions: Map<string, { bvars: string[]; body: XmlNode; builtin?: FunctionName }>;
  /** where the math is, for error messages */
  where: string;
}

const num = (value: number): Expr => ({ kind: 'num', value });
const bin = (op: '+' | '-' | '*' | '/' | '^', left: Expr, right: Expr): Expr => ({ kind: 'binary', op, left, right });
const call = (fn: FunctionName, ...args: Expr[]): Expr => ({ kind: 'call', fn, args });

function readNumber(n: XmlNode, where: string): number {
  const type = n.attrs.type ?? 'real';
  let v: number;
  if (type === 'e-notation' || type === 'rational') {
    if (n.texts.length !== 2 || !n.children.some((c) => c.name === 'sep')) throw new ExchangeError(`${where}: a ${type} number needs two parts around <sep/>`);
    const [a, b] = n.texts.map((x) => Number(x.trim())) as [number, number];
    v = type === 'e-notation' ? Number(`${a}e${b}`) : a / b;
  } else v = Number(n.text.trim());
  if (n.text.trim() === '' || !Number.isFinite(v)) throw new ExchangeError(`${where}: "${n.text}" is not a finite number`);
  return v;
}

export function fromMathml(n: XmlNode, ctx: MathContext): Expr {
  const where = ctx.where;
  switch (n.name) {
    case 'math': {
      if (n.children.length !== 1) throw new ExchangeError(`${where}: <math> must hold one expression`);
      return fromMathml(n.children[0]!, ctx);
    }
    case 'cn': return num(readNumber(n, where));
    case 'ci': {
      const name = n.text.trim();
      const r = ctx.resolve(name);
      if (!r) throw new ExchangeError(`${where}: unknown name "${name}"`);
      return r;
    }
    case 'csymbol': {
      const url = n.attrs.definitionURL ?? '';
      if (url === TIME_SYMBOL) return { kind: 'ident', name: 't' };
      throw new ExchangeError(`${where}: the symbol ${url || n.text} (delay, avogadro, rateOf) is not supported`);
    }
    case 'exponentiale': return num(Math.E);
    case 'pi': return num(Math.PI);
    case 'true': return num(1);
    case 'false': return num(0);
    case 'infinity': case 'notanumber': throw new ExchangeError(`${where}: <${n.name}/> is not a usable value`);
    case 'piecewise': return piecewise(n, ctx);
    case 'apply': return apply(n, ctx);
    case 'semantics': return fromMathml(n.children[0]!, ctx);
    default: throw new ExchangeError(`${where}: MathML element <${n.name}> is not supported`);
  }
}

const RELATIONS = new Set(['geq', 'gt', 'leq', 'lt']);

/** a comparison as step(): geq(a,b) → step(a − b), lt(a,b) → 1 − step(a − b), … (ties only differ in gt/lt) */
function comparison(n: XmlNode, ctx: MathContext): Expr {
  if (n.name !== 'apply' || !RELATIONS.has(n.children[0]?.name ?? '') || n.children.length !== 3) {
    throw new ExchangeError(`${ctx.where}: a piecewise condition must be one comparison (geq, gt, leq, lt) of two values`);
  }
  const op = n.children[0]!.name;
  const a = fromMathml(n.children[1]!, ctx), b = fromMathml(n.children[2]!, ctx);
  if (op === 'geq') return call('step', bin('-', a, b));
  if (op === 'leq') return call('step', bin('-', b, a));
  if (op === 'lt') return bin('-', num(1), call('step', bin('-', a, b)));
  return bin('-', num(1), call('step', bin('-', b, a)));
}

function piecewise(n: XmlNode, ctx: MathContext): Expr {
  const pieces = n.children.filter((c) => c.name === 'piece');
  const other = n.children.find((c) => c.name === 'otherwise');
  if (pieces.length !== 1) throw new ExchangeError(`${ctx.where}: only a piecewise with one piece (and an otherwise) is supported`);
  const [value, cond] = pieces[0]!.children;
  if (!value || !cond) throw new ExchangeError(`${ctx.where}: a piece needs a value and a condition`);
  const v = fromMathml(value, ctx);
  const o = other ? fromMathml(other.children[0]!, ctx) : num(0);
  const s = comparison(cond, ctx);
  // o + (v − o)·s, written without the zero terms
  const isZero = (e: Expr) => e.kind === 'num' && e.value === 0;
  const diff = isZero(o) ? v : bin('-', v, o);
  const scaled = bin('*', diff, s);
  return isZero(o) ? scaled : bin('+', o, scaled);
}

function apply(n: XmlNode, ctx: MathContext): Expr {
  const [head, ...rest] = n.children;
  if (!head) throw new ExchangeError(`${ctx.where}: empty <apply>`);
  const args = () => rest.filter((c) => c.name !== 'logbase' && c.name !== 'degree').map((c) => fromMathml(c, ctx));
  const arity = (k: number, name = head.name) => { const a = args(); if (a.length !== k) throw new ExchangeError(`${ctx.where}: <${name}> takes ${k} argument${k > 1 ? 's' : ''}, got ${a.length}`); return a; };
  switch (head.name) {
    case 'plus': { const a = args(); return a.length === 0 ? num(0) : a.reduce((x, y) => bin('+', x, y)); }
    case 'times': { const a = args(); return a.length === 0 ? num(1) : a.reduce((x, y) => bin('*', x, y)); }
    case 'minus': { const a = args(); if (a.length === 1) return { kind: 'neg', arg: a[0]! }; if (a.length === 2) return bin('-', a[0]!, a[1]!); throw new ExchangeError(`${ctx.where}: <minus> takes 1 or 2 arguments`); }
    case 'divide': { const [a, b] = arity(2); return bin('/', a!, b!); }
    case 'power': { const [a, b] = arity(2); return bin('^', a!, b!); }
    case 'exp': return call('exp', ...arity(1));
    case 'ln': return call('log', ...arity(1));
    case 'log': {
      const base = rest.find((c) => c.name === 'logbase');
      const b = base ? fromMathml(base.children[0]!, ctx) : num(10);
      const [x] = arity(1);
      if (b.kind === 'num' && b.value === 10) return call('log10', x!);
      return bin('/', call('log', x!), call('log', b));
    }
    case 'root': {
      const deg = rest.find((c) => c.name === 'degree');
      const d = deg ? fromMathml(deg.children[0]!, ctx) : num(2);
      const [x] = arity(1);
      if (d.kind === 'num' && d.value === 2) return call('sqrt', x!);
      return bin('^', x!, bin('/', num(1), d));
    }
    case 'abs': return call('abs', ...arity(1));
    case 'sin': return call('sin', ...arity(1));
    case 'cos': return call('cos', ...arity(1));
    case 'tanh': return call('tanh', ...arity(1));
    case 'min': case 'max': {
      const a = args();
      if (a.length < 1) throw new ExchangeError(`${ctx.where}: <${head.name}> needs arguments`);
      return a.reduce((x, y) => call(head.name as 'min' | 'max', x, y));
    }
    case 'ci': {
      const name = head.text.trim();
      const f = ctx.functions.get(name);
      if (!f) throw new ExchangeError(`${ctx.where}: unknown function "${name}"`);
      const a = args();
      if (a.length !== f.bvars.length) throw new ExchangeError(`${ctx.where}: function ${name} takes ${f.bvars.length} arguments, got ${a.length}`);
      if (f.builtin) return call(f.builtin, ...a);
      // inline the lambda: its bound variables stand for the arguments
      const inner: MathContext = { ...ctx, where: `${ctx.where} (in function ${name})`, resolve: (nm) => { const i = f.bvars.indexOf(nm); return i >= 0 ? a[i] : undefined; } };
      return fromMathml(f.body, inner);
    }
    case 'csymbol':
      throw new ExchangeError(`${ctx.where}: ${/delay/.test(head.attrs.definitionURL ?? '') ? 'delay() (delay differential equations)' : /rateOf/.test(head.attrs.definitionURL ?? '') ? 'rateOf()' : `the function ${head.attrs.definitionURL ?? head.text}`} is not supported`);
    default:
      throw new ExchangeError(`${ctx.where}: MathML operator <${head.name}> is not supported`);
  }
}

/** is this SBML function definition one of ours (exported by toMathml's users)? */
export function builtinFor(id: string, bvars: string[], body: XmlNode): FunctionName | undefined {
  const bodyXml = serialize(body);
  const d = DEFINED_FUNCTIONS[id as FunctionName];
  if (!d || !(id in FUNCTIONS)) return undefined;
  return d.bvars.join(',') === bvars.join(',') && d.body === bodyXml ? (id as FunctionName) : undefined;
}
