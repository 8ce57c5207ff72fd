// Number and CSV text for the example files: rounded like a paper's table, so the files are
// small, readable, and identical on every run.

/** `x` to `digits` significant digits, as the shortest decimal text (never "-0"). */
export function sig(x: number, digits = 4): string {
  if (!Number.isFinite(x)) throw new Error(`example data: cannot write ${x}`);
  const r = Number(x.toPrecision(digits));
  return Object.is(r, -0) ? '0' : String(r);
}

/** CSV text: a header and rows, LF line ends, no quoting needed (cells are numbers and plain names). */
export function csvText(header: string[], rows: string[][]): string {
  for (const cell of [...header, ...rows.flat()]) {
    if (/[",\n\r]/.test(cell)) throw new Error(`example data: cell needs quoting: ${JSON.stringify(cell)}`);
  }
  return [header, ...rows].map((r) => r.join(',')).join('\n') + '\n';
}
