// Observed cohort: mean ± SD per visit, one colour per group, one panel per observable.
import * as d3 from 'd3';
import type { Dataset, Group, Series } from '../../data/types.ts';
import { doseTimes } from '../../data/regimen.ts';
import { axes, doseMarks, frame, legend, paddedExtent } from './frame.ts';
import { colour } from './palette.ts';

export function observedMarks(g: d3.Selection<SVGGElement, undefined, null, undefined>, s: Series, x: d3.ScaleLinear<number, number>, y: d3.ScaleLinear<number, number>, c: string): void {
  s.times.forEach((t, i) => {
    const m = s.mean[i]!;
    const sd = s.sd[i];
    if (sd !== null && sd !== undefined && Number.isFinite(sd))
      g.append('line').attr('x1', x(t)).attr('x2', x(t)).attr('y1', y(m - sd)).attr('y2', y(m + sd)).attr('stroke', c).attr('stroke-width', 1.5);
    g.append('circle').attr('cx', x(t)).attr('cy', y(m)).attr('r', 3.5).attr('fill', c).attr('stroke', '#fff').attr('stroke-width', 0.8);
  });
}

/** When a group was dosed: its regimen's administrations, or t = 0 for a single stated dose. */
export function groupDoseTimes(g: Group): number[] {
  return g.regimen ? doseTimes(g.regimen) : g.covariates.dose !== undefined && g.covariates.dose > 0 ? [0] : [];
}

export function dataPlot(data: Dataset, observable: string): SVGSVGElement {
  const series = data.series.filter((s) => s.observable === observable);
  const unit = data.observables.find((o) => o.name === observable)?.unit;
  const f = frame(`Observed ${observable}: mean ± SD`);
  const times = series.flatMap((s) => s.times);
  const ys = series.flatMap((s) => s.times.flatMap((_, i) => [s.mean[i]! - (s.sd[i] ?? 0), s.mean[i]! + (s.sd[i] ?? 0)]));
  const x = d3.scaleLinear().domain(paddedExtent(times, true)).range([0, f.width]);
  const y = d3.scaleLinear().domain(paddedExtent(ys, true)).range([f.height, 0]);
  axes(f, x, y, `time${data.timeUnit ? ` (${data.timeUnit})` : ''}`, `${observable}${unit ? ` (${unit})` : ''}`);
  const doses = [...new Set(data.groups.filter((g) => series.some((s) => s.group === g.name)).flatMap(groupDoseTimes))].sort((a, b) => a - b);
  if (doses.length) doseMarks(f, x, doses);
  series.forEach((s, k) => {
    const c = colour(k);
    // (through the scales: a bare d3.line() drew the means in data units, as pixels)
    f.g.append('path').datum(s.times.map((t, i) => [x(t), y(s.mean[i]!)] as [number, number])).attr('d', d3.line()).attr('fill', 'none').attr('stroke', c).attr('stroke-opacity', 0.5).attr('class', 'mean-line');
    observedMarks(f.g, s, x, y, c);
  });
  if (series.length > 1) legend(f, series.map((s, k) => ({ label: s.group, colour: colour(k), kind: 'point' as const })));
  return f.node;
}
