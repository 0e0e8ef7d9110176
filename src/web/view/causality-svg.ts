// Which write saw which, drawn as SVG: one box a write (which write, on which node, and its
// value), in rows by how many writes came before it, and an arrow from each write a client had
// seen into the write it made. Concurrent writes sit side by side under what they both saw; the
// write that resolved them sits under both. A table or a list in words beside it says the same.
import type { CausalGraph, CausalWrite } from '../../story/causal-graph.js';
import { textWidth } from '../../text-measure.js';
import { html, svgSize, type Html } from './html.js';
// Text and boxes are measured as the tree diff's; the figure scales down on a phone.
import { ADVANCE, BASELINE, BOX_H, FONT, INSET_X, INSET_Y, LINE } from './svg-text.js';

/** Between rows: room for the arrows. */
const GAP_Y = 36;
/** Between boxes of a row, and around the drawing. */
const GUTTER = 20;
const PAD = 8;
/** An arrowhead: its length and half its width. */
const HEAD = 9;
const HALF = 5;
/** A value longer than this is cut in the box (the words or the table beside it say it whole). */
const MAX_CHARS = 28;

interface Box {
  w: CausalWrite;
  x: number;
  y: number;
}

/** The graph as an SVG image named `label` (its accessible name). */
export function causalitySvg(graph: CausalGraph, label: string): Html {
  const rows = layers(graph);
  const lines = graph.writes.flatMap((w) => [w.title, cut(w.detail)]);
  const boxW = Math.ceil(Math.max(...lines.map((t) => textWidth(t, FONT, ADVANCE))) + 2 * INSET_X);
  const widest = Math.max(1, ...rows.map((r) => r.length));
  const width = widest * boxW + (widest - 1) * GUTTER + 2 * PAD;
  const height = rows.length * BOX_H + (rows.length - 1) * GAP_Y + 2 * PAD;
  const boxes = new Map<string, Box>();
  rows.forEach((row, depth) => {
    const span = row.length * boxW + (row.length - 1) * GUTTER;
    const left = (width - span) / 2;
    row.forEach((w, i) => {
      boxes.set(w.id, { w, x: left + i * (boxW + GUTTER), y: PAD + depth * (BOX_H + GAP_Y) });
    });
  });
  const arrows = graph.writes.flatMap((w) =>
    w.saw.flatMap((id) => {
      const from = boxes.get(id);
      const to = boxes.get(w.id);
      return from && to ? [arrow(from, to, boxW)] : [];
    }),
  );
  const drawn = [...boxes.values()].map((b) => box(b, boxW));
  const size = svgSize(width, height);
  return html`<svg class="causal" ${size} font-size="${FONT}" role="img" aria-label="${label}">${arrows}${drawn}</svg>`;
}

/** The writes in rows: a write one row below the deepest write it saw (none: the top row). */
function layers(graph: CausalGraph): CausalWrite[][] {
  const byId = new Map(graph.writes.map((w) => [w.id, w]));
  const depth = new Map<string, number>();
  const depthOf = (w: CausalWrite, seen: Set<string>): number => {
    const known = depth.get(w.id);
    if (known !== undefined) return known;
    seen.add(w.id);
    const before = w.saw.map((id) => byId.get(id)).filter((x) => x && !seen.has(x.id));
    const d = before.length === 0 ? 0 : 1 + Math.max(...before.map((x) => depthOf(x!, seen)));
    depth.set(w.id, d);
    return d;
  };
  const rows: CausalWrite[][] = [];
  for (const w of graph.writes) (rows[depthOf(w, new Set())] ??= []).push(w);
  return rows.filter((r) => r !== undefined);
}

function cut(text: string): string {
  return text.length <= MAX_CHARS ? text : `${text.slice(0, MAX_CHARS - 1)}…`;
}

function box(b: Box, boxW: number): Html {
  const mid = b.x + boxW / 2;
  const first = b.y + INSET_Y + BASELINE;
  const cls = b.w.standing ? 'write standing' : 'write';
  const title = html`<title>${b.w.title}: ${b.w.detail}</title>`;
  const rect = html`<rect x="${b.x}" y="${b.y}" width="${boxW}" height="${BOX_H}" rx="6"/>`;
  const name = html`<text class="title" x="${mid}" y="${first}" text-anchor="middle">${b.w.title}</text>`;
  const value = html`<text x="${mid}" y="${first + LINE}" text-anchor="middle">${cut(b.w.detail)}</text>`;
  return html`<g class="${cls}">${title}${rect}${name}${value}</g>`;
}

/** From the bottom of what was seen to the top of the write, ending in a head. */
function arrow(from: Box, to: Box, boxW: number): Html {
  const [x1, y1] = [from.x + boxW / 2, from.y + BOX_H];
  const [x2, y2] = [to.x + boxW / 2, to.y];
  const len = Math.hypot(x2 - x1, y2 - y1) || 1;
  const [ux, uy] = [(x2 - x1) / len, (y2 - y1) / len];
  const [bx, by] = [x2 - ux * HEAD, y2 - uy * HEAD];
  const head = [
    [x2, y2],
    [bx - uy * HALF, by + ux * HALF],
    [bx + uy * HALF, by - ux * HALF],
  ]
    .map(([x, y]) => `${round(x!)},${round(y!)}`)
    .join(' ');
  const line = html`<line x1="${round(x1)}" y1="${y1}" x2="${round(bx)}" y2="${round(by)}"/>`;
  return html`<g class="saw">${line}<polygon points="${head}"/></g>`;
}

const round = (n: number): number => Math.round(n * 10) / 10;

// prettier-ignore
export const CAUSALITY_CSS = `
.causal-figure { margin: .4rem 0; max-width: 100%; }
.causal-figure figcaption { font-weight: 600; }
.causal { max-width: 100%; height: auto; display: block; }
.causal text { fill: var(--fg); font-size: 1em; }
.causal .title { font-weight: 700; }
.causal .write rect { fill: var(--panel); stroke: var(--dim); stroke-width: 1.5; stroke-dasharray: 4 3; }
.causal .write.standing rect { stroke: var(--accent); stroke-width: 2; stroke-dasharray: none; }
.causal .saw line { stroke: var(--dim); stroke-width: 1.5; }
.causal .saw polygon { fill: var(--dim); }
`;
