// A virtual cohort, defined once: subjects drawn log-normally around typical values
// (θ_i = θ · exp(ω · η_i), η_i ~ N(0, 1)), summaries across them (mean and SD per output per time),
// and the names of trajectory statuses. Used by synthetic data (synthetic.ts), Explore
// (ui/engine/cohort.ts) and `mechanist simulate`; the ω a spec implies is model/omega.ts. The
// fit's own draws (population.ts) are quasi-random and standardised, for its likelihood.
import { Status, type EnsembleResult } from '../simulate/types.ts';
import type { Rng } from './rng.ts';

/**
 * `count` subjects around `theta` (one row of nP values), written row after row into `out` from
 * row `firstRow`. One standard normal is drawn per parameter per subject, also where ω = 0, so a
 * seed gives the same η to a parameter whichever others vary.
 */
export function sampleSubjects(rng: Rng, theta: ArrayLike<number>, omega: ArrayLike<number>, count: number, out: Float64Array, firstRow = 0): Float64Array {
  const nP = theta.length;
  for (let i = 0; i < count; i++) {
    const row = (firstRow + i) * nP;
    for (let j = 0; j < nP; j++) out[row + j] = theta[j]! * Math.exp(omega[j]! * rng.normal());
  }
  return out;
}

/** the trajectories (rows) of a result that ended with status ok */
export const okSubjects = (res: EnsembleResult): number[] => [...res.status.keys()].filter((i) => res.status[i] === Status.ok);

/** output `o` at time index `t` of the given trajectories */
export const valuesAt = (res: EnsembleResult, rows: readonly number[], o: number, t: number): number[] => rows.map((i) => res.outputs[(i * res.nTimes + t) * res.nOut + o]!);

/** mean and sample SD (n − 1) across subjects; NaN where undefined (no values; SD of one) */
export function meanSd(values: readonly number[]): { mean: number; sd: number } {
  const n = values.length;
  const mean = n ? values.reduce((a, b) => a + b, 0) / n : NaN;
  const sd = n > 1 ? Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1)) : NaN;
  return { mean, sd };
}

const kebab = (s: string) => s.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
const STATUS_NAMES = new Map<number, string>(Object.entries(Status).map(([name, code]) => [code, kebab(name)]));

/** `ok`, `max-steps`, `non-finite`, `step-underflow` (from the simulator's Status table) */
export const statusName = (code: number): string => STATUS_NAMES.get(code) ?? `status-${code}`;
