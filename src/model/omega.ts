// What a parameter's between-subject variability is when its spec says `varies: true` but gives
// no `omega` prior: one default, used by the fit's prior, virtual cohorts, Explore, exports and
// the discovery library (docs/likelihood.md).
import type { LogNormalPrior, ParameterSpec } from './spec.ts';

/** the default prior on ω (SD of log θ between subjects): median 0.3 (≈ 30% CV), wide */
export const DEFAULT_OMEGA_PRIOR: LogNormalPrior = { type: 'lognormal', median: 0.3, gsd: 2 };

/** ω of a varying parameter whose spec gives no omega prior */
export const DEFAULT_OMEGA = DEFAULT_OMEGA_PRIOR.median;

/** the ω a parameter's spec implies: its omega prior median when it varies (DEFAULT_OMEGA without one), else 0 */
export function typicalOmega(p: ParameterSpec): number {
  return p.varies ? p.omega?.median ?? DEFAULT_OMEGA : 0;
}
