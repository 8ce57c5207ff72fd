// The time grid derived quantities are read from: the span cut at every dose event (a bolus
// makes the curve jump, an infusion start or stop makes it bend), each piece sampled uniformly
// with an even number of intervals so that Simpson's rule is fourth-order accurate on it. The
// simulators record outputs *before* a bolus given at the same time, so each piece starts a hair
// after its left end: the point sees the state after the dose.

export interface Piece { a: number; b: number; first: number; last: number }

export interface DeriveGrid {
  times: Float64Array;
  pieces: Piece[];
}

/** offset of a piece's first point after its left end, relative to the whole span */
export const START_OFFSET = 1e-9;

export function buildGrid(t0: number, horizon: number, breaks: number[], intervalsPerPiece = 64, totalIntervals = 4096): DeriveGrid {
  if (!(horizon > t0)) throw new Error(`derived quantities need a time span (t0 ${t0}, horizon ${horizon})`);
  const span = horizon - t0;
  const cuts = [...new Set([t0, horizon, ...breaks.filter((b) => b > t0 && b < horizon)])].sort((x, y) => x - y);
  const delta = START_OFFSET * span;
  const times: number[] = [];
  const pieces: Piece[] = [];
  for (let k = 0; k + 1 < cuts.length; k++) {
    const a = cuts[k]!, b = cuts[k + 1]!;
    // intervals in proportion to the piece's length, at least intervalsPerPiece, always even
    let m = Math.max(intervalsPerPiece, Math.ceil((totalIntervals * (b - a)) / span));
    if (m % 2) m++;
    const lo = a + delta, h = (b - lo) / m;
    const first = times.length;
    for (let i = 0; i <= m; i++) times.push(i === m ? b : lo + i * h);
    pieces.push({ a, b, first, last: times.length - 1 });
  }
  return { times: Float64Array.from(times), pieces };
}

/** Simpson's rule over one piece (uniform, even number of intervals) */
function simpsonPiece(t: ArrayLike<number>, y: ArrayLike<number>, p: Piece): number {
  const m = p.last - p.first;
  const h = (t[p.last]! - t[p.first]!) / m;
  let s = y[p.first]! + y[p.last]!;
  for (let i = 1; i < m; i++) s += (i % 2 ? 4 : 2) * y[p.first + i]!;
  return (s * h) / 3;
}

/** ∫ y dt from a to b, where a and b are piece boundaries of the grid */
export function integrate(grid: DeriveGrid, y: ArrayLike<number>, a: number, b: number): number {
  let s = 0;
  const eps = 1e-12 * (grid.times[grid.times.length - 1]! - grid.times[0]!);
  for (const p of grid.pieces) if (p.a >= a - eps && p.b <= b + eps) s += simpsonPiece(grid.times, y, p);
  return s;
}

/** value at t by linear interpolation (t inside the grid) */
export function valueAt(times: ArrayLike<number>, y: ArrayLike<number>, t: number): number {
  const n = times.length;
  if (t <= times[0]!) return y[0]!;
  if (t >= times[n - 1]!) return y[n - 1]!;
  let lo = 0, hi = n - 1;
  while (hi - lo > 1) { const mid = (lo + hi) >> 1; if (times[mid]! <= t) lo = mid; else hi = mid; }
  const w = (t - times[lo]!) / (times[hi]! - times[lo]!);
  return y[lo]! + w * (y[hi]! - y[lo]!);
}

/** the quartic through five equally spaced values at s = −2…2: value and first two derivatives at s */
function quartic(v: number[], s: number): [number, number, number] {
  // finite-difference form of the interpolant: exact for polynomials of degree ≤ 4
  const [a, b, c, d, e] = v as [number, number, number, number, number];
  const d1 = (a - 8 * b + 8 * d - e) / 12, d2 = (-a + 16 * b - 30 * c + 16 * d - e) / 12;
  const d3 = (-a + 2 * b - 2 * d + e) / 2, d4 = a - 4 * b + 6 * c - 4 * d + e;
  const value = c + d1 * s + (d2 * s * s) / 2 + (d3 * s ** 3) / 6 + (d4 * s ** 4) / 24;
  const slope = d1 + d2 * s + (d3 * s * s) / 2 + (d4 * s ** 3) / 6;
  const curv = d2 + d3 * s + (d4 * s * s) / 2;
  return [value, slope, curv];
}

/**
 * The largest (sign = 1) or smallest (sign = −1) value and its time: the best grid point, refined
 * by Newton's method on the quartic through it and its four neighbours when they lie on the same
 * piece (error O(h⁵) in the value and O(h⁴) in the time for a smooth curve).
 */
export function extreme(grid: DeriveGrid, y: ArrayLike<number>, sign: 1 | -1, until = Infinity): { t: number; value: number } {
  const t = grid.times;
  let k = -1;
  for (let i = 0; i < t.length && t[i]! <= until; i++) if (Number.isFinite(y[i]!) && (k < 0 || sign * y[i]! > sign * y[k]!)) k = i;
  if (k < 0) return { t: NaN, value: NaN };
  const piece = grid.pieces.find((p) => k - 2 >= p.first && k + 2 <= p.last);
  if (!piece) return { t: t[k]!, value: y[k]! };
  const h = t[k + 1]! - t[k]!;
  const v = [y[k - 2]!, y[k - 1]!, y[k]!, y[k + 1]!, y[k + 2]!];
  let s = 0;
  for (let it = 0; it < 20; it++) {
    const [, slope, curv] = quartic(v, s);
    if (!(sign * curv < 0)) return { t: t[k]!, value: y[k]! };
    const step = slope / curv;
    s -= step;
    if (Math.abs(s) > 1) return { t: t[k]!, value: y[k]! };
    if (Math.abs(step) < 1e-14) break;
  }
  return { t: t[k]! + s * h, value: quartic(v, s)[0] };
}

/** first time after `from` at which `test(y)` holds, by linear interpolation of the crossing; NaN if never */
export function firstTime(times: ArrayLike<number>, y: ArrayLike<number>, from: number, test: (v: number) => boolean): number {
  for (let i = 1; i < times.length; i++) {
    if (times[i]! < from) continue;
    if (test(y[i]!)) {
      if (times[i - 1]! < from || test(y[i - 1]!)) return times[i]!;
      // bisect the linear interpolant between i − 1 and i
      let lo = 0, hi = 1;
      for (let it = 0; it < 50; it++) { const mid = (lo + hi) / 2; if (test(y[i - 1]! + mid * (y[i]! - y[i - 1]!))) hi = mid; else lo = mid; }
      return times[i - 1]! + hi * (times[i]! - times[i - 1]!);
    }
  }
  return NaN;
}
