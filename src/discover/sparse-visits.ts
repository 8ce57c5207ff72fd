// Visits that saw far fewer subjects than the rest of their series. The likelihood takes a smaller
// visit's subjects as a nested random subset of a larger one's (docs/likelihood.md, "the overlap
// assumption"); the aggregate cannot show when they were not — a sub-study sampled early, an arm
// sampled late. Real warfarin: the 13 of 32 subjects sampled before 24 h had lower concentrations
// throughout, and a two-compartment model fitted the step from their 12-h mean to the 24-h mean of
// all 32. So the run log names such visits once, for the user to judge.

import type { Dataset } from '../data/types.ts';
import { shortNumber } from '../data/short-number.ts';

/** a visit is sparse below this share of its series' largest n */
export const SPARSE_SHARE = 0.5;

const fmt = shortNumber;

export function sparseVisitsNote(data: Dataset): string | undefined {
  const parts: string[] = [];
  for (const s of data.series) {
    const most = Math.max(...s.n);
    if (!(most >= 4)) continue;
    const sparse = s.times.map((t, i) => ({ t, n: s.n[i]! })).filter((v) => v.n < SPARSE_SHARE * most);
    if (sparse.length === 0) continue;
    const ns = sparse.map((v) => v.n);
    const where = data.series.length > 1 ? `"${s.observable}"${data.groups.length > 1 ? ` (${s.group})` : ''}: ` : '';
    parts.push(`${where}visit${sparse.length > 1 ? 's' : ''} at t = ${sparse.map((v) => fmt(v.t)).join(', ')}${data.timeUnit ? ` ${data.timeUnit}` : ''} saw ${Math.min(...ns) === Math.max(...ns) ? Math.min(...ns) : `${Math.min(...ns)}–${Math.max(...ns)}`} of up to ${most} subjects`);
  }
  if (parts.length === 0) return undefined;
  return `${parts.join('; ')}. The fit takes the subjects of a smaller visit as a random subset of the others; if they were not (a sub-study sampled early, an arm sampled late), those means describe another sub-cohort, and a model may bend to fit the step between them.`;
}
