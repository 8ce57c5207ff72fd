// The plots of one ranked model, as descriptors (name + render) shared by the Results view, the
// exports and the printable report.
import type { Dataset } from '../../data/types.ts';
import type { RankedModel } from '../../discover/report.ts';
import type { Quantiles } from '../../infer/report.ts';
import { bandPlot } from './band-plot.ts';
import { groupDoseTimes } from './data-plot.ts';
import { intervalPlot } from './interval-plot.ts';
import { residualPlot } from './residual-plot.ts';

export interface PlotDescriptor { name: string; title: string; render: () => SVGSVGElement }

export function modelPlots(m: RankedModel, data: Dataset | null, colourIndex = 0): PlotDescriptor[] {
  const tu = data?.timeUnit ? ` (${data.timeUnit})` : '';
  const timeLabel = `time${tu}`;
  const out: PlotDescriptor[] = [];
  const series = m.predictive.series.length
    ? m.predictive.series
    : [{ group: data?.groups[0]?.name ?? 'all', observable: data?.observables[0]?.name ?? 'y', mean: m.predictive.mean, sd: undefined, individual: undefined }];
  for (const s of series) {
    const observed = data?.series.find((d) => d.group === s.group && d.observable === s.observable);
    const group = data?.groups.find((g) => g.name === s.group);
    const doseTimes = group ? groupDoseTimes(group) : [];
    const unit = data?.observables.find((o) => o.name === s.observable)?.unit;
    const label = `${s.observable}${unit ? ` (${unit})` : ''}`;
    const where = series.length > 1 ? ` [${s.group}]` : '';
    out.push({
      name: `${m.name}-${s.observable}-${s.group}-mean`,
      title: `Cohort mean of ${s.observable}${where}`,
      render: () => bandPlot({ title: `Cohort mean of ${s.observable}${where}`, band: s.mean, observed, kind: 'mean', timeLabel, yLabel: label, colourIndex, doseTimes }),
    });
    if (s.sd)
      out.push({
        name: `${m.name}-${s.observable}-${s.group}-sd`,
        title: `Cohort SD of ${s.observable}${where}`,
        render: () => bandPlot({ title: `Cohort SD of ${s.observable}${where}`, band: s.sd!, observed, kind: 'sd', timeLabel, yLabel: `SD of ${label}`, colourIndex, doseTimes }),
      });
  }
  if (m.diagnostics.residuals.length)
    out.push({
      name: `${m.name}-residuals`,
      title: 'Standardized residuals per time',
      render: () => residualPlot(m.diagnostics.residuals, 'Standardized residuals per time', timeLabel),
    });
  const params = Object.entries(m.parameters) as [string, Quantiles][];
  if (params.length)
    out.push({ name: `${m.name}-parameters`, title: 'Population parameters (median, 5–95%)', render: () => intervalPlot('Population parameters (median, 5–95%)', params, 'value (log scale)', colourIndex) });
  const bsv = Object.entries(m.bsv).map(([k, v]) => [k, v.omega] as [string, Quantiles]);
  if (bsv.length)
    out.push({ name: `${m.name}-bsv`, title: 'Between-subject variability ω (median, 5–95%)', render: () => intervalPlot('Between-subject variability ω (median, 5–95%)', bsv, 'ω = SD of log parameter (log scale)', colourIndex + 2) });
  return out;
}

/** identifiability and fit warnings in words */
export function modelWarnings(m: RankedModel): string[] {
  const d = m.diagnostics;
  const w = [...d.warnings];
  for (const [k, r] of Object.entries(d.identifiability.contraction)) if (r > 0.8) w.push(`${k} is barely informed by the data (posterior/prior SD ${r.toFixed(2)}).`);
  for (const c of d.identifiability.correlated) w.push(`${c.a} and ${c.b} are strongly correlated (${c.corr.toFixed(2)}): only a combination is identified.`);
  for (const p of d.identifiability.atPriorEdge) w.push(`${p} piles up at the edge of its prior.`);
  if (d.failedFraction > 0.01) w.push(`${(d.failedFraction * 100).toFixed(1)}% of simulated trajectories failed.`);
  return [...new Set(w)];
}
