// Posterior summaries: quantiles of θ_pop, ω (with CV%) and residual-error SDs from the final
// (equally weighted) SMC particles.
import type { Quantiles } from './report.ts';
import type { PopulationLayout } from './population.ts';

/** Linear-interpolated quantile (type 7) of a sorted array. */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * q;
  const lo = Math.floor(h), hi = Math.min(n - 1, lo + 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

export function quantiles(values: ArrayLike<number>): Quantiles {
  const s = Float64Array.from(values).sort();
  return { median: quantileSorted(s, 0.5), q05: quantileSorted(s, 0.05), q95: quantileSorted(s, 0.95), q25: quantileSorted(s, 0.25), q75: quantileSorted(s, 0.75) };
}

/** column k of a particles × D matrix */
export function column(phi: Float64Array, N: number, D: number, k: number, transform: (x: number) => number = (x) => x): Float64Array {
  const out = new Float64Array(N);
  for (let i = 0; i < N; i++) out[i] = transform(phi[i * D + k]);
  return out;
}

/** CV% of a log-normal with log-SD ω */
export const cvPercent = (omega: number): number => 100 * Math.sqrt(Math.expm1(omega * omega));

export interface PosteriorSummary {
  parameters: Record<string, Quantiles>;
  bsv: Record<string, { omega: Quantiles; cvPercent: number }>;
  residualError: Record<string, Quantiles>;
}

export function summarizePosterior(layout: PopulationLayout, parameterNames: string[], phi: Float64Array, N: number): PosteriorSummary {
  const D = layout.hyper.length;
  const parameters: PosteriorSummary['parameters'] = {};
  const bsv: PosteriorSummary['bsv'] = {};
  const residualError: PosteriorSummary['residualError'] = {};
  layout.hyper.forEach((h, k) => {
    const q = quantiles(column(phi, N, D, k, Math.exp));
    if (h.kind === 'theta') parameters[h.name] = q;
    else if (h.kind === 'omega') bsv[parameterNames[h.param!]] = { omega: q, cvPercent: cvPercent(q.median) };
    else residualError[h.name.replace(/^sigma_add/, 'additive').replace(/^sigma_prop/, 'proportional')] = q;
  });
  return { parameters, bsv, residualError };
}
