// Shape features of the data (from per-visit means only) that drive the first pick of motifs
// and some mutations. Thresholds are relative to the curve's range, so units do not matter.
import type { Dataset, Series } from '../data/types.ts';
import { bodyWeightOf, CLEARANCE_EXPONENT } from './library/allometry.ts';
import { primarySeries } from './library/scales.ts';

export interface DataFeatures {
  dosing: boolean;
  /** more than one dose level among groups */
  multipleDoseLevels: boolean;
  /** mean at the first visit is small compared with the maximum */
  startsNearZero: boolean;
  rise: boolean;
  decay: boolean;
  /** a single interior extremum (rise then fall, or a dip and recovery) */
  singlePeak: boolean;
  /** time of the maximum of the mean */
  peakTime: number;
  /** rise with an inflection: accelerating, then decelerating */
  sigmoid: boolean;
  /** the last visits change little relative to the range */
  plateau: boolean;
  /** at least two turns of direction with substantial amplitude */
  oscillation: boolean;
  /** the log of a decline has a steep early and a shallow late slope */
  biphasicDecline: boolean;
  /** roughly constant slope */
  linear: boolean;
  /** returns toward the first value after an excursion */
  returnsToBaseline: boolean;
  /** the curve ends well below where it started (washes out toward zero, not back to a baseline) */
  endsBelowStart: boolean;
  /** the first visit (at or before the dose, or the first one) is clearly non-zero: an endogenous baseline */
  startsAtBaseline: boolean;
  /** after its extremum the curve has come back at least a quarter of the way toward its start */
  recovers: boolean;
  /** dose-normalised curves differ between dose levels (non-linear kinetics) */
  doseNonlinear: boolean;
  /**
   * the first dose is given at steady state (a regimen's steadyState): a non-zero pre-dose visit
   * is the trough left by earlier doses, and the return to it is the next trough, not a baseline
   */
  steadyState: boolean;
  /** coefficient of variation across subjects at the visits (median of sd/|mean|) */
  medianCv: number | null;
}

function range(y: number[]): number {
  return Math.max(...y) - Math.min(...y);
}

/** Number of significant changes of direction (ignoring wiggles under `share` of the range). */
function turns(y: number[], share = 0.1): number {
  const tol = share * range(y);
  let dir = 0;
  let extreme = y[0]!;
  let count = 0;
  for (const v of y.slice(1)) {
    if (dir >= 0 && v < extreme - tol) { if (dir > 0) count++; dir = -1; extreme = v; }
    else if (dir <= 0 && v > extreme + tol) { if (dir < 0) count++; dir = 1; extreme = v; }
    else if ((dir > 0 && v > extreme) || (dir < 0 && v < extreme)) extreme = v;
  }
  return count;
}

/** slope of a least-squares line through (x, y) */
function slope(x: number[], y: number[]): number {
  const n = x.length;
  const mx = x.reduce((a, b) => a + b, 0) / n;
  const my = y.reduce((a, b) => a + b, 0) / n;
  let sxy = 0, sxx = 0;
  for (let i = 0; i < n; i++) { sxy += (x[i]! - mx) * (y[i]! - my); sxx += (x[i]! - mx) ** 2; }
  return sxx > 0 ? sxy / sxx : 0;
}

/**
 * Near zero at t = 0: the first visit is small, or (first visit after 0) a straight line through
 * the first two visits reaches ~0 at t = 0 — an absorption phase sampled from its first hours.
 */
function startsNearZero(t: number[], y: number[]): boolean {
  const top = Math.max(...y.map(Math.abs));
  if (Math.abs(y[0]!) < 0.1 * top) return true;
  if (t.length < 2 || t[0]! <= 0 || y[1]! <= y[0]!) return false;
  const y0 = y[0]! - (t[0]! * (y[1]! - y[0]!)) / (t[1]! - t[0]!);
  return y0 < 0.2 * top;
}

