// The summary of a visit's values.

/** Mean and sample SD (n − 1; null for a single value), two-pass for accuracy. */
export function meanAndSd(values: readonly number[]): { mean: number; sd: number | null; n: number } {
  const n = values.length;
  let sum = 0;
  for (const v of values) sum += v;
  const mean = sum / n;
  if (n < 2) return { mean, sd: null, n };
  let ss = 0;
  for (const v of values) ss += (v - mean) * (v - mean);
  return { mean, sd: Math.sqrt(ss / (n - 1)), n };
}
