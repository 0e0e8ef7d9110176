// An exchange's receipt: what it sent beside the least any exchange could have sent. To repair
// d differing entries among n keys, the two sides must at least ship those entries (E bytes)
// and say which d of the n keys they are: log2 C(n, d) bits. A walk that sends 3x that floor is
// doing well; shipping everything is n/d times worse, and the receipt shows it.
import type { Receipt } from '../../api/reports.js';
import type { Entry } from '../replica/entry.js';
import { emptyMessage, encodeMessage, type AeMessage } from './wire/message.js';
import { compareVersions } from '../../api/version.js';
import type { Strategy } from '../../api/strategies.js';
import type { Replica } from './respond.js';

/** Ratios are given to two decimals. */
const RATIO_DECIMALS = 100;

/** log2 of the binomial coefficient C(n, d), summed term by term (no overflow for large n). */
export function log2Choose(n: number, d: number): number {
  const k = Math.min(d, n - d);
  if (k <= 0) return 0;
  let bits = 0;
  for (let i = 0; i < k; i++) bits += Math.log2(n - i) - Math.log2(i + 1);
  return bits;
}

/** An empty message's own bytes, the part of an entries message that is not its entries. */
const EMPTY_MESSAGE_BYTES = encodeMessage(emptyMessage()).length;

/** E: the bytes these entries take in an entries message, beyond an empty message's own. */
export function entryBytes(entries: readonly Entry[]): number {
  if (entries.length === 0) return 0;
  const message = emptyMessage();
  message.entries.push(...entries);
  return encodeMessage(message).length - EMPTY_MESSAGE_BYTES;
}

/** The receipt of an exchange that moved `differing` entries of E bytes among n keys. */
export function receiptOf(differing: number, entry: number, keys: number, bytes: number): Receipt {
  const floorBytes = Math.ceil(entry + log2Choose(Math.max(keys, differing), differing) / 8);
  return {
    differing,
    entryBytes: entry,
    keys,
    floorBytes,
    bytes,
    ratio: ratioOf(bytes, floorBytes),
  };
}

/** Two passes with one peer as one receipt: their differences and costs added up. */
export function addReceipts(a: Receipt | undefined, b: Receipt | undefined): Receipt | undefined {
  if (!a || !b) return a ?? b;
  const floorBytes = a.floorBytes + b.floorBytes;
  const bytes = a.bytes + b.bytes;
  return {
    differing: a.differing + b.differing,
    entryBytes: a.entryBytes + b.entryBytes,
    keys: Math.max(a.keys, b.keys),
    floorBytes,
    bytes,
    ratio: ratioOf(bytes, floorBytes),
  };
}

function ratioOf(bytes: number, floorBytes: number): number | null {
  return floorBytes > 0 ? Math.round((bytes / floorBytes) * RATIO_DECIMALS) / RATIO_DECIMALS : null;
}

/**
 * The entries that differed between the two sides, as the exchange saw them: each entry that
 * came and was not the one this side held, and each entry this side shipped because the walk or
 * the decoder found it differing (the full strategy ships every entry, differing or not, and its
 * answer holds the peer's entries after the merge: there only what came counts).
 */
export class Differing {
  readonly #moved = new Map<string, Entry>();
  readonly #replica: Replica;
  readonly #pushesDiffer: boolean;

  constructor(replica: Replica, strategy: Strategy) {
    this.#replica = replica;
    this.#pushesDiffer = strategy !== 'full';
  }

  sent(m: AeMessage): void {
    if (this.#pushesDiffer) for (const e of m.entries) this.#moved.set(e.key, e);
  }

  /** Before the merge: an entry differs when this side lacked it or held another version. */
  received(m: AeMessage): void {
    const store = this.#replica.store;
    for (const e of m.entries) {
      const mine = store.get(e.key);
      const order = mine ? compareVersions(mine.version, e.version) : -1;
      if (order === 0 && mine?.value === e.value) continue;
      this.#moved.set(e.key, mine && order > 0 ? mine : e);
    }
  }

  receipt(bytes: number): Receipt {
    const moved = [...this.#moved.values()];
    return receiptOf(moved.length, entryBytes(moved), this.#replica.store.size, bytes);
  }
}
