// The Merkle tree of one node: a 16-ary tree over a 32-bit hash of each key, in which every tree
// node holds the XOR of the digests of the entries below it and how many there are. XOR makes
// the tree a "tictac" tree (Riak): a write updates depth+1 digests in place, in any order, and
// equal entry sets give equal digests on every node, whatever order the writes came in.
//
// Shape (shape.ts): level l has 16^l tree nodes, each covering the keys whose hash starts with
// the same 4*l bits, up to level 8. Each node only *stores* levels 0..depth, with depth grown
// as the data grows so that a leaf holds at most ~32 entries (3 levels at 100k keys, 4 at 1M);
// deeper levels are computed from a leaf's few entries when an exchange asks for them
// (computed.ts). Two nodes of different sizes therefore still compare level by level, and a
// small store does not pay for a big tree.
import { childrenOf, summaryOf } from './computed.js';
import { join } from './digest.js';
import { FANOUT, FANOUT_BITS, indexAt, type NodeSummary, type TreeItem } from './shape.js';

/** Grow the stored depth once leaves average more entries than this. */
const MAX_LEAF_AVERAGE = 32;
const MIN_STORED_DEPTH = 1;
const MAX_STORED_DEPTH = 6;

export class MerkleTree<T extends TreeItem = TreeItem> {
  #depth = MIN_STORED_DEPTH;
  /**
   * Per level, three words per tree node: digest hi, digest lo, count. Interleaved, so that a
   * write touches one cache line per level.
   */
  #levels: Uint32Array[] = [];
  #leaves: (T[] | undefined)[] = [];
  #size = 0;

  constructor(items: Iterable<T> = []) {
    this.#allocate(MIN_STORED_DEPTH);
    for (const item of items) this.add(item);
  }

  get size(): number {
    return this.#size;
  }

  /** Levels kept in memory (deeper ones are computed on demand). */
  get storedDepth(): number {
    return this.#depth;
  }

  root(): NodeSummary {
    return this.node(0, 0);
  }

