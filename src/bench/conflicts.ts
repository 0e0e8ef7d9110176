// What siblings cost beside last write wins, on the node's own engine in one process (no
// sockets, so the two modes meet the same machine at the same moment): the bytes an entry takes
// in an exchange message, the bytes a Merkle exchange spends per byte of the entries that had
// to move (bytes/E, E as in the exchange grid), and local writes per second.
import { performance } from 'node:perf_hooks';
import type { ConflictMode } from '../api/conflicts.js';
import { LocalReplica } from '../node/replica/local.js';
import { HybridClock } from '../node/replica/hlc.js';
import { loadHasher } from '../node/replica/hash.js';
import { Store } from '../node/replica/store.js';
import { newCounters } from '../node/stats.js';
import { answer, runExchange } from '../node/sync/exchange.js';
import { join, values, type Context } from '../node/conflicts/dvvset.js';
import { setOf } from '../node/conflicts/entry.js';
import { emptyMessage, encodeMessage } from '../node/sync/wire/message.js';
import { DEFAULT_MAX_VALUE_BYTES } from '../api/limits.js';
import { DEFAULT_TOMBSTONE_TTL_MS } from '../node/constants.js';
import { VERSION_FIXED_BYTES } from './exchange.js';

/** Keys each side holds, and how many of them two clients wrote at once on the two sides. */
export const CONFLICT_KEYS = 10_000;
export const CONFLICT_DIFFERING = 100;
/** Writes timed per mode (each to one of the keys, without a context: a sibling each time). */
const TIMED_WRITES = 50_000;
/** As in the exchange grid: 100-byte values (E counts key, value, VERSION_FIXED_BYTES and the node id). */
const VALUE_BYTES = 100;

export interface ConflictRow {
  conflicts: ConflictMode;
  /** Bytes per entry of a message carrying every key once (one value a key). */
  bytesPerEntry: number;
  /** Bytes per entry once every key holds two siblings. */
  bytesPerEntryTwoSiblings: number | null;
  /** A Merkle exchange of CONFLICT_DIFFERING concurrent writes: body bytes over E. */
  exchangeBytesPerE: number;
  /** Values of the differing keys every side holds after the exchange (lww: 1, siblings: 2). */
  valuesKept: number;
  writesPerSecond: number;
  /** Replicated PUTs a second over HTTP on a three-node cluster of this mode (conflicts-http.ts). */
  httpWritesPerSecond?: number;
  /** Siblings: that rate over lww's, paired by round (the median of the rounds' ratios). */
  httpShareOfLww?: number;
}

const value = (tag: string) => tag.padEnd(VALUE_BYTES, '.').slice(0, VALUE_BYTES);

/** One side: a store in this mode, written at its own clock (node id `node`). */
async function side(conflicts: ConflictMode, node: string, now: () => number) {
  const store = new Store(await loadHasher(), undefined, undefined, conflicts);
  const local = new LocalReplica({
    store,
    clock: new HybridClock(node, now),
    counters: newCounters(),
    tombstoneTtlMs: DEFAULT_TOMBSTONE_TTL_MS,
    nowMicros: now,
  });
  return { store, local, replica: local.side() };
}

/** Every measure of one mode. */
export async function conflictCosts(conflicts: ConflictMode): Promise<ConflictRow> {
  let t = Date.now() * 1000;
  const now = () => ++t;
  const a = await side(conflicts, 'node-9999', now);
  const b = await side(conflicts, 'node-10000', now);
  for (let i = 0; i < CONFLICT_KEYS; i++) a.local.put(`key:${i}`, value(`v${i}`));
  for (const e of a.store.entries()) b.replica.merge(e);
  const bytesPerEntry = messageBytes(a.store) / CONFLICT_KEYS;
  // Two clients read each differing key, then write it at once, one on each side. What must
  // move: under lww the newer entry of each key; under siblings both (each side lacks one).
  let e = 0;
  const moving = conflicts === 'siblings' ? 2 : 1;
  for (let i = 0; i < CONFLICT_DIFFERING; i++) {
    const key = `key:${i}`;
    const read = contextOf(a.store, key);
    a.local.put(key, value(`a${i}`), read);
    b.local.put(key, value(`b${i}`), read);
    e += moving * (key.length + VALUE_BYTES + VERSION_FIXED_BYTES + 'node-9999'.length);
  }
  const round = await runExchange(
    a.replica,
    async (body) => answer(b.replica, body, DEFAULT_MAX_VALUE_BYTES),
    'merkle',
    DEFAULT_MAX_VALUE_BYTES,
  );
  const bodyBytes = round.bytes.sent + round.bytes.received;
  const kept = a.store.get('key:0')!;
  const valuesKept = conflicts === 'siblings' ? values(setOf(kept)).length : 1;
  return {
    conflicts,
    bytesPerEntry,
    bytesPerEntryTwoSiblings: conflicts === 'siblings' ? await twoSiblingBytes(now) : null,
    exchangeBytesPerE: bodyBytes / e,
    valuesKept,
    writesPerSecond: await writeRate(conflicts),
  };
}

/** Bytes of one message carrying every entry of the store. */
function messageBytes(store: Store): number {
  const message = emptyMessage();
  for (const e of store.entries()) message.entries.push(e);
  return encodeMessage(message).length;
}

/** Every key written blind on two sides, then merged: two siblings a key, bytes per entry. */
async function twoSiblingBytes(now: () => number): Promise<number> {
  const a = await side('siblings', 'node-9999', now);
  const b = await side('siblings', 'node-10000', now);
  for (let i = 0; i < CONFLICT_KEYS; i++) {
    a.local.put(`key:${i}`, value(`a${i}`));
    b.local.put(`key:${i}`, value(`b${i}`));
  }
  for (const e of b.store.entries()) a.replica.merge(e);
  return messageBytes(a.store) / CONFLICT_KEYS;
}

/** What a client that read the key would send back (none in lww mode, which ignores it). */
function contextOf(store: Store, key: string): Context | undefined {
  const held = store.siblings ? store.get(key) : undefined;
  return held ? join(setOf(held)) : undefined;
}

/**
 * Local writes a second, into a store of CONFLICT_KEYS keys; in siblings mode each after a read
 * of the key's context (a client's read-modify-write), so sets stay at one value.
 */
async function writeRate(conflicts: ConflictMode): Promise<number> {
  let t = Date.now() * 1000;
  const { local, store } = await side(conflicts, 'node-9999', () => ++t);
  for (let i = 0; i < CONFLICT_KEYS; i++) local.put(`key:${i}`, value(`v${i}`));
  const started = performance.now();
  for (let i = 0; i < TIMED_WRITES; i++) {
    const key = `key:${i % CONFLICT_KEYS}`;
    local.put(key, value(`w${i}`), contextOf(store, key));
  }
  return TIMED_WRITES / ((performance.now() - started) / 1000);
}
