// Where a model's clock starts. A dose anchors time zero. Without one, an ODE model has no time
// zero of its own, and data counted in calendar years (1790, 1800, …, 1970) would put the model's
// initial state 1790 years before the first count. The clock then starts at the first visit, when
// that visit lies at least one study span after zero; soybean's day 14 of days 14–84 still counts
// from planting. Times before zero (pre-dose samples) start the clock there, as they always did.

import type { Dataset } from './types.ts';

/** Some group of the data is dosed (a dose > 0 or a regimen): a dose anchors time zero. */
export function dataDosed(data: Pick<Dataset, 'groups'>): boolean {
  return data.groups.some((g) => (g.covariates.dose ?? 0) > 0 || g.regimen !== undefined);
}

/** The time integration starts from: min(0, first) when anchored, else the first visit when it is late. */
export function timeOrigin(first: number, last: number, anchored: boolean): number {
  if (!(first > 0)) return Math.min(0, first);
  return !anchored && first >= last - first ? first : 0;
}

/** Says where the clock starts when it is not at zero. */
export function timeOriginNote(origin: number): string | null {
  return origin > 0
    ? `nothing is dosed and the first visit is at ${origin}, late against the visits' span: the models start at the first visit (their initial states are the values at time ${origin}), not at time 0`
    : null;
}
