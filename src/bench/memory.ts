// Child of bench/tree.ts and bench/upkeep.ts: fills a store with n keys (with the RIBLT sketch
// when the second argument is "sketch") and prints the RSS it added per key, the sketch included.
import { loadHasher } from '../node/replica/hash.js';
import { Store } from '../node/replica/store.js';
import { Sketch } from '../node/sync/riblt/sketch.js';

/**
 * The value as a node holds it: one flat string, as JSON.parse, SQLite and the wire decoder
 * make. padEnd makes a rope of several strings (~190 B more per key), which only stayed out
 * of the figure while the store happened to flatten values by measuring their UTF-8 length.
 */
const flat = (s: string): string => Buffer.from(s, 'latin1').toString('latin1');

const n = Number(process.argv[2]);
const withSketch = process.argv[3] === 'sketch';
const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
const hasher = await loadHasher();
gc();
const before = process.memoryUsage.rss();
const store = new Store(hasher, withSketch ? new Sketch() : undefined);
for (let i = 0; i < n; i++) {
  store.apply({
    key: `key:${String(i).padStart(8, '0')}`,
    value: flat(`value ${i}`.padEnd(100, '.')),
    version: { wall: 1_800_000_000_000_000 + i, logical: 0, node: 'node-9999' },
  });
}
gc();
const rss = process.memoryUsage.rss();
process.stdout.write(
  JSON.stringify({ keys: store.size, bytesPerKey: Math.round((rss - before) / n), rssBytes: rss }),
);
