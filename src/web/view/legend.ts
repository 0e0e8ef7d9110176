// What the grids mean, for someone who has never heard of a Merkle tree: a key to every kind of
// cell (a swatch drawn with the grid's own classes, so the key cannot drift from the grid), and
// "How to read this": root, digest, level and branch in plain words, and why the tree finds a
// difference quickly, and the tags a repaired entry carries in the key tables, path by path.
import { html, type Html } from './html.js';
import { viaLegend } from './via.js';

/** A swatch's side in CSS pixels: the grid's cell size, so it looks like one. */
const SWATCH = 11;

const CELLS: readonly { kinds: readonly string[]; says: string }[] = [
  { kinds: ['equal'], says: 'the same on every node' },
  { kinds: ['majority'], says: "most nodes' data, another node differs" },
  { kinds: ['differs v1', 'differs v2'], says: 'differs (same colour: same data)' },
  { kinds: ['empty'], says: 'empty' },
];

const GRID = [
  "Each card's grid is the top of its tree:",
  'level 1 (16 cells) above level 2 (16 × 16, a row per level-1 branch).',
].join(' ');

const TREE = [
  'Every node keeps a copy of the same key-value store.',
  'Each node sorts its keys into 16 groups, splits each group into 16 smaller ones,',
  'and so on down: a tree.',
  "A key's name alone decides its group, so a key sits in the same place on every node.",
].join(' ');

const TERMS: readonly [string, string][] = [
  [
    'Digest',
    'A short fingerprint of everything in one group: its keys, their values and versions. ' +
      'Change one value and the fingerprint changes; equal fingerprints mean equal contents.',
  ],
  [
    'Root',
    'The fingerprint of the whole store, at the top of the tree. ' +
      'Two nodes with the same root hold exactly the same data.',
  ],
  [
    'Level',
    'How far down the tree: level 1 is the 16 big groups (the strip at the top of a grid), ' +
      'level 2 the 256 groups inside them (the square under it).',
  ],
  [
    'Branch',
    'One group and everything inside it: ' +
      'row 3 of the square is the fourth cell of the strip, cut into its 16 smaller groups.',
  ],
];

const REPAIR = [
  'To repair, two nodes compare roots.',
  'If they differ, they compare the 16 fingerprints one level down,',
  'and go on only into the branches that differ, down to the keys.',
  'So a few keys that differ among a million are found in a few round trips,',
  'without sending every key. Such a tree of fingerprints is called a Merkle tree.',
].join(' ');

/** The other two repair paths, and how a key table tags what each one repaired. */
const PATHS = [
  'Anti-entropy is one of three ways a stale copy is repaired.',
  'In the key tables, a copy that one of them brought carries a tag that names it:',
].join(' ');

function swatch(kind: string): Html {
  return html`<svg class="swatch" width="${SWATCH}" height="${SWATCH}" viewBox="0 0 ${SWATCH} ${SWATCH}" \
aria-hidden="true"><rect class="cell ${kind}" width="${SWATCH}" height="${SWATCH}"/></svg>`;
}

/** The key under the cards; `open`: "How to read this" starts unfolded (the report has room). */
export function gridLegend(open = false): Html {
  const items = CELLS.map((c) => html`<li>${c.kinds.map(swatch)} ${c.says}</li>`);
  const cells = html`<ul class="cell-key">${items}</ul>`;
  return html`<div class="legend"><p class="dim">${GRID}</p>${howToRead(open)}${cells}</div>`;
}

function howToRead(open: boolean): Html {
  const terms = TERMS.map(([term, said]) => html`<dt>${term}</dt><dd>${said}</dd>`);
  return html`<details class="how-to-read"${open ? ' open' : ''}><summary>How to read this</summary>
<p>${TREE}</p><dl class="terms">${terms}</dl><p>${REPAIR}</p><p>${PATHS}</p>${viaLegend()}</details>`;
}
