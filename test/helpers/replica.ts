// In-memory replicas joined by an in-memory transport: the exchange is tested with no sockets.
import type { Entry } from '../../src/node/replica/entry.js';
import { answer, type Replica, type Transport } from '../../src/node/sync/exchange.js';
import { loadHasher } from '../../src/node/replica/hash.js';
import { Store } from '../../src/node/replica/store.js';
import { Sketch } from '../../src/node/sync/riblt/sketch.js';
import { rng } from './random.js';

export const MAX_VALUE = 1024 * 1024;

/** A replica in memory; with `symbols`, it keeps a RIBLT sketch of that many coded symbols. */
export async function replica(symbols?: number): Promise<Replica> {
  const sketch = symbols === undefined ? undefined : new Sketch(symbols);
  const store = new Store(await loadHasher(), sketch);
  return { store, ...(sketch ? { sketch } : {}), merge: (e: Entry) => store.apply(e) };
}

/** A transport that hands the bytes to the other replica, as the HTTP route would. */
export function wire(to: Replica): Transport {
  return async (body) => answer(to, Buffer.from(body), MAX_VALUE);
}

export function entry(
  key: string,
  value: string | null,
  wall: number,
  node = 'n1',
  logical = 0,
): Entry {
  return { key, value, version: { wall, logical, node } };
}

/** Every entry of a store, sorted, for comparing replicas. */
export function dump(r: Replica): string[] {
  return [...r.store.entries()].map((e) => JSON.stringify([e.key, e.value, e.version])).sort();
}

/** What every replica must end with: the LWW maximum of every entry ever written. */
export async function lwwMaximum(all: readonly Entry[]): Promise<string[]> {
  const r = await replica();
  for (const e of all) r.merge(e);
  return dump(r);
}

/**
 * Two replicas holding the same `shared` entries (key:i at wallOf(i)), and a put that merges an
 * entry into one of them and records it in `all`, for a test to make them diverge.
 */
export async function sharedPair(
  shared: number,
  wallOf: (i: number) => number,
  make: () => Promise<Replica> = () => replica(),
) {
  const a = await make();
  const b = await make();
  const all: Entry[] = [];
  const put = (r: Replica, e: Entry) => {
    all.push(e);
    r.merge(e);
  };
  for (let i = 0; i < shared; i++) {
    const e = entry(`key:${i}`, `value-${i}`, wallOf(i));
    put(a, e);
    put(b, e);
  }
  return { a, b, all, put };
}

/** How a random divergence is drawn: the share of changes that rewrite a shared key, and walls. */
export interface Divergence {
  rewriteShare: number;
  /** The wall of shared entry i. */
  sharedWall: (i: number) => number;
  /** The wall of a change, drawn from the pair's random sequence. */
  changedWall: (random: () => number) => number;
  make?: () => Promise<Replica>;
}

/**
 * Two replicas with `shared` equal entries and `diverge` random changes of every kind on either
 * side: rewrites, new keys and deletes, at walls and logical counters drawn from `seed`.
 */
export async function divergentPair(
  seed: number,
  shared: number,
  diverge: number,
  how: Divergence,
): Promise<{ a: Replica; b: Replica; all: Entry[] }> {
  const random = rng(seed);
  const { a, b, all, put } = await sharedPair(shared, how.sharedWall, how.make);
  for (let i = 0; i < diverge; i++) {
    const key =
      random() < how.rewriteShare ? `key:${Math.floor(random() * shared)}` : `new:${seed}:${i}`;
    const side = random() < 0.5 ? a : b;
    const value = random() < 0.25 ? null : `diverged-${i}`;
    const wall = how.changedWall(random);
    put(side, entry(key, value, wall, side === a ? 'na' : 'nb', Math.floor(random() * 3)));
  }
  return { a, b, all };
}
