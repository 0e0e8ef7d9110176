// What the replicas hold and what is written: the background keys every replica starts with
// (built once and cloned, so the replicas share the entry objects), and the writes, each made
// on one replica, that anti-entropy has to spread.
import type { Hasher } from '../node/replica/hash.js';
import { Store } from '../node/replica/store.js';
import { Sketch } from '../node/sync/riblt/sketch.js';
import { SIM_EPOCH_MICROS } from './constants.js';
import type { ConflictMode } from '../api/conflicts.js';
import { single } from '../node/conflicts/dvvset.js';
import { siblingEntry } from '../node/conflicts/entry.js';

/** Node id of the background keys' version: they were loaded before the simulation began. */
export const LOADER_ID = 'loader';

/** Key i's name, zero-padded so that names sort in order. */
export function keyName(i: number): string {
  return `key-${String(i).padStart(7, '0')}`;
}

/** A value of exactly `bytes` ASCII bytes that names its key and write (distinct per write). */
export function valueOf(label: string, bytes: number): string {
  return label.length >= bytes ? label.slice(0, bytes) : label.padEnd(bytes, '.');
}

/** The store every replica starts from: `keys` keys at one version, and its sketch if asked. */
export function baseStore(
  hasher: Hasher,
  keys: number,
  valueBytes: number,
  withSketch: boolean,
  conflicts: ConflictMode = 'lww',
): { store: Store; sketch?: Sketch } {
  const sketch = withSketch ? new Sketch() : undefined;
  const store = new Store(hasher, sketch, undefined, conflicts);
  const version = { wall: SIM_EPOCH_MICROS, logical: 0, node: LOADER_ID };
  for (let i = 0; i < keys; i++) {
    const key = keyName(i);
    const value = valueOf(`${key}=0`, valueBytes);
    // Siblings: the loader's write is the first (and only) dot of its key.
    const sibling = { value, wall: version.wall, logical: 0, seen: [] };
    store.apply(
      conflicts === 'siblings'
        ? siblingEntry(key, single(LOADER_ID, sibling))
        : { key, value, version },
    );
  }
  return sketch ? { store, sketch } : { store };
}
