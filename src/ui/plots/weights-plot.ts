// Posterior model probabilities as horizontal bars (with ± Monte-Carlo error when known).
import * as d3 from 'd3';
import type { RankedModel } from '../../discover/report.ts';
import { frame } from './frame.ts';
import { colour, INK, MUTED } from './palette.ts';

export function weightsPlot(models: RankedModel[]): SVGSVGElement {
  const shown = models.slice(0, 10);
  const f = frame('Model weights (posterior model probability)', { width: 520, height: 60 + 22 * shown.length, margin: { top: 30, right: 50, bottom: 26, left: 170 } });
  const x = d3.scaleLinear().domain([0, 1]).range([0, f.width]);
  const y = d3.scaleBand<string>().domain(shown.map((m) => `${m.rank}. ${m.name}`)).range([0, f.height]).padding(0.25);
  f.g.append('g').attr('transform', `translate(0,${f.height})`).call(d3.axisBottom(x).ticks(5, '.0%')).attr('color', MUTED);
  shown.forEach((m, i) => {
    const key = `${m.rank}. ${m.name}`;
    const top = y(key) ?? 0;
    f.g.append('text').attr('x', -6).attr('y', top + y.bandwidth() / 2 + 4).attr('text-anchor', 'end').attr('fill', INK).text(key.length > 26 ? key.slice(0, 25) + '…' : key);
    f.g.append('rect').attr('y', top).attr('height', y.bandwidth()).attr('width', Math.max(1, x(m.weight))).attr('fill', colour(i));
    if (m.weightSE !== undefined && m.weightSE > 0) {
      const cy = top + y.bandwidth() / 2;
      f.g.append('line').attr('x1', x(Math.max(0, m.weight - m.weightSE))).attr('x2', x(Math.min(1, m.weight + m.weightSE))).attr('y1', cy).attr('y2', cy).attr('stroke', INK);
    }
    const end = m.weightSE !== undefined && m.weightSE > 0 ? Math.min(1, m.weight + m.weightSE) : m.weight;
    f.g.append('text').attr('x', x(end) + 4).attr('y', top + y.bandwidth() / 2 + 4).attr('fill', INK).text(`${(m.weight * 100).toFixed(1)}%`);
  });
  return f.node;
}
