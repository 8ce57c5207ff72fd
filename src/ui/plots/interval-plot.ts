// Posterior intervals (5–95%, median) on a log axis: parameters, or BSV as CV%.
import * as d3 from 'd3';
import type { Quantiles } from '../../infer/report.ts';
import { frame } from './frame.ts';
import { colour, INK, MUTED } from './palette.ts';

export function intervalPlot(title: string, entries: [string, Quantiles][], valueLabel: string, colourIndex = 0): SVGSVGElement {
  const rowH = 22;
  const f = frame(title, { width: 520, height: Math.max(90, 60 + rowH * entries.length), margin: { top: 30, right: 20, bottom: 32, left: 90 } });
  const vals = entries.flatMap(([, q]) => [q.q05, q.q95, q.median]).filter((v) => Number.isFinite(v) && v > 0);
  const lo = vals.length ? Math.min(...vals) : 0.1;
  const hi = vals.length ? Math.max(...vals) : 10;
  const x = d3.scaleLog().domain([lo / 1.3, hi * 1.3]).range([0, f.width]).clamp(true);
  const y = d3.scaleBand<string>().domain(entries.map(([k]) => k)).range([0, f.height]).padding(0.3);
  f.g.append('g').attr('transform', `translate(0,${f.height})`).call(d3.axisBottom(x).ticks(5, '~g')).attr('color', MUTED);
  f.g.append('text').attr('x', f.width / 2).attr('y', f.height + 28).attr('text-anchor', 'middle').attr('fill', INK).text(valueLabel);
  const c = colour(colourIndex);
  for (const [k, q] of entries) {
    const cy = (y(k) ?? 0) + y.bandwidth() / 2;
    f.g.append('text').attr('x', -8).attr('y', cy + 4).attr('text-anchor', 'end').attr('fill', INK).text(k);
    if (q.q05 > 0 && q.q95 > 0) f.g.append('line').attr('x1', x(q.q05)).attr('x2', x(q.q95)).attr('y1', cy).attr('y2', cy).attr('stroke', c).attr('stroke-width', 3);
    if (q.median > 0) f.g.append('circle').attr('cx', x(q.median)).attr('cy', cy).attr('r', 4.5).attr('fill', '#fff').attr('stroke', c).attr('stroke-width', 2);
  }
  return f.node;
}
