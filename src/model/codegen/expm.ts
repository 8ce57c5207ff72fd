// Generated straight-line code for the propagator of dy/dt = A·y + c over one segment:
// exp(X)^(2^s) with X = scale·A (n×n) or X = scale·[[A, c], [0, 0]] ((n+1)×(n+1), "affine"),
// by the (6, 6) Padé approximant followed by s squarings, fully unrolled with the entries in
// local variables. Loops over 2×2 or 3×3 typed arrays spend most of their time on loop and
// bounds-check overhead; this is several times faster. The generator tracks which entries are
// known zeros (the affine matrix's last row, and everything derived from it) and leaves their
// products out, which changes no result: those terms are exact zeros in any order.
// The text is built from indices and the Padé coefficients only (no model or user text).
//
// D = E − O is solved without pivoting: with ‖X‖₁ ≤ 1/2, ‖D − I‖₁ < 0.3, so D is strictly
// column diagonally dominant and Gaussian elimination without pivoting is stable (it is what
// partial pivoting would do anyway). Instantiated and cached by src/simulate/cpu/linear.ts.

import { jsNumber } from './literals.ts';

const PADE6 = [1, 1 / 2, 5 / 44, 1 / 66, 1 / 792, 1 / 15840, 1 / 665280] as const;

export const MAX_EXPM_STATES = 8;

/** An m×m matrix of generated local names; null marks a known zero. */
type Sym = (string | null)[][];

/** `new Function(text)()` returns the ExpmKernel (src/simulate/cpu/linear.ts) for n states. */
export function expmKernelSource(n: number, affine: boolean): string {
  if (!(Number.isInteger(n) && n >= 1 && n <= MAX_EXPM_STATES)) throw new Error(`expm kernel: ${n} states out of range`);
  const m = affine ? n + 1 : n;
  const L: string[] = [];
  const range = (k: number) => Array.from({ length: k }, (_, i) => i);
  const name = (p: string, i: number, j: number) => `${p}${i}_${j}`;
  /** declares `const p_i_j = expr` for each entry with a non-zero expression */
  const define = (p: string, f: (i: number, j: number) => string | null, kw = 'const'): Sym =>
    range(m).map((i) => range(m).map((j) => {
      const e = f(i, j);
      if (e === null) return null;
      L.push(`${kw} ${name(p, i, j)} = ${e};`);
      return name(p, i, j);
    }));
  const product = (a: Sym, b: Sym, i: number, j: number): string | null => {
    const terms = range(m).filter((k) => a[i]![k] && b[k]![j]).map((k) => `${a[i]![k]} * ${b[k]![j]}`);
    return terms.length ? terms.join(' + ') : null;
  };
  const sum = (parts: (string | null)[]): string | null => {
    const p = parts.filter((x): x is string => x !== null);
    return p.length ? p.join(' + ') : null;
  };
  const c = PADE6;
  const X = define('x', (i, j) => (i >= n ? null : j < n ? `A[${i * n + j}] * scale` : `c[${i}] * scale`));
  const A2 = define('a', (i, j) => product(X, X, i, j));
  const A4 = define('b', (i, j) => product(A2, A2, i, j));
  const A6 = define('g', (i, j) => product(A4, A2, i, j));
  const term = (k: number, s: Sym, i: number, j: number) => (s[i]![j] ? `${jsNumber(c[k]!)} * ${s[i]![j]}` : null);
  // E = c0 I + c2 X² + c4 X⁴ + c6 X⁶; W = c1 I + c3 X² + c5 X⁴; O = X·W
  const E = define('e', (i, j) => sum([term(2, A2, i, j), term(4, A4, i, j), term(6, A6, i, j), i === j ? jsNumber(c[0]) : null]));
  const W = define('w', (i, j) => sum([term(3, A2, i, j), term(5, A4, i, j), i === j ? jsNumber(c[1]) : null]));
  const O = define('o', (i, j) => product(X, W, i, j));
  // D = E − O (eliminated in place) and N = E + O (the right-hand sides, solved in place)
  const zero = range(m).map(() => range(m).map(() => true));
  const rzero = range(m).map(() => range(m).map(() => true));
  for (const i of range(m)) {
    for (const j of range(m)) {
      const e = E[i]![j], o = O[i]![j];
      zero[i]![j] = !e && !o;
      rzero[i]![j] = !e && !o;
      L.push(`let ${name('d', i, j)} = ${e && o ? `${e} - ${o}` : e ?? (o ? `-${o}` : '0')};`);
      L.push(`let ${name('r', i, j)} = ${e && o ? `${e} + ${o}` : e ?? o ?? '0'};`);
    }
  }
  L.push('let l = 0;');
  for (const k of range(m)) {
    for (let i = k + 1; i < m; i++) {
      if (zero[i]![k]) continue;
      L.push(`l = ${name('d', i, k)} / ${name('d', k, k)};`);
      for (let j = k + 1; j < m; j++) {
        if (zero[k]![j]) continue;
        L.push(`${name('d', i, j)} -= l * ${name('d', k, j)};`);
        zero[i]![j] = false;
      }
      for (const j of range(m)) {
        if (rzero[k]![j]) continue;
        L.push(`${name('r', i, j)} -= l * ${name('r', k, j)};`);
        rzero[i]![j] = false;
      }
    }
  }
  for (let i = m - 1; i >= 0; i--) {
    for (const j of range(m)) {
      const terms = range(m).filter((q) => q > i && !zero[i]![q] && !rzero[q]![j]).map((q) => ` - ${name('d', i, q)} * ${name('r', q, j)}`);
      if (rzero[i]![j] && !terms.length) continue;
      L.push(`${name('r', i, j)} = (${name('r', i, j)}${terms.join('')}) / ${name('d', i, i)};`);
      rzero[i]![j] = false;
    }
  }
  // squarings: R ← R·R through temporaries; the zero pattern of R is that of the exponential
  const R: Sym = range(m).map((i) => range(m).map((j) => (rzero[i]![j] ? null : name('r', i, j))));
  L.push('for (let s = 0; s < squarings; s++) {');
  const Tm = range(m).map((i) => range(m).map((j) => product(R, R, i, j)));
  for (const i of range(m)) for (const j of range(m)) if (R[i]![j]) L.push(`  const ${name('t', i, j)} = ${Tm[i]![j] ?? '0'};`);
  for (const i of range(m)) for (const j of range(m)) if (R[i]![j]) L.push(`  ${name('r', i, j)} = ${name('t', i, j)};`);
  L.push('}');
  for (const i of range(m)) for (const j of range(m)) L.push(`out[${i * m + j}] = ${R[i]![j] ?? '0'};`);
  const live = range(m).flatMap((i) => range(m).map((j) => R[i]![j]).filter((x): x is string => x !== null));
  L.push(`return ${live.map((x) => `Math.abs(${x})`).join(' + ') || '0'} < Infinity;`);
  return `"use strict";\nreturn function expm${n}${affine ? 'affine' : ''}(A, c, scale, squarings, out) {\n  ${L.join('\n  ')}\n};\n`;
}
