// The Merkle tree of one node: a 16-ary tree over a 32-bit hash of each key, in which every tree
// node holds the XOR of the digests of the entries below it and how many there are. XOR makes
// the tree a "tictac" tree (Riak): a write updates depth+1 digests in place, in any order, and
// equal entry sets give equal digests on every node, whatever order the writes came in.
//
// Shape: a tree node at level l covers the keys whose hash starts with the same 4*l bits, so
// level l has 16^l nodes and any level up to 8 (32 bits) is defined the same way on every node.
// Each node only *stores* levels 0..depth, with depth grown as the data grows so that a leaf
// holds at most ~32 entries (3 levels at 100k keys, 4 at 1M); digests of deeper levels are
// computed from a leaf's few entries when an exchange asks for them. Two nodes of different
// sizes therefore still compare level by level, and a small store does not pay for a big tree.

/** What the tree needs of an entry: its key, its placement hash and its content digest. */
export interface TreeItem {
  readonly key: string;
  readonly place: number;
  readonly digest: bigint;
}

export interface NodeSummary {
  digest: bigint;
  count: number;
}

/** 16 children per node: a byte of hash gives two levels, and a probe of one node is 16 digests. */
export const FANOUT_BITS = 4;
export const FANOUT = 1 << FANOUT_BITS;
/** The placement hash has 32 bits, so 8 levels of 4 bits. */
export const MAX_LEVEL = 32 / FANOUT_BITS;
/** Grow the stored depth once leaves average more entries than this. */
const MAX_LEAF_AVERAGE = 32;
const MIN_STORED_DEPTH = 1;
const MAX_STORED_DEPTH = 6;

/** The index at `level` of the tree node that holds a key with this placement hash. */
export function indexAt(place: number, level: number): number {
  // `x >>> 32` is `x` in JavaScript, so level 0 is special.
  return level === 0 ? 0 : place >>> (32 - FANOUT_BITS * level);
}

export class MerkleTree<T extends TreeItem = TreeItem> {
  #depth = MIN_STORED_DEPTH;
  #digests: BigUint64Array[] = [];
  #counts: Uint32Array[] = [];
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

  add(item: T): void {
    this.#size += 1;
    if (this.#size > FANOUT ** this.#depth * MAX_LEAF_AVERAGE && this.#depth < MAX_STORED_DEPTH) {
      this.#grow();
    }
    this.#leafOf(item.place, true)!.push(item);
    this.#update(item.place, item.digest, +1);
  }

  remove(item: T): void {
    const leaf = this.#leafOf(item.place, false);
    const at = leaf ? leaf.findIndex((x) => x.key === item.key) : -1;
    if (!leaf || at < 0) throw new Error(`MerkleTree.remove: "${item.key}" is not in the tree`);
    leaf[at] = leaf[leaf.length - 1] as T;
    leaf.pop();
    this.#size -= 1;
    this.#update(item.place, item.digest, -1);
  }

  /** The same key at a new version: one path of XORs, counts unchanged. */
  replace(old: T, next: T): void {
    const leaf = this.#leafOf(old.place, false);
    const at = leaf ? leaf.findIndex((x) => x.key === old.key) : -1;
    if (!leaf || at < 0 || old.key !== next.key) throw new Error(`MerkleTree.replace: "${old.key}" is not in the tree`);
    leaf[at] = next;
    this.#update(old.place, old.digest ^ next.digest, 0);
  }

  /** Digest and count of any tree node, at any level up to MAX_LEVEL. */
  node(level: number, index: number): NodeSummary {
    if (level <= this.#depth) {
      return { digest: this.#digests[level]![index]!, count: this.#counts[level]![index]! };
    }
    let digest = 0n;
    let count = 0;
    for (const item of this.itemsUnder(level, index)) {
      digest ^= item.digest;
      count += 1;
    }
    return { digest, count };
  }

  /** The FANOUT children of a tree node, in index order. */
  children(level: number, index: number): NodeSummary[] {
    const childLevel = level + 1;
    const first = index * FANOUT;
    if (childLevel <= this.#depth) {
      const digests = this.#digests[childLevel]!;
      const counts = this.#counts[childLevel]!;
      return Array.from({ length: FANOUT }, (_, j) => ({ digest: digests[first + j]!, count: counts[first + j]! }));
    }
    const out = Array.from({ length: FANOUT }, () => ({ digest: 0n, count: 0 }));
    for (const item of this.itemsUnder(level, index)) {
      const child = out[indexAt(item.place, childLevel) - first]!;
      child.digest ^= item.digest;
      child.count += 1;
    }
    return out;
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

  #update(place: number, delta: bigint, countDelta: number): void {
    for (let level = 0; level <= this.#depth; level++) {
      const i = indexAt(place, level);
      this.#digests[level]![i]! ^= delta;
      this.#counts[level]![i]! += countDelta;
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
    this.#digests = Array.from({ length: depth + 1 }, (_, l) => new BigUint64Array(FANOUT ** l));
    this.#counts = Array.from({ length: depth + 1 }, (_, l) => new Uint32Array(FANOUT ** l));
    this.#leaves = new Array<T[] | undefined>(FANOUT ** depth);
  }

  /** One more stored level: O(n), at sizes 16x apart, so O(1) amortised per write. */
  #grow(): void {
    const items = this.#leaves.flatMap((leaf) => leaf ?? []);
    this.#allocate(this.#depth + 1);
    for (const item of items) {
      this.#leafOf(item.place, true)!.push(item);
      this.#update(item.place, item.digest, +1);
    }
  }
}

/** A digest as 16 hex digits, as shown in snapshots and by the CLI. */
export function digestHex(digest: bigint): string {
  return digest.toString(16).padStart(16, '0');
}