  /**
   * Fills an empty tree with many items at once (a node loading its data directory): the depth
   * is sized once from the count, each item is XORed into its leaf only, and every internal node
   * is then computed once from its 16 children, instead of depth+1 updates per item and a re-grow
   * of the whole tree at every 16x. The result equals adding the items one by one. Takes any
   * iterable with its count (a store passes its Map's values: no array of a million items).
   */
  fill(items: Iterable<T>, count: number): void {
    if (this.#size !== 0) throw new Error('MerkleTree.fill: the tree is not empty');
    this.#allocate(depthFor(count));
    let filled = 0;
    const depth = this.#depth;
    const leafWords = this.#levels[depth]!;
    const leaves = this.#leaves;
    for (const item of items) {
      const i = indexAt(item.place, depth);
      const leaf = leaves[i];
      if (leaf) leaf.push(item);
      else leaves[i] = [item];
      leafWords[3 * i]! ^= item.hi;
      leafWords[3 * i + 1]! ^= item.lo;
      leafWords[3 * i + 2]! += 1;
      filled += 1;
    }
    if (filled !== count) throw new Error(`MerkleTree.fill: ${filled} items, not ${count}`);
    this.#size = count;
    for (let level = depth - 1; level >= 0; level--) {
      const words = this.#levels[level]!;
      const below = this.#levels[level + 1]!;
      for (let i = 0; i < words.length / 3; i++) {
        let hi = 0;
        let lo = 0;
        let count = 0;
        for (let at = 3 * FANOUT * i; at < 3 * FANOUT * (i + 1); at += 3) {
          hi ^= below[at]!;
          lo ^= below[at + 1]!;
          count += below[at + 2]!;
        }
        words[3 * i] = hi;
        words[3 * i + 1] = lo;
        words[3 * i + 2] = count;
      }
    }
  }

  add(item: T): void {
    this.#size += 1;
    if (this.#size > FANOUT ** this.#depth * MAX_LEAF_AVERAGE && this.#depth < MAX_STORED_DEPTH) {
      this.#grow();
    }
    this.#leafOf(item.place, true)!.push(item);
    this.#update(item.place, item.hi, item.lo, +1);
  }

  // remove and replace take the very object that was added: found by identity, a scan of a
  // leaf touches only its array of references, not each item (which at 1M keys would mean a
  // cache miss per item).
  remove(item: T): void {
    const leaf = this.#leafOf(item.place, false);
    const at = leaf ? leaf.indexOf(item) : -1;
    if (!leaf || at < 0) throw new Error(`MerkleTree.remove: "${item.key}" is not in the tree`);
    leaf[at] = leaf[leaf.length - 1] as T;
    leaf.pop();
    this.#size -= 1;
    this.#update(item.place, item.hi, item.lo, -1);
  }

  /** The same key at a new version: one path of XORs, counts unchanged. */
  replace(old: T, next: T): void {
    const leaf = this.#leafOf(old.place, false);
    const at = leaf ? leaf.indexOf(old) : -1;
    if (!leaf || at < 0 || old.key !== next.key)
      throw new Error(`MerkleTree.replace: "${old.key}" is not in the tree`);
    leaf[at] = next;
    this.#update(old.place, old.hi ^ next.hi, old.lo ^ next.lo, 0);
  }

  /** Digest and count of any tree node, at any level up to MAX_LEVEL. */
  node(level: number, index: number): NodeSummary {
    if (level <= this.#depth) {
      const words = this.#levels[level]!;
      return {
        digest: join(words[3 * index]!, words[3 * index + 1]!),
        count: words[3 * index + 2]!,
      };
    }
    return summaryOf(this.itemsUnder(level, index));
  }

  /** The FANOUT children of a tree node, in index order. */
  children(level: number, index: number): NodeSummary[] {
    const childLevel = level + 1;
    if (childLevel <= this.#depth) {
      const first = index * FANOUT;
      const words = this.#levels[childLevel]!;
      return Array.from({ length: FANOUT }, (_, j) => {
        const at = 3 * (first + j);
        return { digest: join(words[at]!, words[at + 1]!), count: words[at + 2]! };
      });
    }
    return childrenOf(this.itemsUnder(level, index), level, index);
  }

  /** The items at one placement hash (usually one): a leaf filtered, no generator. */
  itemsAt(place: number): T[] {
    const items = this.#leaves[indexAt(place >>> 0, this.#depth)];
    return items ? items.filter((item) => item.place >>> 0 === place >>> 0) : [];
  }

  /** Every item under a tree node (a few leaves deep down, everything at the root). */
  *itemsUnder(level: number, index: number): Generator<T> {
    if (level <= this.#depth) {
      const span = FANOUT ** (this.#depth - level);
      for (let leaf = index * span; leaf < (index + 1) * span; leaf++) {
        const items = this.#leaves[leaf];
        if (items) yield* items;
      }
      return;
    }
    const items = this.#leaves[indexAt(index * 2 ** (32 - FANOUT_BITS * level), this.#depth)];
    if (!items) return;
    for (const item of items) if (indexAt(item.place, level) === index) yield item;
  }

  #update(place: number, hi: number, lo: number, countDelta: number): void {
    for (let level = 0; level <= this.#depth; level++) {
      const at = 3 * indexAt(place, level);
      const words = this.#levels[level]!;
      words[at]! ^= hi;
      words[at + 1]! ^= lo;
      words[at + 2]! += countDelta;
    }
  }

  #leafOf(place: number, create: boolean): T[] | undefined {
    const i = indexAt(place, this.#depth);
    let leaf = this.#leaves[i];
    if (!leaf && create) {
      leaf = [];
      this.#leaves[i] = leaf;
    }
    return leaf;
  }

  #allocate(depth: number): void {
    this.#depth = depth;
    this.#levels = Array.from({ length: depth + 1 }, (_, l) => new Uint32Array(3 * FANOUT ** l));
    this.#leaves = new Array<T[] | undefined>(FANOUT ** depth);
  }

  /**
   * A copy sharing the items (immutable) but not the arrays: a simulation builds one tree and
   * clones it per replica, which costs a copy of arrays instead of a hash and insert per item.
   */
  clone(): MerkleTree<T> {
    const copy = new MerkleTree<T>();
    copy.#depth = this.#depth;
    copy.#size = this.#size;
    copy.#levels = this.#levels.map((words) => words.slice());
    copy.#leaves = this.#leaves.map((leaf) => leaf?.slice());
    return copy;
  }

  /** One more stored level: O(n), at sizes 16x apart, so O(1) amortised per write. */
  #grow(): void {
    const items = this.#leaves.flatMap((leaf) => leaf ?? []);
    this.#allocate(this.#depth + 1);
    for (const item of items) {
      this.#leafOf(item.place, true)!.push(item);
      this.#update(item.place, item.hi, item.lo, +1);
    }
  }
}

/** The stored depth that adding `size` items one by one would reach (see add and #grow). */
export function depthFor(size: number): number {
  let depth = MIN_STORED_DEPTH;
  while (size > FANOUT ** depth * MAX_LEAF_AVERAGE && depth < MAX_STORED_DEPTH) depth += 1;
  return depth;
}
