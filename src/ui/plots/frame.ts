// A plot frame: a detached <svg> with margins, axes and a title, built with d3. Each plot
// function composes a frame with its marks; the same SVG serves the page, the exports and the
// report.
import * as d3 from 'd3';
import { INK, MUTED } from './palette.ts';

export interface Frame {
  svg: d3.Selection<SVGSVGElement, undefined, null, undefined>;
  g: d3.Selection<SVGGElement, undefined, null, undefined>;
  width: number;
  height: number;
  node: SVGSVGElement;
}

export const SIZE = { width: 520, height: 260, margin: { top: 30, right: 16, bottom: 40, left: 56 } };

export function frame(title: string, size = SIZE): Frame {
  const { width: W, height: H, margin: m } = size;
  const svg = d3
    .create('svg')
    .attr('xmlns', 'http://www.w3.org/2000/svg')
    .attr('viewBox', `0 0 ${W} ${H}`)
    .attr('width', W)
    .attr('height', H)
    .attr('role', 'img')
    .attr('aria-label', title)
    .attr('font-family', 'system-ui, sans-serif')
    .attr('font-size', 11);
  svg.append('rect').attr('width', W).attr('height', H).attr('fill', '#ffffff');
  svg.append('title').text(title);
  svg.append('text').attr('x', m.left).attr('y', 16).attr('font-size', 12).attr('font-weight', 600).attr('fill', INK).text(title);
  const g = svg.append('g').attr('transform', `translate(${m.left},${m.top})`);
  return { svg, g, width: W - m.left - m.right, height: H - m.top - m.bottom, node: svg.node()! };
}

export function axes(f: Frame, x: d3.AxisScale<number>, y: d3.AxisScale<number>, xLabel: string, yLabel: string): void {
  f.g.append('g').attr('transform', `translate(0,${f.height})`).call(d3.axisBottom(x).ticks(6)).attr('color', MUTED);
  f.g.append('g').call(d3.axisLeft(y).ticks(5)).attr('color', MUTED);
  f.g.append('text').attr('x', f.width / 2).attr('y', f.height + 32).attr('text-anchor', 'middle').attr('fill', INK).text(xLabel);
  f.g
    .append('text')
    .attr('transform', `translate(-42,${f.height / 2}) rotate(-90)`)
    .attr('text-anchor', 'middle')
    .attr('fill', INK)
    .text(yLabel);
}

export function legend(f: Frame, items: { label: string; colour: string; kind: 'line' | 'band' | 'point' }[]): void {
  const lg = f.g.append('g').attr('transform', `translate(${f.width - 150},0)`);
  items.forEach((it, i) => {
    const row = lg.append('g').attr('transform', `translate(0,${i * 14})`);
    if (it.kind === 'band') row.append('rect').attr('width', 14).attr('height', 8).attr('y', -6).attr('fill', it.colour).attr('opacity', 0.3);
    else if (it.kind === 'line') row.append('line').attr('x2', 14).attr('y1', -2).attr('y2', -2).attr('stroke', it.colour).attr('stroke-width', 2);
    else row.append('circle').attr('cx', 7).attr('cy', -2).attr('r', 3).attr('fill', it.colour);
    row.append('text').attr('x', 18).attr('y', 2).attr('fill', INK).text(it.label);
  });
}

/** finite extent with padding; a flat or empty range still gives a usable axis */
export function paddedExtent(values: number[], includeZero = false): [number, number] {
  const v = values.filter(Number.isFinite);
  let lo = v.length ? Math.min(...v) : 0;
  let hi = v.length ? Math.max(...v) : 1;
  if (includeZero) lo = Math.min(lo, 0);
  if (hi === lo) {
    hi += Math.abs(hi) * 0.1 || 1;
    lo -= Math.abs(lo) * 0.1 || 0;
  }
  const pad = (hi - lo) * 0.05;
  return [includeZero && lo >= 0 ? lo : lo - pad, hi + pad];
}

/** Dose times as small triangles along the top of the plot area (class `dose-mark`, titled "dose at t = …"). */
export function doseMarks(f: Frame, x: d3.ScaleLinear<number, number>, times: readonly number[]): void {
  const [lo, hi] = x.domain() as [number, number];
  const g = f.g.append('g').attr('class', 'dose-marks').attr('aria-label', `doses at t = ${times.join(', ')}`);
  for (const t of times) {
    if (t < lo || t > hi) continue;
    const px = x(t);
    g.append('path').attr('class', 'dose-mark').attr('d', `M${px - 4},0 L${px + 4},0 L${px},7 Z`).attr('fill', MUTED).append('title').text(`dose at t = ${t}`);
  }
}
