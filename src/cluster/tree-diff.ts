// Where two nodes' Merkle trees differ: walk both trees from the root through the children
// whose digests differ, down to tree nodes small enough to list, and name the keys that differ.
// The same walk anti-entropy does, made visible (GET /merkle/node on both sides).
import type { Version } from '../api/version.js';
import type { NodeClient } from './client.js';
import type { TreeNodeView } from '../api/http.js';

/** Show at most this many differing children per tree node; the rest are counted. */
const MAX_BRANCHES_SHOWN = 4;

export interface KeyDifference {
  key: string;
  a: { version: Version; deleted: boolean } | null;
  b: { version: Version; deleted: boolean } | null;
}

export interface DiffNode {
  level: number;
  index: number;
  digests: [string, string];
  counts: [number, number];
  /** Children (of 16) whose digests are equal: not visited. */
  equalChildren: number;
  children: DiffNode[];
  /** Differing children not shown, beyond MAX_BRANCHES_SHOWN. */
  hiddenChildren: number;
  keys: KeyDifference[];
}

/** Every pair of nodes (i < j, by position) whose roots differ: the pairs worth a tree walk. */
export function differingPairs(roots: readonly string[]): [number, number][] {
  const pairs: [number, number][] = [];
  for (let i = 0; i < roots.length; i++)
    for (let j = i + 1; j < roots.length; j++) if (roots[i] !== roots[j]) pairs.push([i, j]);
  return pairs;
}

/**
 * The differing pairs worth drawing, best first: nodes with the same root draw the same path, so
 * one node stands for each distinct root, and each next pair brings in the most roots not yet
 * shown (with five nodes and three roots: the three pairs of roots, not three near-copies).
 */
export function informativePairs(roots: readonly string[]): [number, number][] {
  const standsFor = new Map<string, number>();
  roots.forEach((root, i) => standsFor.has(root) || standsFor.set(root, i));
  const stand = [...standsFor.values()];
  const left: [number, number][] = [];
  for (let a = 0; a < stand.length; a++)
    for (let b = a + 1; b < stand.length; b++) left.push([stand[a]!, stand[b]!]);
  const seen = new Set<number>();
  const fresh = ([i, j]: [number, number]) => Number(!seen.has(i)) + Number(!seen.has(j));
  const ordered: [number, number][] = [];
  while (left.length > 0) {
    let best = 0;
    for (let k = 1; k < left.length; k++) if (fresh(left[k]!) > fresh(left[best]!)) best = k;
    const pair = left.splice(best, 1)[0]!;
    seen.add(pair[0]).add(pair[1]);
    ordered.push(pair);
  }
  return ordered;
}

/** null when the trees are equal. */
export async function diffTrees(a: NodeClient, b: NodeClient): Promise<DiffNode | null> {
  return walk(a, b, 0, 0);
}

async function walk(
  a: NodeClient,
  b: NodeClient,
  level: number,
  index: number,
): Promise<DiffNode | null> {
  const [x, y] = await Promise.all([a.treeNode(level, index), b.treeNode(level, index)]);
  if (x.digest === y.digest && x.count === y.count) return null;
  const node: DiffNode = {
    level,
    index,
    digests: [x.digest, y.digest],
    counts: [x.count, y.count],
    equalChildren: 0,
    children: [],
    hiddenChildren: 0,
    keys: [],
  };
  if (x.entries && y.entries) {
    node.keys = keyDifferences(x, y);
    node.equalChildren = x.children.filter((c, j) => c.digest === y.children[j]?.digest).length;
    return node;
  }
  const differing = x.children.filter(
    (c, j) => c.digest !== y.children[j]!.digest || c.count !== y.children[j]!.count,
  );
  node.equalChildren = x.children.length - differing.length;
  node.hiddenChildren = Math.max(0, differing.length - MAX_BRANCHES_SHOWN);
  const below = await Promise.all(
    differing.slice(0, MAX_BRANCHES_SHOWN).map((c) => walk(a, b, level + 1, c.index)),
  );
  node.children = below.filter((d): d is DiffNode => d !== null);
  return node;
}

function keyDifferences(x: TreeNodeView, y: TreeNodeView): KeyDifference[] {
  const theirs = new Map((y.entries ?? []).map((e) => [e.key, e]));
  const out: KeyDifference[] = [];
  for (const e of x.entries ?? []) {
    const other = theirs.get(e.key);
    theirs.delete(e.key);
    if (other && other.digest === e.digest) continue;
    out.push({
      key: e.key,
      a: { version: e.version, deleted: e.deleted },
      b: other ? { version: other.version, deleted: other.deleted } : null,
    });
  }
  for (const other of theirs.values())
    out.push({ key: other.key, a: null, b: { version: other.version, deleted: other.deleted } });
  return out.sort((p, q) => (p.key < q.key ? -1 : 1));
}
