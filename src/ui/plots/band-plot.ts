// Posterior predictive band (5–95%, median) for the cohort mean or the cohort SD, against the
// observed values; times beyond the last visit are shaded as forecast.
import * as d3 from 'd3';
import type { Series } from '../../data/types.ts';
import type { Band } from '../../infer/report.ts';
import { axes, doseMarks, frame, legend, paddedExtent } from './frame.ts';
import { colour, MUTED } from './palette.ts';
import { observedMarks } from './data-plot.ts';

export function bandPlot(opts: {
  title: string;
  band: Band;
  observed?: Series;
  kind: 'mean' | 'sd';
  timeLabel: string;
  yLabel: string;
  colourIndex?: number;
  /** shade times beyond the last observation as forecast (default true) */
  forecast?: boolean;
  /** administration times, marked along the top */
  doseTimes?: readonly number[];
}): SVGSVGElement {
  const { band, observed, kind } = opts;
  const c = colour(opts.colourIndex ?? 0);
  const f = frame(opts.title);
  const obsT = observed?.times ?? [];
  const obsY: number[] =
    kind === 'mean'
      ? (observed?.times.flatMap((_, i) => [observed.mean[i]! - (observed.sd[i] ?? 0), observed.mean[i]! + (observed.sd[i] ?? 0)]) ?? [])
      : (observed?.sd.filter((v): v is number => v !== null) ?? []);
  const x = d3.scaleLinear().domain(paddedExtent([...band.times, ...obsT], true)).range([0, f.width]);
  const y = d3.scaleLinear().domain(paddedExtent([...band.q05, ...band.q95, ...obsY], true)).range([f.height, 0]);
  const lastVisit = obsT.length ? Math.max(...obsT) : Infinity;
  const tMax = Math.max(...band.times);
  if (opts.forecast !== false && tMax > lastVisit) {
    f.g.append('rect').attr('x', x(lastVisit)).attr('width', x(tMax) - x(lastVisit)).attr('height', f.height).attr('fill', '#f1f1f1');
    f.g.append('text').attr('x', x(lastVisit) + 4).attr('y', f.height - 6).attr('fill', MUTED).text('forecast');
  }
  axes(f, x, y, opts.timeLabel, opts.yLabel);
  if (opts.doseTimes?.length) doseMarks(f, x, opts.doseTimes);
  const pts = band.times.map((t, i) => ({ t, lo: band.q05[i]!, hi: band.q95[i]!, m: band.median[i]! })).filter((p) => Number.isFinite(p.lo) && Number.isFinite(p.hi));
  f.g
    .append('path')
    .datum(pts)
    .attr('d', d3.area<(typeof pts)[number]>().x((p) => x(p.t)).y0((p) => y(p.lo)).y1((p) => y(p.hi)))
    .attr('fill', c)
    .attr('opacity', 0.25)
    .attr('class', 'band');
  f.g
    .append('path')
    .datum(pts)
    .attr('d', d3.line<(typeof pts)[number]>().x((p) => x(p.t)).y((p) => y(p.m)))
    .attr('fill', 'none')
    .attr('stroke', c)
    .attr('stroke-width', 2);
  const ink = '#000000';
  if (observed) {
    if (kind === 'mean') observedMarks(f.g, observed, x, y, ink);
    else
      observed.times.forEach((t, i) => {
        const sd = observed.sd[i];
        if (sd !== null && sd !== undefined) f.g.append('rect').attr('x', x(t) - 3).attr('y', y(sd) - 3).attr('width', 6).attr('height', 6).attr('fill', ink);
      });
  }
  legend(f, [
    { label: kind === 'mean' ? 'observed mean ± SD' : 'observed SD', colour: ink, kind: 'point' },
    { label: 'predicted median', colour: c, kind: 'line' },
    { label: '5–95% band', colour: c, kind: 'band' },
  ]);
  return f.node;
}
