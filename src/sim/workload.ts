// What the replicas hold and what is written: the background keys every replica starts with
// (built once and cloned, so the replicas share the entry objects), and the writes, each made
// on one replica, that anti-entropy has to spread.
import type { Hasher } from '../node/replica/hash.js';
import { Store } from '../node/replica/store.js';
import { Sketch } from '../node/sync/riblt/sketch.js';
import { SIM_EPOCH_MICROS } from './constants.js';

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
): { store: Store; sketch?: Sketch } {
  const sketch = withSketch ? new Sketch() : undefined;
  const store = new Store(hasher, sketch);
  const version = { wall: SIM_EPOCH_MICROS, logical: 0, node: LOADER_ID };
  for (let i = 0; i < keys; i++) {
    const key = keyName(i);
    store.apply({ key, value: valueOf(`${key}=0`, valueBytes), version });
  }
  return sketch ? { store, sketch } : { store };
}
