// Rows of the derived-quantities table (Results view and HTML report): one per quantity, with
// its unit, posterior median and 5–95% interval, the cohort's 5–95% range, the NCA value of the
// observed mean curve where there is one, and its plain-language sentence.
import type { DerivedQuantities } from '../../derive/types.ts';

export interface DerivedRow { name: string; unit: string; median: string; interval: string; cohort: string; nca: string; sentence: string }

export const fmtDerived = (v: number | undefined): string =>
  v === undefined || !Number.isFinite(v) ? '–' : Math.abs(v) >= 1e5 || (v !== 0 && Math.abs(v) < 1e-3) ? v.toExponential(2) : String(Number(v.toPrecision(3)));

export function derivedRows(d: DerivedQuantities | undefined): DerivedRow[] {
  return Object.entries(d ?? {}).map(([name, q]) => ({
    name,
    unit: q.unit ?? '',
    median: fmtDerived(q.median),
    interval: `${fmtDerived(q.q05)} – ${fmtDerived(q.q95)}`,
    cohort: q.cohort ? `${fmtDerived(q.cohort.q05)} – ${fmtDerived(q.cohort.q95)}` : '–',
    nca: fmtDerived(q.nca),
    sentence: q.sentence,
  }));
}
