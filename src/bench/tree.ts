// The tree's cost per write at 1k and at 1M keys (Store.apply: digest, XOR path, map; with the
// public tree hashes and keyed ones, as under a cluster key), and the memory a node holds per
// key at 1M keys (measured in a child process, after GC).
import { setImmediate as turnOfTheLoop } from 'node:timers/promises';
import { execa } from 'execa';
import { fileURLToPath } from 'node:url';
import { clusterHashKeys, loadHasher, type Hasher } from '../node/replica/hash.js';
import { MerkleTree } from '../node/tree/merkle.js';
import type { TreeItem } from '../node/tree/shape.js';
import { Store } from '../node/replica/store.js';
import { median } from './bracket.js';
import type { PhaseStep } from './step.js';

const WRITES = 200_000;
const VALUE = 'v'.repeat(100);
/**
 * Walls as a node's clock makes them (microseconds since 1970, ~2^51). Walls of 1, 2, ... made
 * the version objects' wall a small integer in some and a double in others (the store reads it
 * back from two halves), and V8 kept generalising the shared shape: Store.apply measured twice
 * what it costs with real walls.
 */
const WALL = 1_800_000_000_000_000;

export interface TreeRow {
  keys: number;
  /** The tree's own cost: tree.replace alone, on items made before the clock starts. */
  treeNsPerWrite: number;
  /** A whole Store.apply: digest, map, tree, and the garbage it leaves. */
  applyNsPerWrite: number;
  /** The same under a cluster key: the tree's hashes keyed (HalfSipHash), as nodes with one. */
  keyedApplyNsPerWrite: number;
}

/**
 * The cluster key of the keyed figures and of the exchange grid's nodes (run, cluster and chaos
 * always give theirs one): any key, since they measure HalfSipHash against xxHash.
 */
export const BENCH_CLUSTER_KEY = 'bench cluster key';

/** Store.apply per overwrite of a store of n keys under this hasher (WRITES timed writes). */
async function applyCost(
  hasher: Hasher,
  n: number,
  keyOfWrite: (i: number) => string,
): Promise<number> {
  const store = new Store(hasher);
  for (let i = 0; i < n; i++)
    store.apply({ key: `key:${i}`, value: VALUE, version: { wall: WALL, logical: 0, node: 'a' } });
  await turnOfTheLoop();
  const entries = Array.from({ length: WRITES }, (_, i) => ({
    key: keyOfWrite(i),
    value: VALUE,
    version: { wall: WALL + 1 + i, logical: 0, node: 'a' },
  }));
  const started = process.hrtime.bigint();
  for (const e of entries) store.apply(e);
  return Number(process.hrtime.bigint() - started) / entries.length;
}

/** Timed passes of WRITES tree updates each; the tree's cost is their median. */
const TREE_PASSES = 3;

/**
 * Per overwrite of an existing key (the steady state of a store). The tree's cost is timed
 * alone: the chain of (item the tree holds, its next version) for every write is made first,
 * untimed, so the loop that is timed does nothing but tree.replace (find the item in its leaf,
 * one path of XORs), cache misses included. It was a difference (a loop with tree.replace minus
 * the same loop without it) until that read 0 at 1M keys: the map lookups both loops share
 * miss the caches too, and their noise was larger than the tree's cost.
 */
export async function treeCost(sizes: readonly number[], step: PhaseStep): Promise<TreeRow[]> {
  const hasher = await loadHasher();
  const keyed = await loadHasher(clusterHashKeys(BENCH_CLUSTER_KEY));
  const rows: TreeRow[] = [];
  // How far it is: a size's share is its keys (building the tree and the store is most of it).
  const total = sizes.reduce((sum, n) => sum + n, 0);
  let done = 0;
  for (const n of sizes) {
    const items = new Map<string, TreeItem>();
    for (let i = 0; i < n; i++)
      items.set(`key:${i}`, { key: `key:${i}`, place: hasher.place(`key:${i}`), hi: i, lo: i });
    const tree = new MerkleTree(items.values());
    // Between the untimed stretches the event loop turns: the progress line and Ctrl-C are heard.
    await turnOfTheLoop();
    // Write i overwrites key i * 7919 mod n: every key once per n writes, in no order.
    const keyOfWrite = (i: number) => `key:${(i * 7919) % n}`;
    const olds: TreeItem[] = [];
    const nexts: TreeItem[] = [];
    for (let i = 0; i < WRITES * (TREE_PASSES + 1); i++) {
      const key = keyOfWrite(i);
      const old = items.get(key)!;
      const next = { key: old.key, place: old.place, hi: (old.hi + 1) >>> 0, lo: old.lo ^ i };
      items.set(key, next);
      olds.push(old);
      nexts.push(next);
    }
    const pass = (from: number): number => {
      const started = process.hrtime.bigint();
      for (let i = from; i < from + WRITES; i++) tree.replace(olds[i]!, nexts[i]!);
      return Number(process.hrtime.bigint() - started) / WRITES;
    };
    pass(0); // warm: V8 compiles the loop and tree.replace
    const samples = Array.from({ length: TREE_PASSES }, (_, p) => pass((p + 1) * WRITES));
    await turnOfTheLoop();
    const applyNsPerWrite = await applyCost(hasher, n, keyOfWrite);
    const keyedApplyNsPerWrite = await applyCost(keyed, n, keyOfWrite);
    rows.push({ keys: n, treeNsPerWrite: median(samples), applyNsPerWrite, keyedApplyNsPerWrite });
    done += n;
    step.done(done / total);
  }
  return rows;
}

/** RSS per key of a store holding n keys with 100-byte values, in a fresh process. */
export async function memoryPerKey(
  n: number,
): Promise<{ keys: number; bytesPerKey: number; rssBytes: number }> {
  const script = fileURLToPath(new URL('./memory.js', import.meta.url));
  const { stdout } = await execa(process.execPath, ['--expose-gc', script, String(n)]);
  return JSON.parse(stdout) as { keys: number; bytesPerKey: number; rssBytes: number };
}
