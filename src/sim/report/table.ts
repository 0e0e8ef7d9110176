// The data table beside a plot (pure): the very numbers the plot draws, a row per x value and a
// column per series, so a screen reader (or a person who wants the figures) has them all.
import { html, type Html } from '../../web/view/html.js';
import { scrollRegion } from '../../web/view/scroll-region.js';
import { REPORT_TABLE_MAX_ROWS } from './constants.js';
import type { PlotSpec } from './spec.js';

/** Tables longer than this start folded (a <details> the reader opens). */
export const OPEN_TABLE_MAX_ROWS = 12;

/** Rows of the table: every distinct x, at most REPORT_TABLE_MAX_ROWS evenly spread (the last kept). */
export function tableRows(spec: PlotSpec): { x: number; ys: (number | undefined)[] }[] {
  const xs = [...new Set(spec.series.flatMap((s) => s.points.map((p) => p.x)))].sort(
    (a, b) => a - b,
  );
  const step = Math.max(1, Math.ceil(xs.length / REPORT_TABLE_MAX_ROWS));
  const shown = xs.filter((_, i) => i % step === 0 || i === xs.length - 1);
  const lookup = spec.series.map((s) => new Map(s.points.map((p) => [p.x, p.y])));
  return shown.map((x) => ({ x, ys: lookup.map((m) => m.get(x)) }));
}

export function plotTable(spec: PlotSpec): Html {
  const rows = tableRows(spec);
  const all = new Set(spec.series.flatMap((s) => s.points.map((p) => p.x))).size;
  const note = rows.length < all ? ` (${rows.length} of ${all} rows, evenly spread)` : '';
  const caption = `${spec.title}: the data${note}`;
  // A table wider than a phone scrolls inside its box, which a keyboard must be able to reach.
  const heads = spec.series.map((s) => html`<th scope="col">${s.name}</th>`);
  const body = rows.map((row) => {
    const cells = row.ys.map((y) => html`<td>${y === undefined ? '—' : spec.y.format(y)}</td>`);
    return html`<tr><th scope="row">${spec.x.format(row.x)}</th>${cells}</tr>`;
  });
  const table = scrollRegion(
    caption,
    html`<table class="plot-data"><caption>${caption}</caption>
<thead><tr><th scope="col">${spec.x.label}</th>${heads}</tr></thead>
<tbody>${body}</tbody></table>`,
  );
  if (rows.length <= OPEN_TABLE_MAX_ROWS) return table;
  return html`<details class="plot-details"><summary>The data (${rows.length} rows)</summary>${table}</details>`;
}
