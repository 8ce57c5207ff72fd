// How a posterior model weight is written (app, report, CLI): a weight whose Monte-Carlo standard
// error exceeds it is "undetermined", never "65.9% ± 530%" (one below 1% even at its upper error
// bound is "< 1%"); a model that failed a sanity check says so.
import type { RankedModel } from './report.ts';

export function weightText(m: Pick<RankedModel, 'weight' | 'weightSE' | 'weightDetermined' | 'adequacy'>): string {
  if (m.adequacy && !m.adequacy.adequate && m.weight === 0) return 'excluded (fails a sanity check)';
  const se = m.weightSE ?? 0;
  // negligible even at its upper error bound: say so rather than "undetermined"
  if (se > 0 && m.weight + 2 * se < 0.01) return '< 1%';
  if (m.weightDetermined === false || se > m.weight) return 'undetermined (Monte-Carlo error larger than the weight)';
  return `${(100 * m.weight).toFixed(1)}%${se > 0 ? ` ± ${(100 * se).toFixed(1)}` : ''}`;
}
