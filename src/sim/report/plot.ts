// A line plot as SVG, drawn by a pure function from data: a title, axes with labels and ticks,
// grid lines, one line (with markers when it has few points) per series, reference lines
// dashed, and a legend. Text is laid out at the page's body size for the width asked for, and
// the SVG is 1:1 at that width, so the report draws a wide and a narrow one (see PLOT_SIZES).
import { html, type Html } from '../../web/view/html.js';
import {
  PLOT_FONT_PX as F,
  PLOT_GAP_PX as GAP,
  PLOT_MAX_DRAWN_POINTS,
  PLOT_MAX_MARKED_POINTS,
  PLOT_TICK_PX as TICK,
} from './constants.js';
import { legendSvg, legendLayout } from './legend.js';
import { marker } from './marker.js';
import { extent, linearScale, log2Scale, type Scale } from './scale.js';
import { textWidth, wrap } from './text.js';
import type { PlotSeries, PlotSize, PlotSpec } from './spec.js';

const SVG_NS = 'http://www.w3.org/2000/svg';

/** The number of distinct series styles (colour, dash and marker) before they repeat. */
export const SERIES_STYLES = 6;

/** The plot as an <svg role="img"> titled and described for assistive technology. */
export function plotSvg(spec: PlotSpec, size: PlotSize, id: string): Html {
  const W = size.width;
  const points = spec.series.flatMap((s) => s.points);
  const [xMin, xMax] = extent(points.map((p) => p.x));
  const [yMin, yMax] = extent(points.map((p) => p.y));
  const titleLines = wrap(spec.title, W - 2 * GAP);
  const yLabelLines = wrap(spec.y.label, W - 2 * GAP);
  const xLabelLines = wrap(spec.x.label, W - 2 * GAP);
  const legend = legendLayout(spec.series, W - 2 * GAP);
  const line = F * 1.3;
  const top = GAP + (titleLines.length + yLabelLines.length) * line + F / 2;
  const bottom = TICK + GAP + F + GAP + xLabelLines.length * line + legend.height + GAP;
  const H = Math.round(top + size.plotHeight + bottom);
  // The y tick labels decide the left margin; the x axis's last label decides the right one.
  const yRange = [H - bottom, top] as const;
  const y = spec.y.log2
    ? log2Scale(yMin, yMax, yRange, size.ticks)
    : linearScale(Math.min(0, yMin), Math.max(0, yMax), yRange, size.ticks);
  const left = GAP + Math.max(...y.ticks.map((t) => textWidth(spec.y.format(t)))) + TICK + GAP;
  const xFirst = spec.x.log2 ? log2Scale : linearScale;
  const probe = xFirst(xMin, xMax, [left, W - GAP], size.ticks);
  const lastLabel = textWidth(spec.x.format(probe.ticks.at(-1)!));
  const right = GAP + lastLabel / 2;
  const x = xFirst(xMin, xMax, [left, W - right], size.ticks);

  let dataIndex = 0;
  const styles = spec.series.map((s) => (s.reference ? -1 : dataIndex++ % SERIES_STYLES));
  const text = (lines: string[], x0: number, y0: number, cls: string, anchor = 'start') =>
    lines.map((l, i) => svgText(cls, x0, y0 + i * line, anchor, l));
  const baseline = GAP + F;
  const box = html`viewBox="0 0 ${W} ${H}" width="${W}" height="${H}"`;
  return html`<svg xmlns="${SVG_NS}" class="plot" ${box} role="img" aria-labelledby="${id}-title ${id}-desc">
<title id="${id}-title">${spec.title}</title><desc id="${id}-desc">${spec.desc}</desc>
<rect class="plot-bg" x="0" y="0" width="${W}" height="${H}" rx="6"/>
${text(titleLines, GAP, baseline, 'plot-title')}
${text(yLabelLines, GAP, baseline + titleLines.length * line, 'axis-label')}
${axes(spec, x, y, H - bottom, left)}
${spec.series.map((s, i) => seriesSvg(s, styles[i]!, x, y))}
${text(xLabelLines, (left + W - right) / 2, H - bottom + TICK + GAP + F + GAP + F, 'axis-label', 'middle')}
${legendSvg(legend, styles, GAP, H - GAP - legend.height)}
</svg>`;
}

function axes(spec: PlotSpec, x: Scale, y: Scale, floor: number, left: number): Html {
  const right = x(x.domain[1]);
  const yTicks = y.ticks.map((t) => [
    segment('grid', left, right, y(t), y(t)),
    segment('tick', left - TICK, left, y(t), y(t)),
    svgText('tick-label', left - TICK - GAP / 2, y(t) + F * 0.35, 'end', spec.y.format(t)),
  ]);
  const xTicks = x.ticks.map((t) => [
    segment('tick', x(t), x(t), floor, floor + TICK),
    svgText('tick-label', x(t), floor + TICK + F, 'middle', spec.x.format(t)),
  ]);
  const xAxis = segment('axis', left, right, floor, floor);
  const yAxis = segment('axis', left, left, floor, y(y.domain[1]));
  return html`<g class="axes">${yTicks}${xTicks}${xAxis}${yAxis}</g>`;
}

/** A line from (x1, y1) to (x2, y2). */
function segment(cls: string, x1: number, x2: number, y1: number, y2: number): Html {
  return html`<line class="${cls}" x1="${r(x1)}" x2="${r(x2)}" y1="${r(y1)}" y2="${r(y2)}"/>`;
}

/** Text anchored at (x, y). */
function svgText(cls: string, x: number, y: number, anchor: string, content: string): Html {
  return html`<text class="${cls}" x="${r(x)}" y="${r(y)}" text-anchor="${anchor}">${content}</text>`;
}

function seriesSvg(s: PlotSeries, style: number, x: Scale, y: Scale): Html {
  if (s.points.length === 0) return html``;
  const step = Math.ceil(s.points.length / PLOT_MAX_DRAWN_POINTS);
  const drawn = s.points.filter((_, i) => i % step === 0 || i === s.points.length - 1);
  const d = drawn.map((p, i) => `${i === 0 ? 'M' : 'L'}${r(x(p.x))} ${r(y(p.y))}`).join('');
  const cls = style < 0 ? 'series ref' : `series s${style}`;
  const marked = style >= 0 && s.points.length <= PLOT_MAX_MARKED_POINTS;
  const markers = marked ? s.points.map((p) => marker(style, x(p.x), y(p.y))) : [];
  return html`<g class="${cls}"><path class="line" d="${d}"/>${markers}</g>`;
}

/** Coordinates to a tenth of a pixel: shorter files, the same picture. */
function r(v: number): number {
  return Math.round(v * 10) / 10;
}
