// Arithmetic mean and SD from the other summaries clinical tables report (docs/data-format.md,
// "Geometric means, medians and CV%"). The likelihood works on the arithmetic mean and SD of a
// visit, so a geometric mean or a median with quartiles is converted under the distribution such
// summaries imply: log-normal between subjects (concentrations, counts, sizes), where
//   GM = median = e^μ,  gCV = √(e^{s²} − 1),  IQR = [e^{μ − z·s}, e^{μ + z·s}] with z = Φ⁻¹(0.75),
// and the arithmetic mean = e^{μ + s²/2}, SD = mean·√(e^{s²} − 1).
// Quartiles that reach zero or below cannot be log-normal: then the normal (mean = median,
// SD = IQR / 2z) is used.

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
