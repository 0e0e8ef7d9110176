// Where two nodes' Merkle trees differ, drawn as SVG: the root, the differing branches the walk
// descended into (equal ones skipped), and the keys that differ at the bottom, with each side's
// version. The same DiffNode the terminal draws as text.
import type { DiffNode, KeyDifference } from '../../cluster/tree-diff.js';
import { shortHash, treePath, versionTime } from '../../format.js';
import { html, type Html } from './html.js';

const SLOT = 290;
const BOX_W = 240;
const BOX_H = 46;
const ROW = 96;
const KEY_H = 56;
const PAD = 12;

interface Placed {
  node: DiffNode | null;
  /** For the "+N more" stand-in. */
  hidden: number;
  x: number;
  depth: number;
  children: Placed[];
}

export function treeDiffSvg(a: string, b: string, diff: DiffNode): Html {
  let next = 0;
  let deepest = 0;
  let mostKeys = 0;
  const place = (node: DiffNode, depth: number): Placed => {
    deepest = Math.max(deepest, depth);
    mostKeys = Math.max(mostKeys, node.keys.length);
    const children = node.children.map((c) => place(c, depth + 1));
    if (node.hiddenChildren > 0) {
      children.push({
        node: null,
        hidden: node.hiddenChildren,
        x: next++ * SLOT,
        depth: depth + 1,
        children: [],
      });
      deepest = Math.max(deepest, depth + 1);
    }
    const x =
      children.length === 0
        ? next++ * SLOT
        : (children[0]!.x + children[children.length - 1]!.x) / 2;
    return { node, hidden: 0, x, depth, children };
  };
  const root = place(diff, 0);
  const width = Math.max(1, next) * SLOT + 2 * PAD;
  const height = (deepest + 1) * ROW + mostKeys * KEY_H + 2 * PAD;
  const shapes: Html[] = [];
  const draw = (p: Placed) => {
    for (const c of p.children) {
      shapes.push(
        html`<line class="edge" x1="${cx(p)}" y1="${top(p) + BOX_H}" x2="${cx(c)}" y2="${top(c)}"/>`,
      );
      draw(c);
    }
    shapes.push(box(p, a, b));
  };
  draw(root);
  return html`<figure class="tree-diff"><figcaption>${a} vs ${b}: where the trees differ</figcaption><svg class="tree" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="Merkle tree path from the root to the keys that differ between ${a} and ${b}">${shapes}</svg></figure>`;
}

function cx(p: Placed): number {
  return PAD + p.x + SLOT / 2;
}

function top(p: Placed): number {
  return PAD + p.depth * ROW;
}

function box(p: Placed, a: string, b: string): Html {
  const x = cx(p) - BOX_W / 2;
  const y = top(p);
  if (!p.node) {
    return html`<g class="more"><rect x="${x}" y="${y}" width="${BOX_W}" height="${BOX_H}" rx="6"/><text x="${cx(p)}" y="${y + 28}" text-anchor="middle">+${p.hidden} more differing branches</text></g>`;
  }
  const n = p.node;
  const kind =
    n.level === 0
      ? 'root'
      : n.keys.length > 0 || n.children.length === 0
        ? `leaf ${treePath(n.level, n.index)}`
        : `branch ${treePath(n.level, n.index)}`;
  const skipped =
    n.equalChildren > 0
      ? html`<text class="note" x="${cx(p)}" y="${y + BOX_H + 14}" text-anchor="middle">${n.equalChildren} of 16 below equal: not visited</text>`
      : '';
  const keys = n.keys.map((k, i) => keyText(k, cx(p), y + BOX_H + 34 + i * KEY_H, a, b));
  return html`<g class="tnode"><rect x="${x}" y="${y}" width="${BOX_W}" height="${BOX_H}" rx="6"/><text class="kind" x="${cx(p)}" y="${y + 19}" text-anchor="middle">${kind} · ${n.counts[0]} vs ${n.counts[1]} entries</text><text class="hash" x="${cx(p)}" y="${y + 37}" text-anchor="middle">${shortHash(n.digests[0])} ≠ ${shortHash(n.digests[1])}</text></g>${skipped}${keys}`;
}

function keyText(k: KeyDifference, x: number, y: number, a: string, b: string): Html {
  return html`<g class="key"><text class="name" x="${x}" y="${y}" text-anchor="middle">${k.key}</text><text class="sides" x="${x}" y="${y + 16}" text-anchor="middle">${side(a, k.a)}</text><text class="sides" x="${x}" y="${y + 32}" text-anchor="middle">≠ ${side(b, k.b)}</text></g>`;
}

function side(node: string, state: KeyDifference['a']): string {
  if (!state) return `${node}: none`;
  return `${node}: ${versionTime(state.version)}${state.deleted ? ' (deleted)' : ''}`;
}
