// The top of each node's Merkle tree as a grid: level 1 as a strip of 16 cells, level 2 as 16 × 16
// cells (row = level-1 branch). A cell is coloured where this node's digest differs from the
// others', one colour per distinct digest, so it shows at a glance which nodes agree.
import { treePath } from '../../format.js';
import type { LevelView, NodeSample } from '../model.js';
import { html, svgSize, type Html } from './html.js';

/** Colours for differing digests; beyond the last, the last is reused. */
const VARIANT_CLASSES = 4;
/** A cell's side in CSS pixels (drawn 1:1): 8 px was too small to see from a projector's back row. */
const CELL = 11;
const GAP = 1;
const SIDE = 16;
/** Space between the level-1 strip and the level-2 square. */
const STRIP_GAP = 6;

/** 0: every node has this digest; -1: this node holds the digest most nodes have; k > 0: the k-th other digest. */
export type CellMark = number;

/** For each node (in order) and each cell of one level, how the node's digest compares. */
export function markLevel(levels: (LevelView | null)[]): CellMark[][] {
  const width = levels.find((l) => l)?.digests.length ?? 0;
  const marks = levels.map(() => new Array<CellMark>(width).fill(0));
  for (let cell = 0; cell < width; cell++) {
    const holders = new Map<string, number[]>();
    levels.forEach((l, n) => {
      if (!l) return;
      const d = `${l.digests[cell]}:${l.counts[cell]}`;
      holders.set(d, [...(holders.get(d) ?? []), n]);
    });
    if (holders.size <= 1) continue;
    const groups = [...holders.values()];
    const biggest = Math.max(...groups.map((g) => g.length));
    const majority =
      groups.filter((g) => g.length === biggest).length === 1 && biggest > 1
        ? groups.find((g) => g.length === biggest)
        : undefined;
    let variant = 0;
    for (const group of groups) {
      const mark = group === majority ? -1 : Math.min(VARIANT_CLASSES, ++variant);
      for (const n of group) marks[n]![cell] = mark;
    }
  }
  return marks;
}

/** How each node's root compares with the others' (null: the node did not answer). */
export function markRoots(roots: readonly (string | null)[]): CellMark[] {
  return markLevel(roots.map((r) => (r === null ? null : { digests: [r], counts: [0] }))).map(
    (m) => m[0]!,
  );
}

/** The CSS class of a mark: equal, majority, or "differs vK". */
export function markClass(mark: CellMark): string {
  return mark > 0 ? `differs v${mark}` : mark < 0 ? 'majority' : 'equal';
}

/** Marks for every node's two levels, computed once per sample. */
export function markSamples(
  samples: readonly NodeSample[],
): { level1: CellMark[]; level2: CellMark[] }[] {
  const level1 = markLevel(samples.map((s) => s.levels?.[0] ?? null));
  const level2 = markLevel(samples.map((s) => s.levels?.[1] ?? null));
  return samples.map((_, i) => ({ level1: level1[i]!, level2: level2[i]! }));
}

export function gridSvg(
  sample: NodeSample,
  marks: { level1: CellMark[]; level2: CellMark[] },
): Html {
  const width = SIDE * (CELL + GAP) - GAP;
  const height = width + CELL + STRIP_GAP;
  if (!sample.levels) {
    const down = html`<rect class="cell down" x="0" y="0" width="${width}" height="${height}"/>`;
    return frame(width, height, `${sample.id}: no tree (${sample.status})`, down);
  }
  const [l1, l2] = sample.levels;
  const strip = l1.digests.map((d, i) =>
    cell(i * (CELL + GAP), 0, 1, i, d, l1.counts[i]!, marks.level1[i]!),
  );
  const square = l2.digests.map((d, i) =>
    cell(
      (i % SIDE) * (CELL + GAP),
      CELL + STRIP_GAP + Math.floor(i / SIDE) * (CELL + GAP),
      2,
      i,
      d,
      l2.counts[i]!,
      marks.level2[i]!,
    ),
  );
  const differing = marks.level2.filter((m) => m > 0).length;
  const label = `${sample.id}: top two levels of the Merkle tree, ${differing} of 256 level-2 cells differ`;
  return frame(width, height, label, html`${strip}${square}`);
}

/** The grid's picture: its size, and what a screen reader says of it. */
function frame(width: number, height: number, label: string, content: Html): Html {
  return html`<svg class="grid" ${svgSize(width, height)} role="img" aria-label="${label}">${content}</svg>`;
}

function cell(
  x: number,
  y: number,
  level: number,
  index: number,
  digest: string,
  count: number,
  mark: CellMark,
): Html {
  const kind = mark === 0 && count === 0 ? 'empty' : markClass(mark);
  const note =
    mark > 0
      ? 'differs from the others'
      : mark < 0
        ? 'agrees with most nodes; another node differs'
        : 'equal on every node';
  const about = `${count} entries, digest ${digest.slice(0, 8)}…, ${note}`;
  const title = html`<title>${treePath(level, index)}: ${about}</title>`;
  const place = html`x="${x}" y="${y}" width="${CELL}" height="${CELL}"`;
  return html`<rect class="cell ${kind}" ${place} data-level="${level}" data-index="${index}">${title}</rect>`;
}
