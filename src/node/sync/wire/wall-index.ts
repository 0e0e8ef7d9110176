// A sorted multiset of wall clocks, in blocks: the smallest wall and how many walls reach a
// bound, after each insert and removal, without a pass over every entry. What FullSize needs to
// keep a full exchange's size exact (its wall offsets are counted from the smallest wall).

/**
 * Walls a block holds before it splits in two. Inserting or removing moves at most this many
 * numbers (a memmove of ~8 kB); counting walls past a bound sums one size per block (~1,000
 * blocks at a million keys).
 */
const BLOCK_MAX = 1024;

export class WallIndex {
  /** Sorted blocks, each sorted and non-empty; every wall of a block <= every wall of the next. */
  readonly #blocks: number[][] = [];
  #size = 0;

  /** An index of these walls in one sort (a store asked for its size the first time). */
  static of(walls: Float64Array): WallIndex {
    const index = new WallIndex();
    walls.sort();
    const step = BLOCK_MAX / 2;
    for (let at = 0; at < walls.length; at += step)
      index.#blocks.push(Array.from(walls.subarray(at, at + step)));
    index.#size = walls.length;
    return index;
  }

  get size(): number {
    return this.#size;
  }

  /** The smallest wall (Infinity when empty). */
  min(): number {
    return this.#blocks.length === 0 ? Infinity : this.#blocks[0]![0]!;
  }

  insert(wall: number): void {
    this.#size += 1;
    if (this.#blocks.length === 0) {
      this.#blocks.push([wall]);
      return;
    }
    const b = Math.min(this.#blockFor(wall), this.#blocks.length - 1);
    const block = this.#blocks[b]!;
    // New writes carry the newest walls: most inserts append to the last block.
    if (wall >= block[block.length - 1]!) block.push(wall);
    else block.splice(firstAtLeast(block, wall), 0, wall);
    if (block.length > BLOCK_MAX)
      this.#blocks.splice(b, 1, block.slice(0, BLOCK_MAX / 2), block.slice(BLOCK_MAX / 2));
  }

  /** Removes one occurrence of wall; false (and nothing changes) when it is not held. */
  remove(wall: number): boolean {
    const b = this.#blockFor(wall);
    const block = this.#blocks[b];
    if (block === undefined) return false;
    const at = firstAtLeast(block, wall);
    if (block[at] !== wall) return false;
    block.splice(at, 1);
    if (block.length === 0) this.#blocks.splice(b, 1);
    this.#size -= 1;
    return true;
  }

  /** How many walls are >= bound. */
  countAtLeast(bound: number): number {
    const b = this.#blockFor(bound);
    if (b === this.#blocks.length) return 0;
    const block = this.#blocks[b]!;
    let count = block.length - firstAtLeast(block, bound);
    for (let i = b + 1; i < this.#blocks.length; i++) count += this.#blocks[i]!.length;
    return count;
  }

  /** The first block whose last wall is >= wall (the number of blocks when there is none). */
  #blockFor(wall: number): number {
    let lo = 0;
    let hi = this.#blocks.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const block = this.#blocks[mid]!;
      if (block[block.length - 1]! < wall) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

/** The index of the first element >= wall in a sorted block (its length when there is none). */
function firstAtLeast(block: readonly number[], wall: number): number {
  let lo = 0;
  let hi = block.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (block[mid]! < wall) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