function biphasic(t: number[], y: number[]): boolean {
  // the declining tail after the maximum, in logs; needs ≥ 5 positive points
  const iMax = y.indexOf(Math.max(...y));
  const tt: number[] = [], ly: number[] = [];
  for (let i = iMax; i < y.length; i++) if (y[i]! > 0) { tt.push(t[i]!); ly.push(Math.log(y[i]!)); }
  if (tt.length < 5) return false;
  const h = Math.floor(tt.length / 2);
  const early = slope(tt.slice(0, h + 1), ly.slice(0, h + 1));
  const late = slope(tt.slice(h), ly.slice(h));
  return early < 0 && late < 0 && early / late > 1.8;
}

function auc(t: number[], y: number[]): number {
  let a = 0;
  for (let i = 1; i < t.length; i++) a += 0.5 * (y[i]! + y[i - 1]!) * (t[i]! - t[i - 1]!);
  return a;
}

/** a group's curve speaks for its dose level only with this many subjects at its visits */
const MIN_GROUP_SUBJECTS = 3;

/**
 * AUC/dose differs between groups by more than 30%. With a body-weight covariate, exposure per
 * dose is compared per unit of allometric clearance (AUC·WT^0.75/dose), so arms that differ only
 * in size do not read as saturation. Groups of one or two subjects are left out: their AUC is those
 * subjects' own clearance (remifentanil's arms of 1–2 span 22–34 per µg/kg where its arms of 20 and
 * 30 differ by 1.2, linear kinetics).
 */
function doseNonlinear(data: Dataset, obs: string): boolean {
  const w = bodyWeightOf(data);
  const rows = data.series
    .filter((s) => s.observable === obs)
    .map((s) => {
      const g = data.groups.find((x) => x.name === s.group);
      const size = w ? (g?.covariates[w.name] ?? w.median) ** CLEARANCE_EXPONENT : 1;
      return { s, dose: g?.covariates.dose ?? 0, size };
    })
    .filter((r) => r.dose > 0 && r.s.times.length >= 3 && Math.max(...r.s.n) >= MIN_GROUP_SUBJECTS);
  if (rows.length < 2) return false;
  const ratios = rows.map((r) => (auc(r.s.times, r.s.mean) * r.size) / r.dose);
  return Math.max(...ratios) / Math.max(Math.min(...ratios), 1e-300) > 1.3;
}

