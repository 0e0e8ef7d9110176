// The size of a full-data exchange's first message (every entry of a store and a dump of the
// root, as encodeMessage writes it): GET /merkle/snapshot reports it, and the live page polls
// that. Counted once from the entries, then kept up to date by FullSize, an observer of the
// store beside the sketch, instead of counted over every entry at each ask; and counted from
// scratch (fullMessageBytes) where the kept sums cannot follow.
import { stringBytes, varintBytes } from './codec.js';
import { bodyBytes, versionTailBytes } from './entry.js';
import type { Store, StoreObserver, StoredEntry } from '../../replica/store.js';
import { WallIndex } from './wall-index.js';

/**
 * Node ids up to this many take one byte per reference (with the logical's flag, a varint below
 * 128; entry.ts). Past it, a reference's size depends on the order in which ids first appear
 * among the entries, which these sums do not follow: the size is then counted from scratch.
 */
const ONE_BYTE_REFS = 64;
/** The 7-bit steps of a varint: an offset >= 128^k takes k + 1 bytes (offsets stay < 2^53). */
const VARINT_STEPS = [1, 2, 3, 4, 5, 6, 7].map((k) => 128 ** k);
/** The message's head opens with its version byte (see docs/wire.md). */
const VERSION_BYTES = 1;
/**
 * Section counts around the entries: no probes (1 byte), no lists (1), one dump of the root
 * (count 1, level 0, index 0: 3 bytes), then after the entries no wants (1).
 */
const SECTION_BYTES = 1 + 1 + 3 + 1;
/** The reference FullSize counts every entry's version with: any below ONE_BYTE_REFS costs the same. */
const ONE_BYTE_REF = 0;

export class FullSize implements StoreObserver {
  /** Bytes of every entry that do not depend on the others: key, node ref and logical, value. */
  #entryBytes = 0;
  /** Entries per node id, and the bytes of the ids themselves (the message's head lists each once). */
  readonly #nodes = new Map<string, number>();
  #nodeIdBytes = 0;
  /** Every entry's wall, sorted: the offsets' sizes, and how many entries there are. */
  #walls = new WallIndex();

  private constructor() {}

  /**
   * The sums for the store's entries, in one pass and one sort, then told of every change of
   * the store from now on.
   */
  static follow(store: Store): FullSize {
    const walls = new Float64Array(store.size);
    const size = new FullSize();
    let n = 0;
    for (const e of store.entries()) {
      walls[n++] = e.wall;
      size.#tally(e, 1);
    }
    size.#walls = WallIndex.of(walls.subarray(0, n));
    store.attach(size);
    return size;
  }

  added(entry: StoredEntry): void {
    this.#tally(entry, 1);
    this.#walls.insert(entry.wall);
  }

  removed(entry: StoredEntry): void {
    this.#tally(entry, -1);
    this.#walls.remove(entry.wall);
  }

  replaced(previous: StoredEntry, entry: StoredEntry): void {
    this.removed(previous);
    this.added(entry);
  }

  /** The size, exactly as encodeMessage would write it; undefined past ONE_BYTE_REFS node ids. */
  bytes(): number | undefined {
    if (this.#nodes.size > ONE_BYTE_REFS) return undefined;
    const base = this.#walls.min();
    const count = this.#walls.size;
    let walls = count;
    if (count > 0)
      for (const step of VARINT_STEPS) {
        const reaching = this.#walls.countAtLeast(base + step);
        if (reaching === 0) break;
        walls += reaching;
      }
    let head = VERSION_BYTES + varintBytes(this.#nodes.size) + this.#nodeIdBytes;
    if (this.#nodes.size > 0) head += varintBytes(base);
    return head + SECTION_BYTES + varintBytes(count) + this.#entryBytes + walls;
  }

  #tally(e: StoredEntry, sign: 1 | -1): void {
    const tail = versionTailBytes(e.logical, ONE_BYTE_REF);
    this.#entryBytes += sign * (stringBytes(e.key) + tail + bodyBytes(e.value));
    const held = (this.#nodes.get(e.node) ?? 0) + sign;
    if (held === 0) {
      this.#nodes.delete(e.node);
      this.#nodeIdBytes -= stringBytes(e.node);
    } else {
      if (held === 1 && sign === 1) this.#nodeIdBytes += stringBytes(e.node);
      this.#nodes.set(e.node, held);
    }
  }
}

/**
 * The same size counted without encoding, entry by entry: right for any number of node ids.
 * Two passes: the wall offsets depend on the smallest wall.
 */
export function fullMessageBytes(store: { entries(): Iterable<StoredEntry> }): number {
  let base = Infinity;
  for (const e of store.entries()) if (e.wall < base) base = e.wall;
  const nodes = new Map<string, number>();
  let count = 0;
  let bytes = 0;
  for (const e of store.entries()) {
    let ref = nodes.get(e.node);
    if (ref === undefined) nodes.set(e.node, (ref = nodes.size));
    count += 1;
    bytes += stringBytes(e.key) + varintBytes(e.wall - base);
    bytes += versionTailBytes(e.logical, ref) + bodyBytes(e.value);
  }
  let head = VERSION_BYTES + varintBytes(nodes.size);
  for (const id of nodes.keys()) head += stringBytes(id);
  if (nodes.size > 0) head += varintBytes(base);
  return head + SECTION_BYTES + varintBytes(count) + bytes;
}

/**
 * What a node reports: the kept size, its sums started at the first ask (a node that is never
 * asked pays nothing on its writes); past ONE_BYTE_REFS node ids, the count from scratch, done
 * again only once the root digest or count moves.
 */
export class FullExchangeSize {
  readonly #store: Store;
  #kept: FullSize | undefined;
  #counted = { digest: -1n, count: -1, bytes: 0 };

  constructor(store: Store) {
    this.#store = store;
  }

  bytes(): number {
    this.#kept ??= FullSize.follow(this.#store);
    const kept = this.#kept.bytes();
    if (kept !== undefined) return kept;
    const { digest, count } = this.#store.tree.root();
    const last = this.#counted;
    if (last.digest !== digest || last.count !== count)
      this.#counted = { digest, count, bytes: fullMessageBytes(this.#store) };
    return this.#counted.bytes;
  }
}
