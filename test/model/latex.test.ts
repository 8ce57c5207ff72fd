// LaTeX output renders in KaTeX, keeps precedence, and escapes names.
import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import katex from 'katex';
import { describe, expect, it } from 'vitest';
import type { Expr } from '../../src/model/ast.ts';
import { latexExpression, latexName, latexNumber } from '../../src/model/codegen/latex.ts';
import { compileSpec } from '../../src/model/compile.ts';
import { parseExpression } from '../../src/model/parser.ts';
import { resolvedExpr } from './codegen-arbitrary.ts';

const render = (tex: string): string => katex.renderToString(tex, { throwOnError: true, displayMode: true });
const plainName = (ref: { kind: string; index: number }): string => ({ state: 'y', parameter: 'p', covariate: 'c', time: 't', observable: 'o' })[ref.kind]! + `_{${ref.index}}`;

/** Parses text and resolves each identifier as a state named after itself (single letters). */
function tex(text: string): string {
  const resolve = (e: Expr): Expr => {
    switch (e.kind) {
      case 'ident': return { ...e, ref: { kind: 'state', index: e.name.charCodeAt(0) } };
      case 'neg': return { ...e, arg: resolve(e.arg) };
      case 'binary': return { ...e, left: resolve(e.left), right: resolve(e.right) };
      case 'call': return { ...e, args: e.args.map(resolve) };
      default: return e;
    }
  };
  return latexExpression(resolve(parseExpression(text)), (ref) => String.fromCharCode(ref.index));
}

describe('LaTeX', () => {
  it('writes the oral PK example as expected', () => {
    const c = compileSpec(readFileSync('public/examples/models/pk-1cmt-oral.json', 'utf8'));
    expect(c.latex.equations).toEqual([
      '\\frac{d\\,\\mathrm{gut}}{dt} = -\\mathrm{ka} \\cdot \\mathrm{gut}',
      '\\frac{d\\,\\mathrm{central}}{dt} = \\mathrm{ka} \\cdot \\mathrm{gut} - \\frac{\\mathrm{CL}}{V} \\cdot \\mathrm{central}',
    ]);
    expect(c.latex.observables).toEqual(['\\mathrm{conc} = \\frac{\\mathrm{central}}{V}']);
    expect(c.latex.initial).toEqual(['\\mathrm{gut}(0) = 0', '\\mathrm{central}(0) = 0']);
  });

  it('renders every line of every example in KaTeX', () => {
    const dir = 'public/examples/models';
    for (const f of readdirSync(dir).filter((n) => n.endsWith('.json'))) {
      const { latex } = compileSpec(readFileSync(`${dir}/${f}`, 'utf8'));
      for (const line of [...latex.equations, ...latex.observables, ...latex.initial]) {
        expect(() => render(line), `${f}: ${line}`).not.toThrow();
      }
    }
  });

  it('renders random expressions in KaTeX', () => {
    fc.assert(fc.property(resolvedExpr(6), (e) => { render(latexExpression(e, plainName)); }), { numRuns: 150, seed: 4 });
  });

  it('keeps precedence with parentheses only where needed', () => {
    expect(tex('a - (b - c)')).toBe('a - \\left(b - c\\right)');
    expect(tex('a - b - c')).toBe('a - b - c');
    expect(tex('(a + b) * c')).toBe('\\left(a + b\\right) \\cdot c');
    expect(tex('a * (b + c)')).toBe('a \\cdot \\left(b + c\\right)');
    expect(tex('(a + b) / c')).toBe('\\frac{a + b}{c}');
    expect(tex('a ^ b ^ c')).toBe('{a}^{{b}^{c}}');
    expect(tex('(a ^ b) ^ c')).toBe('{\\left({a}^{b}\\right)}^{c}');
    expect(tex('(-a) ^ 2')).toBe('{\\left(-a\\right)}^{2}');
    expect(tex('a + -b')).toBe('a + \\left(-b\\right)');
    expect(tex('--a')).toBe('-\\left(-a\\right)');
    expect(tex('sqrt(a) + abs(b) + exp(c) + hill(a, b, c)')).toBe(
      '\\sqrt{a} + \\left|b\\right| + \\exp\\left(c\\right) + \\operatorname{hill}\\left(a, b, c\\right)');
    expect(tex('log10(a) + min(a, b)')).toBe('\\log_{10}\\left(a\\right) + \\min\\left(a, b\\right)');
  });

  it('names: subscripts where natural, Greek letters, everything else escaped', () => {
    expect(latexName('CL')).toBe('\\mathrm{CL}');
    expect(latexName('V')).toBe('V');
    expect(latexName('k_a')).toBe('k_{\\mathrm{a}}');
    expect(latexName('k12')).toBe('k_{12}');
    expect(latexName('EC50')).toBe('\\mathrm{EC}_{50}');
    expect(latexName('alpha')).toBe('\\alpha');
    expect(latexName('E_max_2')).toBe('E_{\\mathrm{max\\_2}}');
    expect(latexName('a\\b}{c$')).toBe('\\mathrm{abc}');
    expect(() => render(latexName('x_y_z'))).not.toThrow();
  });

  it('numbers: exponent notation as powers of ten', () => {
    expect(latexNumber(2.5e-7)).toBe('2.5 \\times 10^{-7}');
    expect(latexNumber(1e21)).toBe('10^{21}');
    expect(latexNumber(0.25)).toBe('0.25');
    expect(tex('a * 2.5e-7')).toBe('a \\cdot 2.5 \\times 10^{-7}');
    expect(tex('(1e21) ^ 2')).toBe('{\\left(10^{21}\\right)}^{2}');
  });
});
