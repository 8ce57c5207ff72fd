// One subject's several values of one observable at one time (individual rows and NONMEM-style
// tables alike). Mavoglurant's source has two such pairs (84.6 and 80.3 ng/mL at 1.817 h), real
// warfarin's subject 9 four (replicate assays at 3–12 h). A repeated assay is what it most often
// is: one sample, the mean of its quantified values (below the LLOQ only when all are), with a
// warning naming the rows; a sample recorded at the wrong time moves the visit's mean by a
// fraction of one subject's share, where stopping would give no result for a whole table. Many
// such rows are an error instead: a crossover without its occasion column, whose averaged pairs
// would halve the visits' variance.
import type { IssueCollector } from './issues.ts';
import { meanAndSd } from './mean-sd.ts';
import type { VisitSample } from './censored.ts';
import { shortNumber } from './short-number.ts';

/** repeated subject times are pooled (as repeated assays) up to this share of the rows (and 2); more stop with an error */
export const REPEATS_POOLED = 0.02;

/** one subject's values at one time of one series, the first included */
export interface Repeats { id: string; time: number; observable: string; group?: string; rows: number[]; values: VisitSample[] }

/** more repeated rows (beyond each first) than pooling takes as repeated assays */
export function tooManyRepeats(repeats: Iterable<Repeats>, rows: number): { repeated: number; first: Repeats } | null {
  const list = [...repeats];
  const repeated = list.reduce((a, r) => a + r.rows.length - 1, 0);
  return list.length > 0 && repeated > Math.max(2, REPEATS_POOLED * rows) ? { repeated, first: list[0]! } : null;
}

/** the one sample the repeats are read as (the mean of the quantified values; below the LLOQ only when all are), with the `repeated-sample` warning */
export function pooledSample(rep: Repeats, issues: IssueCollector, timeColumn: string): VisitSample {
  const quantified = rep.values.flatMap((v) => (v.blq ? [] : [v.value]));
  const mean = quantified.length > 0 ? meanAndSd(quantified).mean : null;
  const what = mean !== null ? `their mean ${shortNumber(mean)}` : 'below the LLOQ';
  issues.warn({
    code: 'repeated-sample', row: rep.rows[1]!, column: timeColumn,
    message: `subject "${rep.id}" has ${rep.values.length} values of "${rep.observable}" at time ${rep.time}${rep.group !== undefined ? ` in group "${rep.group}"` : ''} (rows ${rep.rows.join(', ')}): read as one sample, ${what}; if one was drawn at another time, correct its time`,
  });
  return mean !== null ? { blq: false, value: mean } : rep.values[0]!;
}
