// A data directory read back page by page: every row exactly once, in key order, whatever the
// row count is against the page size (a remainder, an exact multiple, fewer than one page), and
// the store restored from it equals the store the entries were applied to.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { loadHasher } from '../../src/node/replica/hash.js';
import { Store } from '../../src/node/replica/store.js';
import { openStorage } from '../../src/node/storage/sqlite.js';
import { entry } from '../helpers/replica.js';

const hasher = await loadHasher();

describe('storage read back at start', () => {
  // 2,000 rows a page: fewer, exactly two pages, and two pages and a bit.
  for (const n of [7, 4000, 4321]) {
    it(`returns each of ${n} rows once and restores the store they were applied to`, async () => {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'ae-demo-test-'));
      try {
        const storage = await openStorage(dir);
        const applied = new Store(hasher);
        storage.transaction(() => {
          for (let i = 0; i < n; i++) {
            const e = entry(`k${i}`, i % 7 === 0 ? null : `v${i}`, 1 + i, `node-${i % 3}`, i % 2);
            applied.apply(e);
            storage.save(e);
          }
        });
        const keys = [...storage.pages()].flatMap((rows) => rows.map((row) => row[0]));
        assert.equal(keys.length, n);
        assert.deepEqual(keys, [...keys].sort());
        assert.equal(new Set(keys).size, n);
        const restored = new Store(hasher);
        const newest = restored.restore(storage.pages());
        storage.close();
        assert.equal(restored.size, n);
        assert.equal(restored.tombstoneCount, applied.tombstoneCount);
        assert.equal(restored.tree.root().digest, applied.tree.root().digest);
        assert.deepEqual(newest, { wall: n, logical: (n - 1) % 2, node: `node-${(n - 1) % 3}` });
        for (const e of applied.entries()) {
          const r = restored.get(e.key)!;
          assert.deepEqual(r, e);
          assert.equal(r.place, e.place);
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});
