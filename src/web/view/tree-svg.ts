// Where two nodes' Merkle trees differ, drawn as SVG: the root, the differing branches the walk
// descended into (equal ones skipped), and the keys that differ at the bottom, with each side's
// version. The same DiffNode the terminal draws as text. Every text is the body text's size, and
// every box, slot and the viewBox follow from that size and the longest label, so text fits.
import type { DiffNode, KeyDifference } from '../../cluster/tree-diff.js';
import { entriesVs, shortHash, treePath, versionTime } from '../../format.js';
import { textWidth } from '../../text-measure.js';
import { html, svgSize, type Html } from './html.js';
import { shownKey } from './shown-key.js';
import { ADVANCE, BASELINE, BOX_H, FONT, INSET_X, INSET_Y, LINE } from './svg-text.js';

// A box holds two lines (svg-text.ts): what it is, and the two digests.
/** Between a box's note line and the boxes of the next level: room for the edge. */
const EDGE = 22;
/** One level: a box, the line under it (equal children skipped), the edge down. */
const ROW = BOX_H + LINE + EDGE;
/** One differing key: its name and each side's version, three lines. */
const KEY_H = 3 * LINE + 10;
/** Between neighbouring slots, and around the drawing. */
const GUTTER = 24;
const PAD = 12;

interface Placed {
  node: DiffNode | null;
  /** For the "+N more" stand-in. */
  hidden: number;
  x: number;
  depth: number;
  children: Placed[];
}

/** What every box and line says, computed once so the sizes can follow the longest. */
interface Labels {
  box: string[];
  below: string[];
}

export function treeDiffSvg(a: string, b: string, diff: DiffNode): Html {
  let next = 0;
  let deepest = 0;
  let mostKeys = 0;
  const labels: Labels = { box: [], below: [] };
  const place = (node: DiffNode, depth: number): Placed => {
    deepest = Math.max(deepest, depth);
    mostKeys = Math.max(mostKeys, node.keys.length);
    labels.box.push(kindLine(node), hashLine(node));
    if (node.equalChildren > 0) labels.below.push(skippedLine(node));
    for (const k of node.keys)
      labels.below.push(shownKey(k.key), keySide(a, k.a), keySide(b, k.b, '≠ '));
    const children = node.children.map((c) => place(c, depth + 1));
    if (node.hiddenChildren > 0) {
      labels.box.push(moreLine(node.hiddenChildren));
      children.push({
        node: null,
        hidden: node.hiddenChildren,
        x: next,
        depth: depth + 1,
        children: [],
      });
      next++;
      deepest = Math.max(deepest, depth + 1);
    }
    const x =
      children.length === 0 ? next++ : (children[0]!.x + children[children.length - 1]!.x) / 2;
    return { node, hidden: 0, x, depth, children };
  };
  const root = place(diff, 0);
  const boxW = Math.ceil(Math.max(...labels.box.map(widthOf)) + 2 * INSET_X);
  const slot = Math.ceil(Math.max(boxW, ...labels.below.map(widthOf)) + GUTTER);
  const g: Geometry = { slot, boxW };
  const width = Math.max(1, next) * slot + 2 * PAD;
  const height = (deepest + 1) * ROW + mostKeys * KEY_H + 2 * PAD;
  const shapes: Html[] = [];
  const draw = (p: Placed) => {
    for (const c of p.children) {
      shapes.push(
        html`<line class="edge" x1="${cx(g, p)}" y1="${edgeStart(p)}" x2="${cx(g, c)}" y2="${top(c)}"/>`,
      );
      draw(c);
    }
    shapes.push(box(g, p, a, b));
  };
  draw(root);
  const label = `Merkle tree path from the root to the keys that differ between ${a} and ${b}`;
  const size = svgSize(width, height);
  const svg = html`<svg class="tree" ${size} font-size="${FONT}" role="img" aria-label="${label}">${shapes}</svg>`;
  return html`<figure class="tree-diff" data-key-content><figcaption>${a} vs ${b}</figcaption>${svg}</figure>`;
}

/** How wide the text may be drawn, on the safe side. */
const widthOf = (text: string): number => textWidth(text, FONT, ADVANCE);

interface Geometry {
  slot: number;
  boxW: number;
}

function cx(g: Geometry, p: Placed): number {
  return PAD + p.x * g.slot + g.slot / 2;
}

function top(p: Placed): number {
  return PAD + p.depth * ROW;
}

/** An edge leaves a box at its bottom, or under its note line so it does not cross the text. */
function edgeStart(p: Placed): number {
  return top(p) + BOX_H + (p.node && p.node.equalChildren > 0 ? LINE : 0);
}

function kindLine(n: DiffNode): string {
  const kind =
    n.level === 0
      ? 'root'
      : n.keys.length > 0 || n.children.length === 0
        ? `leaf ${treePath(n.level, n.index)}`
        : `branch ${treePath(n.level, n.index)}`;
  return `${kind} · ${entriesVs(n.counts[0], n.counts[1])}`;
}

function hashLine(n: DiffNode): string {
  return `${shortHash(n.digests[0])} ≠ ${shortHash(n.digests[1])}`;
}

function skippedLine(n: DiffNode): string {
  return `${n.equalChildren} of 16 equal: not visited`;
}

function moreLine(hidden: number): string {
  return `+${hidden} more differing branches`;
}

function box(g: Geometry, p: Placed, a: string, b: string): Html {
  const x = cx(g, p) - g.boxW / 2;
  const y = top(p);
  const mid = cx(g, p);
  const rect = html`<rect x="${x}" y="${y}" width="${g.boxW}" height="${BOX_H}" rx="6"/>`;
  if (!p.node) {
    return html`<g class="more">${rect}${centred(mid, y + BOX_H / 2 + FONT / 3, moreLine(p.hidden))}</g>`;
  }
  const n = p.node;
  const line1 = y + INSET_Y + BASELINE;
  const skipped =
    n.equalChildren > 0 ? centred(mid, y + BOX_H + BASELINE, skippedLine(n), 'note') : '';
  const keys = n.keys.map((k, i) => keyText(k, mid, y + BOX_H + LINE + 8 + i * KEY_H, a, b));
  const kind = centred(mid, line1, kindLine(n), 'kind');
  const hash = centred(mid, line1 + LINE, hashLine(n), 'hash');
  return html`<g class="tnode">${rect}${kind}${hash}</g>${skipped}${keys}`;
}

/** A differing key from `y` down: its name, then each side's version. */
function keyText(k: KeyDifference, x: number, y: number, a: string, b: string): Html {
  const base = y + BASELINE;
  const name = centred(x, base, shownKey(k.key), 'name');
  const sideA = centred(x, base + LINE, keySide(a, k.a), 'sides');
  const sideB = centred(x, base + 2 * LINE, keySide(b, k.b, '≠ '), 'sides');
  return html`<g class="key"><title>${k.key}</title>${name}${sideA}${sideB}</g>`;
}

/** A line of text centred on `x`, its baseline at `y`; `kind`, its class, says how it looks. */
function centred(x: number, y: number, text: string, kind?: string): Html {
  const cls = kind ? html` class="${kind}"` : '';
  return html`<text${cls} x="${x}" y="${y}" text-anchor="middle">${text}</text>`;
}

function keySide(node: string, state: KeyDifference['a'], prefix = ''): string {
  if (!state) return `${prefix}${node}: none`;
  return `${prefix}${node}: ${versionTime(state.version)}${state.deleted ? ' (deleted)' : ''}`;
}
