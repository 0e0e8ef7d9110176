// The store's index from key to entry: an open-addressing hash table (linear probing). Against
// a JS Map at 1,000,000 keys loading from a data directory: the table grows by doubling over
// typed arrays the collector never scans, and the collector follows one pointer per entry (a
// dense array of entries) instead of a key and a value in the Map's table. Measured inserting
// 1M entries here, with their hashes computed beforehand: Map 0.46-0.69 s, this table
// 0.20-0.32 s. Keys are hashed in JavaScript (keyHash): the wasm placement hash cost ~95 ns a
// lookup, a third of that is enough here.

/** An item the index can hold: anything with a key. */
export interface Keyed {
  readonly key: string;
}

/**
 * FNV-1a over the key's UTF-16 code units, then murmur3's finalizer so that the low bits the
 * table uses depend on every character. Not keyed, so it does not resist keys chosen to
 * collide: the store gives its index a keyed hash instead (Hasher.index); this one is the
 * default for indexes nobody outside fills.
 */
export function keyHash(key: string): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), FNV_PRIME);
  h ^= h >>> 16;
  h = Math.imul(h, MIX_1);
  h ^= h >>> 13;
  h = Math.imul(h, MIX_2);
  return h ^ (h >>> 16);
}

const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 0x01000193;
const MIX_1 = 0x85ebca6b | 0;
const MIX_2 = 0xc2b2ae35 | 0;

const MIN_CAPACITY = 16;
/** The table doubles before more than 3 of 4 slots are taken (linear probing stays short). */
const LOAD_NUMERATOR = 3;
const LOAD_DENOMINATOR = 4;
/** Two int32s per slot: the item's hash, then its position in the items plus one (0: empty). */
const SLOT = 2;

export class KeyIndex<T extends Keyed> {
  readonly #hash: (key: string) => number;
  #slots = new Int32Array(SLOT * MIN_CAPACITY);
  #mask = MIN_CAPACITY - 1;
  /** Every item once, densely (a removal moves the last item into its place). */
  #items: T[] = [];
  /** Counts removals, so an iteration that a removal would upset fails instead. */
  #removals = 0;
  /** Slots looked at by every lookup, insert and removal so far: what colliding keys drive up. */
  #probes = 0;

  /** hash: any 32-bit hash of a key (tests pass colliding ones). */
  constructor(hash: (key: string) => number = keyHash) {
    this.#hash = hash;
  }

  get size(): number {
    return this.#items.length;
  }

  /** Slots looked at so far, over all operations (about 1.5 an operation at this load). */
  get probes(): number {
    return this.#probes;
  }

  get(key: string): T | undefined {
    const at = this.#slots[SLOT * this.#find(key, this.#hash(key) | 0) + 1]!;
    return at === 0 ? undefined : this.#items[at - 1];
  }

  /** Adds the item, or replaces the one with its key; returns the item replaced. */
  set(item: T): T | undefined {
    const hash = this.#hash(item.key) | 0;
    let s = this.#find(item.key, hash);
    const at = this.#slots[SLOT * s + 1]!;
    if (at !== 0) {
      const previous = this.#items[at - 1]!;
      this.#items[at - 1] = item;
      return previous;
    }
    if ((this.#items.length + 1) * LOAD_DENOMINATOR > (this.#mask + 1) * LOAD_NUMERATOR) {
      this.#grow();
      s = this.#find(item.key, hash);
    }
    this.#items.push(item);
    this.#slots[SLOT * s] = hash;
    this.#slots[SLOT * s + 1] = this.#items.length;
    return undefined;
  }

  /** Removes the item with this key; returns it. */
  delete(key: string): T | undefined {
    const slots = this.#slots;
    const mask = this.#mask;
    const items = this.#items;
    const s = this.#find(key, this.#hash(key) | 0);
    const at = slots[SLOT * s + 1]!;
    if (at === 0) return undefined;
    const removed = items[at - 1]!;
    // The last item takes the removed one's place; its slot is found while the items are as
    // the slots describe them.
    if (at !== items.length) {
      const last = items[items.length - 1]!;
      slots[SLOT * this.#find(last.key, this.#hash(last.key) | 0) + 1] = at;
      items[at - 1] = last;
    }
    items.pop();
    this.#removals += 1;
    // Backward-shift deletion (Knuth's algorithm R): an item further along the probe run moves
    // into the hole unless its home slot lies cyclically in (hole, its slot]. No tombstones.
    let hole = s;
    for (let next = (s + 1) & mask; slots[SLOT * next + 1] !== 0; next = (next + 1) & mask) {
      const home = slots[SLOT * next]! & mask;
      if (((next - home) & mask) >= ((next - hole) & mask)) {
        slots[SLOT * hole] = slots[SLOT * next]!;
        slots[SLOT * hole + 1] = slots[SLOT * next + 1]!;
        hole = next;
      }
    }
    slots[SLOT * hole] = 0;
    slots[SLOT * hole + 1] = 0;
    return removed;
  }

  /** Every item, in no particular order. Adding while iterating is fine; removing throws. */
  *values(): Generator<T, void, undefined> {
    const removals = this.#removals;
    for (let i = 0; i < this.#items.length; i++) {
      if (this.#removals !== removals)
        throw new Error('KeyIndex: an item was removed while the index was iterated');
      yield this.#items[i]!;
    }
  }

  keys(): string[] {
    return this.#items.map((item) => item.key);
  }

  /** Another index of the same items (the items themselves are shared). */
  clone(): KeyIndex<T> {
    const copy = new KeyIndex<T>(this.#hash);
    copy.#slots = this.#slots.slice();
    copy.#mask = this.#mask;
    copy.#items = this.#items.slice();
    return copy;
  }

  /** The slot holding the key, or the empty slot where it would go. */
  #find(key: string, hash: number): number {
    const slots = this.#slots;
    const mask = this.#mask;
    for (let s = hash & mask; ; s = (s + 1) & mask) {
      this.#probes += 1;
      const at = slots[SLOT * s + 1]!;
      if (at === 0 || (slots[SLOT * s] === hash && this.#items[at - 1]!.key === key)) return s;
    }
  }

  /** Doubles the table, placing each item again from the hash kept in its slot. */
  #grow(): void {
    const old = this.#slots;
    const capacity = 2 * (this.#mask + 1);
    const mask = capacity - 1;
    const slots = new Int32Array(SLOT * capacity);
    for (let o = 0; o < old.length; o += SLOT) {
      if (old[o + 1] === 0) continue;
      let s = old[o]! & mask;
      while (slots[SLOT * s + 1] !== 0) s = (s + 1) & mask;
      slots[SLOT * s] = old[o]!;
      slots[SLOT * s + 1] = old[o + 1]!;
    }
    this.#slots = slots;
    this.#mask = mask;
  }
}
