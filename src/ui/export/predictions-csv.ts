// Posterior predictive bands of one model as a CSV table (one row per series × time).
import { unparseCsv } from '../../data/index.ts';
import type { RankedModel } from '../../discover/report.ts';

export function predictionsCsv(m: RankedModel): string {
  const rows: (string | number)[][] = [];
  const series = m.predictive.series.length ? m.predictive.series : [{ group: '', observable: '', mean: m.predictive.mean, sd: null, individual: null }];
  for (const s of series) {
    s.mean.times.forEach((t, i) => {
      const sd = s.sd;
      const ind = s.individual;
      rows.push([
        m.name, s.group, s.observable, t,
        s.mean.median[i]!, s.mean.q05[i]!, s.mean.q95[i]!,
        sd ? sd.median[i]! : '', sd ? sd.q05[i]! : '', sd ? sd.q95[i]! : '',
        ind ? ind.median[i]! : '', ind ? ind.q05[i]! : '', ind ? ind.q95[i]! : '',
      ]);
    });
  }
  return unparseCsv(
    ['model', 'group', 'observable', 'time', 'mean_median', 'mean_q05', 'mean_q95', 'sd_median', 'sd_q05', 'sd_q95', 'individual_median', 'individual_q05', 'individual_q95'],
    rows,
  );
}
