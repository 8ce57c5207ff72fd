// One series: data where every visit has n = 1 (a historical count series, one culture, one
// outbreak, one patient) come from a single trajectory. Between-subject variability is then not
// identifiable apart from the residual error, and a population model averages cycles and waves
// over virtual subjects that were never observed (the lynx–hare mean damps out). Discovery fits
// such data as one trajectory with residual error, as the published fits of these series do.
import type { Dataset } from '../data/types.ts';
import type { ModelSpec } from '../model/spec.ts';
import { withVaries } from './mutations.ts';

/** every visit of every series has n ≤ 1 */
export function isOneSeries(data: Pick<Dataset, 'series'>): boolean {
  const ns = data.series.flatMap((s) => s.n);
  return ns.length > 0 && ns.every((n) => n <= 1);
}

/** the spec with no parameter varying between subjects */
export function withoutBsv(spec: ModelSpec): ModelSpec {
  if (!spec.parameters.some((p) => p.varies)) return spec;
  return { ...spec, parameters: spec.parameters.map((p) => (p.varies ? withVaries(p, false) : p)) };
}

export const ONE_SERIES_NOTE = 'Every visit has n = 1: the data are one trajectory (one series, culture, outbreak or patient), so between-subject variability cannot be told apart from residual error; every candidate is fitted as that one trajectory with residual error, without between-subject variability.';