export function seriesShape(s: Series): Omit<DataFeatures, 'dosing' | 'multipleDoseLevels' | 'doseNonlinear' | 'steadyState'> {
  const t = s.times, y = s.mean;
  const n = y.length;
  const r = range(y) || 1e-300;
  const yMin = Math.min(...y);
  const first = y[0]!, last = y[n - 1]!;
  const nTurns = turns(y);
  // a peak, or else a trough (the curve flipped)
  const interior = (yp: number[]) => {
    const m = Math.max(...yp);
    const i = yp.indexOf(m);
    return { i, ok: i > 0 && i < n - 1 && m - yp[0]! > 0.2 * r && m - yp[n - 1]! > 0.2 * r && nTurns <= 1 };
  };
  const up = interior(y);
  const dip = interior(y.map((v) => -v));
  const iMax = up.ok || !dip.ok ? up.i : dip.i;
  const extreme = y[iMax]!;
  // back a quarter of the way toward the start, without overshooting it (a drug level sampled from
  // its rising limb falls far below its first value: that is washout, not recovery)
  const back = (last - extreme) / (first - extreme);
  const recovers = (up.ok || dip.ok) && Math.abs(extreme - first) > 0.2 * r && back >= 0.25 && back <= 1.2;
  const singlePeak = up.ok || dip.ok;
  const rise = last - first > 0.3 * r && !singlePeak;
  const decay = first - last > 0.3 * r && !singlePeak && y.indexOf(yMin) > 0;
  const tail = y.slice(Math.max(0, n - 3));
  // a plateau is a flat tail at a level away from zero (washing out to ~0 is not a plateau)
  const tailLevel = Math.abs(tail.reduce((a, b) => a + b, 0) / tail.length);
  const plateau = n >= 5 && range(tail) < 0.1 * r && (rise || decay || singlePeak) && tailLevel > 0.1 * Math.max(...y.map(Math.abs));
  // sigmoid: the largest increment is interior (slow start, fast middle, slow end)
  const inc = y.slice(1).map((v, i) => (v - y[i]!) / (t[i + 1]! - t[i]!));
  const iInc = inc.indexOf(rise ? Math.max(...inc) : Math.min(...inc));
  const sigmoid = (rise || decay) && n >= 5 && iInc > 0 && iInc < inc.length - 1 && plateau;
  // linear: residuals of a straight line small relative to the range
  const b = slope(t, y);
  const mt = t.reduce((a, c) => a + c, 0) / n, my = y.reduce((a, c) => a + c, 0) / n;
  const maxDev = Math.max(...y.map((v, i) => Math.abs(v - (my + b * (t[i]! - mt)))));
  const linear = (rise || decay) && maxDev < 0.08 * r;
  const cvs = s.sd.map((sd, i) => (sd !== null && Math.abs(y[i]!) > 1e-12 ? sd / Math.abs(y[i]!) : null)).filter((v): v is number => v !== null).sort((a, b2) => a - b2);
  return {
    startsNearZero: startsNearZero(t, y),
    rise, decay, singlePeak, peakTime: t[iMax]!, sigmoid, plateau,
    // swings of a third of the range at least: six noisy points of a rise to a plateau (R's BOD:
    // 19 → 15.6 → 19.8 of 8.3–19.8) turn twice by the 10% tolerance, a cycle does by far more
    oscillation: turns(y, 1 / 3) >= 2,
    biphasicDecline: biphasic(t, y),
    linear,
    returnsToBaseline: nTurns >= 1 && Math.abs(last - first) < 0.3 * r,
    endsBelowStart: last < 0.7 * first && first > 0,
    // a t ≤ 0 (pre-dose) visit well above zero is a baseline when the curve moves away and comes
    // back, or is not at its maximum there (a pre-dose drug level is ~0; an IV profile sampled at
    // t = 0 starts at its maximum and decays)
    startsAtBaseline: t[0]! <= 0 && Math.abs(first) > 0.2 * Math.max(...y.map(Math.abs)) && (recovers || Math.abs(first) < Math.max(...y.map(Math.abs))),
    recovers,
    medianCv: cvs.length > 0 ? cvs[Math.floor(cvs.length / 2)]! : null,
  };
}

export function dataFeatures(data: Dataset): DataFeatures {
  const s = primarySeries(data);
  const doses = data.groups.map((g) => g.covariates.dose ?? 0).filter((d) => d > 0);
  const base = s ? seriesShape(s) : {
    startsNearZero: false, rise: false, decay: false, singlePeak: false, peakTime: 0, sigmoid: false, plateau: false,
    oscillation: false, biphasicDecline: false, linear: false, returnsToBaseline: false, endsBelowStart: false, startsAtBaseline: false, recovers: false, medianCv: null,
  };
  const steadyState = data.groups.some((g) => g.regimen?.steadyState === true);
  return {
    ...base,
    ...(steadyState ? { startsAtBaseline: false, returnsToBaseline: false, recovers: false } : {}),
    dosing: doses.length > 0,
    multipleDoseLevels: new Set(doses).size > 1,
    doseNonlinear: s ? doseNonlinear(data, s.observable) : false,
    steadyState,
  };
}

/** The features as short phrases (for prompts and explanations). */
export function describeFeatures(f: DataFeatures): string[] {
  const out: string[] = [];
  if (f.dosing) out.push(f.multipleDoseLevels ? 'several dose levels' : 'dosing present');
  if (f.singlePeak) out.push(`single peak near t = ${f.peakTime}`);
  if (f.rise) out.push('rises');
  if (f.decay) out.push('declines');
  if (f.sigmoid) out.push('sigmoid');
  if (f.plateau) out.push('reaches a plateau');
  if (f.oscillation) out.push('oscillates');
  if (f.biphasicDecline) out.push('biphasic decline (fast then slow)');
  if (f.linear) out.push('roughly linear');
  if (f.returnsToBaseline) out.push('returns toward baseline');
  if (f.doseNonlinear) out.push('dose-normalised curves differ between doses');
  if (f.startsNearZero) out.push('starts near zero');
  if (f.startsAtBaseline) out.push('starts at a non-zero baseline');
  if (f.recovers) out.push('recovers after its extremum');
  return out;
}
