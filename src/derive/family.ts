// Which questions a model answers, from its doses and the shape of the typical curve of the
// observable: a dosed observable starting at zero is a concentration (PK); a dosed observable
// with a baseline is a response (PD, turnover, disease under treatment); without doses a curve
// that rises then falls is an outbreak, one that rises is growth, one that falls is a decline.

export type Family = 'pk' | 'response' | 'outbreak' | 'growth' | 'decline';

/** y: the typical curve on the derive grid; preDose: the observable at t0 before any dose */
export function familyOf(hasDoses: boolean, y: ArrayLike<number>, preDose = y[0]!): Family {
  const n = y.length;
  let max = -Infinity, iMax = 0, min = Infinity;
  for (let i = 0; i < n; i++) {
    if (y[i]! > max) { max = y[i]!; iMax = i; }
    if (y[i]! < min) min = y[i]!;
  }
  const y0 = y[0]!, yEnd = y[n - 1]!;
  const range = Math.max(Math.abs(max), Math.abs(min), 1e-300);
  if (hasDoses) return Math.abs(preDose) <= 1e-6 * range ? 'pk' : 'response';
  if (iMax > 0 && iMax < n - 1 && max > 1.05 * y0 && yEnd < 0.9 * max) return 'outbreak';
  return yEnd >= y0 ? 'growth' : 'decline';
}
