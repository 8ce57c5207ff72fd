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

/** time units per year, for rates per year; undefined when the unit is unknown */
export function unitsPerYear(timeUnit: string | undefined): number | undefined {
  const u = (timeUnit ?? '').trim().toLowerCase();
  const table: Record<string, number> = {
    s: 365.25 * 86400, sec: 365.25 * 86400, second: 365.25 * 86400, seconds: 365.25 * 86400,
    min: 365.25 * 1440, minute: 365.25 * 1440, minutes: 365.25 * 1440,
    h: 365.25 * 24, hr: 365.25 * 24, hour: 365.25 * 24, hours: 365.25 * 24,
    d: 365.25, day: 365.25, days: 365.25,
    wk: 365.25 / 7, week: 365.25 / 7, weeks: 365.25 / 7,
    mo: 12, month: 12, months: 12,
    y: 1, yr: 1, year: 1, years: 1,
  };
  return table[u];
}
