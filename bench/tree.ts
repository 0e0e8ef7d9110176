// The tree's cost per write at 1k and at 1M keys (Store.apply: digest, XOR path, map), and the
// memory a node holds per key at 1M keys (measured in a child process, after GC).
import { execa } from 'execa';
import { fileURLToPath } from 'node:url';
import { loadHasher } from '../src/node/replica/hash.js';
import { MerkleTree, type TreeItem } from '../src/node/tree/merkle.js';
import { Store } from '../src/node/replica/store.js';

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
  /** The tree's own cost: a write with the tree update minus the same write without it. */
  treeNsPerWrite: number;
  /** A whole Store.apply: digest, map, tree, and the garbage it leaves. */
  applyNsPerWrite: number;
}

/**
 * Per overwrite of an existing key (the steady state of a store). The tree's cost is measured
 * as a difference: the same lookups and new items with and without tree.replace, so that the
 * map lookup and the allocation (which grow with any store's size) are not charged to it.
 */
export async function treeCost(sizes: number[]): Promise<TreeRow[]> {
  const hasher = await loadHasher();
  const rows: TreeRow[] = [];
  for (const n of sizes) {
    const items = new Map<string, TreeItem>();
    for (let i = 0; i < n; i++)
      items.set(`key:${i}`, { key: `key:${i}`, place: hasher.place(`key:${i}`), hi: i, lo: i });
    const tree = new MerkleTree(items.values());
    // The baseline runs on a map of the same size that the tree does not know.
    const shadow = new Map([...items].map(([k, v]) => [k, { ...v }]));
    const keys = Array.from({ length: WRITES }, (_, i) => `key:${(i * 7919) % n}`);
    const pass = (withTree: boolean): number => {
      const map = withTree ? items : shadow;
      const started = process.hrtime.bigint();
      for (let i = 0; i < keys.length; i++) {
        const old = map.get(keys[i]!)!;
        const next = { key: old.key, place: old.place, hi: (old.hi + 1) >>> 0, lo: old.lo ^ i };
        if (withTree) tree.replace(old, next);
        map.set(old.key, next);
      }
      return Number(process.hrtime.bigint() - started) / keys.length;
    };
    pass(false);
    pass(true);
    const samples = Array.from({ length: 3 }, () => pass(true) - pass(false));
    const store = new Store(hasher);
    for (let i = 0; i < n; i++)
      store.apply({
        key: `key:${i}`,
        value: VALUE,
        version: { wall: WALL, logical: 0, node: 'a' },
      });
    const entries = keys.map((key, i) => ({
      key,
      value: VALUE,
      version: { wall: WALL + 1 + i, logical: 0, node: 'a' },
    }));
    const started = process.hrtime.bigint();
    for (const e of entries) store.apply(e);
    rows.push({
      keys: n,
      treeNsPerWrite: Math.max(0, Math.min(...samples)),
      applyNsPerWrite: Number(process.hrtime.bigint() - started) / entries.length,
    });
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
