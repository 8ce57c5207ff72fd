// Standardized residuals of the cohort mean and SD per visit time, with ±2 guide lines.
import * as d3 from 'd3';
import type { ResidualRow } from '../../infer/report.ts';
import { axes, frame, legend, paddedExtent } from './frame.ts';
import { colour, MUTED } from './palette.ts';

export function residualPlot(rows: ResidualRow[], title: string, timeLabel: string): SVGSVGElement {
  const f = frame(title);
  const zs = rows.flatMap((r) => [r.meanZ, r.sdZ ?? 0]);
  const x = d3.scaleLinear().domain(paddedExtent(rows.map((r) => r.time), true)).range([0, f.width]);
  const lim = Math.max(3, ...zs.filter(Number.isFinite).map(Math.abs)) * 1.05;
  const y = d3.scaleLinear().domain([-lim, lim]).range([f.height, 0]);
  axes(f, x, y, timeLabel, 'standardized residual');
  for (const v of [-2, 0, 2])
    f.g.append('line').attr('x1', 0).attr('x2', f.width).attr('y1', y(v)).attr('y2', y(v)).attr('stroke', MUTED).attr('stroke-dasharray', v === 0 ? '' : '4 3');
  for (const r of rows) {
    if (Number.isFinite(r.meanZ)) f.g.append('circle').attr('cx', x(r.time) - 2).attr('cy', y(r.meanZ)).attr('r', 3.5).attr('fill', colour(0));
    if (r.sdZ !== null && Number.isFinite(r.sdZ)) f.g.append('rect').attr('x', x(r.time) + 1).attr('y', y(r.sdZ) - 3).attr('width', 6).attr('height', 6).attr('fill', colour(5));
  }
  legend(f, [
    { label: 'mean', colour: colour(0), kind: 'point' },
    { label: 'SD', colour: colour(5), kind: 'point' },
  ]);
  return f.node;
}
