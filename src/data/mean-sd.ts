// The summary of a visit's values.

/** Mean and sample SD (n − 1; null for a single value), two-pass for accuracy. */
export function meanAndSd(values: readonly number[]): { mean: number; sd: number | null; n: number } {
  const n = values.length;
  let sum = 0;
  for (const v of values) sum += v;
  const mean = sum / n;
  if (n < 2) return { mean, sd: null, n };
  // equal values have no spread: exactly 0, not the rounding residue of their mean (three
  // replicates of 0.1 give 1.7e-17, which the likelihood would read as a real, absurdly tight SD)
  if (values.every((v) => v === values[0])) return { mean: values[0]!, sd: 0, n };
  let ss = 0;
  for (const v of values) ss += (v - mean) * (v - mean);
  return { mean, sd: Math.sqrt(ss / (n - 1)), n };
}
