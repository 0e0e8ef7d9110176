// Child of bench/tree.ts: fills a store with n keys and prints the RSS it added per key.
import { loadHasher } from '../src/node/replica/hash.js';
import { Store } from '../src/node/replica/store.js';

const n = Number(process.argv[2]);
const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
const store = new Store(await loadHasher());
gc();
const before = process.memoryUsage.rss();
for (let i = 0; i < n; i++) {
  store.apply({
    key: `key:${String(i).padStart(8, '0')}`,
    value: `value ${i}`.padEnd(100, '.'),
    version: { wall: 1_800_000_000_000_000 + i, logical: 0, node: 'node-9999' },
  });
}
gc();
const rss = process.memoryUsage.rss();
process.stdout.write(
  JSON.stringify({ keys: store.size, bytesPerKey: Math.round((rss - before) / n), rssBytes: rss }),
);
