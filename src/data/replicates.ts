// Single values at one time: several rows of one series that each give one value (n = 1, no SD)
// at the same time are read as one visit. In a series where most times have one value, they are
// one unit measured again (a patient weighed twice on day 7): the visit is their mean, still n = 1,
// so the series stays one trajectory (discover/one-series.ts). Where most times have several, they
// are different subjects' values given without an id: the visit is their mean, sample SD and count,
// as individual rows are aggregated. Rows that summarise several subjects (n > 1 or an SD) at a repeated
// time stay an error in build-dataset.ts: two summaries at one time are more often a missing group
// column or a pasted row than one visit, and censored summaries (LLOQ, n_blq) cannot be pooled
// honestly. A single value below the LLOQ ("<0.1" in a time,value table: n 1, n_blq 1) is pooled as
// a censored sample (censored.ts).
import { rowOf } from './consistency.ts';
import type { IssueCollector } from './issues.ts';
import type { AggregateRow } from './rows.ts';
import { shortNumber } from './short-number.ts';
import { censoredVisit, type VisitSample } from './censored.ts';

const singleValue = (r: AggregateRow): boolean => r.n === 1 && r.sd === null && (r.meanBelowLloq === true || (r.nBlq === undefined ? r.lloq === undefined : r.nBlq === 1));
const sampleOf = (r: AggregateRow): VisitSample => (r.nBlq === 1 || r.meanBelowLloq ? { blq: true, lloq: r.lloq ?? null } : { blq: false, value: r.mean });

/**
 * The rows with each set of single-value replicates (same group, observable and time) pooled into
 * one row at the first one's place; a warning names the rows. `keep[i]` false leaves row i out
 * (it failed its own checks). Returns the rows in their order, each with its row number set.
 */
export function poolReplicates(rows: readonly AggregateRow[], keep: readonly boolean[], issues: IssueCollector, timeColumn = 'time'): AggregateRow[] {
  const located = rows.map((r, i) => ({ ...r, row: rowOf(r, i) })).filter((_, i) => keep[i]);
  const byVisit = new Map<string, AggregateRow[]>();
  for (const r of located) {
    if (!singleValue(r)) continue;
    const key = JSON.stringify([r.group, r.observable, r.time]);
    const set = byVisit.get(key);
    if (set) set.push(r); else byVisit.set(key, [r]);
  }
  // per series, how many of its times have a single value
  const perSeries = new Map<string, { single: number; times: number }>();
  for (const set of byVisit.values()) {
    const key = JSON.stringify([set[0]!.group, set[0]!.observable]);
    const c = perSeries.get(key) ?? { single: 0, times: 0 };
    perSeries.set(key, { single: c.single + (set.length === 1 ? 1 : 0), times: c.times + 1 });
  }
  const pooled = new Map<AggregateRow, AggregateRow | null>(); // first row → pooled row; the others → null
  for (const set of byVisit.values()) {
    if (set.length < 2) continue;
    const first = set[0]!;
    const counts = perSeries.get(JSON.stringify([first.group, first.observable]))!;
    const oneUnit = 2 * counts.single > counts.times;
    // values below the LLOQ enter as LLOQ/2 and are counted (censored.ts); one unit measured again
    // is censored only when every measurement was
    const { mean, sd, n, nBlq, lloq } = censoredVisit(set.map(sampleOf), null);
    const { nBlq: _n, lloq: _l, meanBelowLloq: _m, ...plain } = first;
    const censoring = nBlq !== undefined && (!oneUnit || nBlq === n) ? { nBlq: oneUnit ? 1 : nBlq, ...(lloq !== undefined ? { lloq } : {}) } : {};
    pooled.set(first, oneUnit ? { ...plain, mean, ...censoring } : { ...plain, mean, sd, n, ...censoring });
    for (const r of set.slice(1)) pooled.set(r, null);
    const rows = set.map((r) => r.row).join(', ');
    issues.warn({
      code: 'replicate-values', row: first.row!, column: timeColumn,
      message: oneUnit
        ? `rows ${rows} each give one value of "${first.observable}" at time ${first.time} in group "${first.group}", where most times have one: read as one unit measured again, the visit's value their mean ${shortNumber(mean)} (n 1)`
        : `rows ${rows} each give one value of "${first.observable}" at time ${first.time} in group "${first.group}": read as one visit of ${set.length} values (mean ${shortNumber(mean)}, SD ${sd === null ? '–' : shortNumber(sd)}, n ${set.length}${nBlq ? `, ${nBlq} below the LLOQ` : ''})`,
    });
  }
  return located.flatMap((r) => {
    const p = pooled.get(r);
    return p === undefined ? [r] : p === null ? [] : [p];
  });
}
