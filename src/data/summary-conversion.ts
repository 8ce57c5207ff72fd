// Arithmetic mean and SD from the other summaries clinical tables report (docs/data-format.md,
// "Geometric means, medians and CV%"). The likelihood works on the arithmetic mean and SD of a
// visit, so a geometric mean or a median with quartiles is converted under the distribution such
// summaries imply: log-normal between subjects (concentrations, counts, sizes), where
//   GM = median = e^μ,  gCV = √(e^{s²} − 1),  IQR = [e^{μ − z·s}, e^{μ + z·s}] with z = Φ⁻¹(0.75),
// and the arithmetic mean = e^{μ + s²/2}, SD = mean·√(e^{s²} − 1).
// Quartiles that reach zero or below cannot be log-normal: then the normal (mean = median,
// SD = IQR / 2z) is used. A range (the smallest and largest of n values) spans ξ(n) SDs on
// average, ξ(n) = 2·Φ⁻¹((n − 0.375)/(n + 0.25)) (Wan et al. 2014, BMC Med Res Methodol 14:135):
// on the log scale for a median with its range, on the data's scale for a mean with its range.
import { normalQuantile } from './normal-quantile.ts';

/** Φ⁻¹(0.75): a normal's quartiles lie this many SDs from its median */
export const QUARTILE_Z = 0.6744897501960817;

/** s = SD of log(value) from a geometric CV in percent */
export function logSdFromGeoCv(gcvPercent: number): number {
  return Math.sqrt(Math.log1p((gcvPercent / 100) ** 2));
}

/** s from a geometric SD (a factor ≥ 1) */
export function logSdFromGeoSd(gsd: number): number {
  return Math.log(gsd);
}

/** arithmetic mean and SD of a log-normal with median `m` and log-SD `s` */
export function logNormalMoments(m: number, s: number): { mean: number; sd: number } {
  const mean = m * Math.exp((s * s) / 2);
  return { mean, sd: mean * Math.sqrt(Math.expm1(s * s)) };
}

/** arithmetic mean and SD from a median and its quartiles; which distribution was assumed */
export function fromMedianQuartiles(median: number, q1: number, q3: number): { mean: number; sd: number; assumed: 'log-normal' | 'normal' } {
  if (q1 > 0 && median > 0) {
    const s = Math.log(q3 / q1) / (2 * QUARTILE_Z);
    return { ...logNormalMoments(median, s), assumed: 'log-normal' };
  }
  return { mean: median, sd: (q3 - q1) / (2 * QUARTILE_Z), assumed: 'normal' };
}

/** SD from an (arithmetic) CV in percent */
export function sdFromCv(cvPercent: number, mean: number): number {
  return (cvPercent / 100) * Math.abs(mean);
}

/** ξ(n): the expected range of n standard normal values, in SDs (Wan et al. 2014); n ≥ 2 */
export function expectedNormalRange(n: number): number {
  return 2 * normalQuantile((n - 0.375) / (n + 0.25));
}

/** arithmetic mean and SD from a median with the smallest and largest of its n values (n ≥ 2) */
export function fromMedianRange(median: number, min: number, max: number, n: number): { mean: number; sd: number; assumed: 'log-normal' | 'normal' } {
  const xi = expectedNormalRange(n);
  if (min > 0 && median > 0) return { ...logNormalMoments(median, Math.log(max / min) / xi), assumed: 'log-normal' };
  // Hozo et al. (2005) for the mean of a range that reaches zero
  return { mean: (min + 2 * median + max) / 4, sd: (max - min) / xi, assumed: 'normal' };
}

/** SD from a mean's range over n ≥ 2 values */
export function sdFromRange(min: number, max: number, n: number): number {
  return (max - min) / expectedNormalRange(n);
}
