// The legend of a plot (pure): one entry per series, a sample of its line and marker and its
// name, laid out left to right and wrapped into rows that fit the plot's width.
import { html, type Html } from '../../web/view/html.js';
import {
  PLOT_FONT_PX as F,
  PLOT_GAP_PX as GAP,
  PLOT_LEGEND_ROW_PX as ROW,
  PLOT_LEGEND_SWATCH_PX as SWATCH,
} from './constants.js';
import { textWidth } from './text.js';
import { marker } from './marker.js';
import type { PlotSeries } from './spec.js';

export interface LegendLayout {
  entries: { name: string; x: number; row: number }[];
  height: number;
}

/** Where each entry goes: rows no wider than `width`. */
export function legendLayout(series: readonly PlotSeries[], width: number): LegendLayout {
  const entries: LegendLayout['entries'] = [];
  let x = 0;
  let row = 0;
  for (const s of series) {
    const w = SWATCH + GAP + textWidth(s.name) + 2 * GAP;
    if (x > 0 && x + w > width) {
      row += 1;
      x = 0;
    }
    entries.push({ name: s.name, x, row });
    x += w;
  }
  return { entries, height: entries.length === 0 ? 0 : (row + 1) * ROW };
}

/** The legend at (left, top); styles[i] is the style of series i (-1: a reference line). */
export function legendSvg(
  layout: LegendLayout,
  styles: readonly number[],
  left: number,
  top: number,
): Html {
  const items = layout.entries.map((e, i) => {
    const style = styles[i]!;
    const x0 = left + e.x;
    const mid = top + e.row * ROW + ROW / 2;
    const cls = style < 0 ? 'series ref' : `series s${style}`;
    const swatch = html`<path class="line" d="M${x0} ${mid}H${x0 + SWATCH}"/>`;
    const mark = style < 0 ? '' : marker(style, x0 + SWATCH / 2, mid);
    const y = Math.round((mid + F * 0.35) * 10) / 10;
    const label = html`<text class="legend-label" x="${x0 + SWATCH + GAP}" y="${y}">${e.name}</text>`;
    return html`<g class="${cls}">${swatch}${mark}${label}</g>`;
  });
  return html`<g class="legend">${items}</g>`;
}
