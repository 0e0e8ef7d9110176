// The size of a full-data exchange's first message (every entry of a store and a dump of the
// root, as encodeMessage writes it), kept up to date on every change of the store instead of
// counted over every entry: GET /merkle/snapshot reports it, and the live page polls that.
import { stringBytes, varintBytes } from '../sync/wire/codec.js';
import type { StoredEntry } from './entry.js';
import { WallIndex } from './wall-index.js';

/**
 * Node ids up to this many take one byte per reference (a varint below 128). Past it, a
 * reference's size depends on the order in which ids first appear among the entries, which
 * these sums do not follow: the size is then counted from scratch (see bytes()).
 */
const ONE_BYTE_REFS = 128;
/** The 7-bit steps of a varint: an offset >= 128^k takes k + 1 bytes (offsets stay < 2^53). */
const VARINT_STEPS = [1, 2, 3, 4, 5, 6, 7].map((k) => 128 ** k);
/**
 * Section counts around the entries: no probes (1 byte), no lists (1), one dump of the root
 * (count 1, level 0, index 0: 3 bytes), then after the entries no wants (1).
 */
const SECTION_BYTES = 1 + 1 + 3 + 1;

export class FullSize {
  /** Bytes of every entry that do not depend on the others: key, logical, node ref, kind, value. */
  #entryBytes = 0;
  /** Entries per node id, and the bytes of the ids themselves (the message's head lists each once). */
  readonly #nodes = new Map<string, number>();
  #nodeIdBytes = 0;
  /** Every entry's wall, sorted: the offsets' sizes, and how many entries there are. */
  #walls = new WallIndex();

  private constructor() {}

  /** The sums for these entries: one pass and one sort, then kept by add/remove/replace. */
  static of(entries: Iterable<StoredEntry>, count: number): FullSize {
    const walls = new Float64Array(count);
    const size = new FullSize();
    let n = 0;
    for (const e of entries) {
      walls[n++] = e.wall;
      size.#tally(e, 1);
    }
    size.#walls = WallIndex.of(walls.subarray(0, n));
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
    let head = 1 + varintBytes(this.#nodes.size) + this.#nodeIdBytes;
    if (this.#nodes.size > 0) head += varintBytes(base);
    return head + SECTION_BYTES + varintBytes(count) + this.#entryBytes + walls;
  }

  #tally(e: StoredEntry, sign: 1 | -1): void {
    this.#entryBytes +=
      sign *
      (stringBytes(e.key) +
        varintBytes(e.logical) +
        1 +
        1 +
        (e.value === null ? 0 : stringBytes(e.value)));
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
