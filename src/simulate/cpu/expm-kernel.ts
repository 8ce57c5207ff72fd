// Generated straight-line code for exp(X)^(2^s) of a small m×m matrix (m ≤ 9): the (6, 6) Padé
// approximant followed by s squarings, fully unrolled with the entries in local variables. Loops
// over 2×2 or 3×3 typed arrays spend most of their time on loop and bounds-check overhead; this
// is ~5× faster. The text is built from indices and the Padé coefficients only (no model or user
// text), so it is as safe as the generic version in linear.ts, which it replaces term by term.
//
// D = E − O is solved without pivoting: with ‖X‖₁ ≤ 1/2, ‖D − I‖₁ < 0.3, so D is strictly
// column diagonally dominant and Gaussian elimination without pivoting is stable (it is what
// partial pivoting would do anyway).

/** exp(X)^(2^squarings) into out (row-major m×m); false if not finite. X is not modified. */
export type ExpmKernel = (X: Float64Array, squarings: number, out: Float64Array) => boolean;

export const PADE6 = [1, 1 / 2, 5 / 44, 1 / 66, 1 / 792, 1 / 15840, 1 / 665280] as const;

export const MAX_EXPM_DIM = 9;

const kernels = new Map<number, ExpmKernel>();

function lit(x: number): string {
  return x < 0 ? `(-${String(-x)})` : String(x);
}

export function expmKernelSource(m: number): string {
  if (!(Number.isInteger(m) && m >= 1 && m <= MAX_EXPM_DIM)) throw new Error(`expm kernel: dimension ${m} out of range`);
  const idx = (i: number, j: number) => `${i}_${j}`;
  const all = (f: (i: number, j: number) => string, sep = '\n') => {
    const out: string[] = [];
    for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) out.push(f(i, j));
    return out.join(sep);
  };
  const product = (a: string, b: string, i: number, j: number) =>
    Array.from({ length: m }, (_, k) => `${a}${idx(i, k)} * ${b}${idx(k, j)}`).join(' + ');
  const c = PADE6;
  const L: string[] = [];
  L.push(all((i, j) => `const x${idx(i, j)} = X[${i * m + j}];`));
  L.push(all((i, j) => `const a${idx(i, j)} = ${product('x', 'x', i, j)};`)); // X²
  L.push(all((i, j) => `const b${idx(i, j)} = ${product('a', 'a', i, j)};`)); // X⁴
  L.push(all((i, j) => `const g${idx(i, j)} = ${product('b', 'a', i, j)};`)); // X⁶
  // E = c0 I + c2 X² + c4 X⁴ + c6 X⁶; W = c1 I + c3 X² + c5 X⁴; O = X·W
  L.push(all((i, j) => `const e${idx(i, j)} = ${lit(c[2])} * a${idx(i, j)} + ${lit(c[4])} * b${idx(i, j)} + ${lit(c[6])} * g${idx(i, j)}${i === j ? ` + ${lit(c[0])}` : ''};`));
  L.push(all((i, j) => `const w${idx(i, j)} = ${lit(c[3])} * a${idx(i, j)} + ${lit(c[5])} * b${idx(i, j)}${i === j ? ` + ${lit(c[1])}` : ''};`));
  L.push(all((i, j) => `const o${idx(i, j)} = ${product('x', 'w', i, j)};`));
  // D (in d, eliminated in place) and N (in r, the right-hand sides)
  L.push(all((i, j) => `let d${idx(i, j)} = e${idx(i, j)} - o${idx(i, j)};`));
  L.push(all((i, j) => `let r${idx(i, j)} = e${idx(i, j)} + o${idx(i, j)};`));
  L.push('let l = 0;');
  for (let k = 0; k < m; k++) {
    for (let i = k + 1; i < m; i++) {
      L.push(`l = d${idx(i, k)} / d${idx(k, k)};`);
      for (let j = k + 1; j < m; j++) L.push(`d${idx(i, j)} -= l * d${idx(k, j)};`);
      for (let j = 0; j < m; j++) L.push(`r${idx(i, j)} -= l * r${idx(k, j)};`);
    }
  }
  for (let i = m - 1; i >= 0; i--) {
    for (let j = 0; j < m; j++) {
      const terms = Array.from({ length: m - i - 1 }, (_, q) => ` - d${idx(i, i + 1 + q)} * r${idx(i + 1 + q, j)}`).join('');
      L.push(`r${idx(i, j)} = (r${idx(i, j)}${terms}) / d${idx(i, i)};`);
    }
  }
  // squarings: R ← R·R, through temporaries
  L.push('for (let s = 0; s < squarings; s++) {');
  L.push(all((i, j) => `  const t${idx(i, j)} = ${product('r', 'r', i, j)};`));
  L.push(all((i, j) => `  r${idx(i, j)} = t${idx(i, j)};`));
  L.push('}');
  L.push(all((i, j) => `out[${i * m + j}] = r${idx(i, j)};`));
  L.push(`return ${all((i, j) => `Math.abs(r${idx(i, j)})`, ' + ')} < Infinity;`);
  return `"use strict";\nreturn function expm${m}(X, squarings, out) {\n  ${L.join('\n  ')}\n};\n`;
}

export function expmKernel(m: number): ExpmKernel {
  let k = kernels.get(m);
  if (!k) {
    k = new Function(expmKernelSource(m))() as ExpmKernel;
    kernels.set(m, k);
  }
  return k;
}
