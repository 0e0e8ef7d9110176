// A data directory read back page by page: every row exactly once, in key order, whatever the
// row count is against the page size (a remainder, an exact multiple, fewer than one page), and
// the store restored from it equals the store the entries were applied to. A data directory
// from before hashes were stored, from another hash scheme, or with rows an older build
// overwrote, is hashed again at load.
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { loadHasher } from '../../src/node/replica/hash.js';
import type { Entry } from '../../src/node/replica/entry.js';
import { Store } from '../../src/node/replica/store.js';
import Database from 'better-sqlite3';
import { checksumOf } from '../../src/node/storage/checksum.js';
import { restoreFrom } from '../../src/node/storage/restore.js';
import { DATABASE_FILE, openStorage } from '../../src/node/storage/sqlite.js';
import { entry } from '../helpers/replica.js';
import { withTempDir } from '../helpers/temp-dir.js';

const hasher = await loadHasher();

describe('storage read back at start', () => {
  // 1,000 rows a page: fewer, exactly four pages, and four pages and a bit.
  for (const n of [7, 4000, 4321]) {
    it(`returns each of ${n} rows once and restores the store they were applied to`, async () => {
      await withTempDir('ae-demo-test-', async (dir) => {
        const storage = await openStorage(dir);
        const applied = new Store(hasher);
        storage.transaction(() => {
          for (let i = 0; i < n; i++) {
            const e = entry(`k${i}`, i % 7 === 0 ? null : `v${i}`, 1 + i, `node-${i % 3}`, i % 2);
            applied.apply(e);
            storage.save(applied.get(e.key)!);
          }
        });
        const keys = [...storage.pages()].flatMap((rows) => rows.map((row) => row[0]));
        assert.equal(keys.length, n);
        assert.deepEqual(keys, [...keys].sort());
        assert.equal(new Set(keys).size, n);
        const restored = new Store(hasher);
        const { newest, rehashed, damaged } = restoreFrom(storage, restored);
        storage.close();
        assert.equal(rehashed, 0, 'every row was stored with its hashes and checksum');
        assert.deepEqual(damaged, []);
        assert.equal(restored.size, n);
        assert.equal(restored.tombstoneCount, applied.tombstoneCount);
        assert.equal(restored.tree.root().digest, applied.tree.root().digest);
        assert.deepEqual(newest, { wall: n, logical: (n - 1) % 2, node: `node-${(n - 1) % 3}` });
        for (const e of applied.entries()) {
          const r = restored.get(e.key)!;
          assert.deepEqual(r, e);
          assert.equal(r.place, e.place);
          assert.deepEqual(r.version, e.version);
        }
      });
    });
  }

  // The table as builds before stored hashes made it: five columns, user_version 0.
  const OLD_TABLE =
    'CREATE TABLE entries (key TEXT PRIMARY KEY, value TEXT, wall INTEGER NOT NULL, logical INTEGER NOT NULL, node TEXT NOT NULL) WITHOUT ROWID';

  const withDir = (fn: (dir: string) => Promise<void>) => withTempDir('ae-demo-test-', fn);
  const sample = (n: number) =>
    Array.from({ length: n }, (_, i) => entry(`k${i}`, i % 5 === 0 ? null : `v${i}`, 1 + i));

  it('reads a data directory from before hashes were stored, and writes them back once', () =>
    withDir(async (dir) => {
      const entries = sample(2500);
      const old = new Database(path.join(dir, DATABASE_FILE));
      old.exec(OLD_TABLE);
      const insert = old.prepare('INSERT INTO entries VALUES (?, ?, ?, ?, ?)');
      for (const e of entries)
        insert.run(e.key, e.value, e.version.wall, e.version.logical, e.version.node);
      old.close();
      const applied = new Store(hasher);
      for (const e of entries) applied.apply(e);

      const storage = await openStorage(dir);
      const first = new Store(hasher);
      assert.deepEqual(restoreFrom(storage, first), {
        newest: entries.at(-1)!.version,
        rehashed: entries.length,
        damaged: [],
      });
      storage.close();
      assert.equal(first.tree.root().digest, applied.tree.root().digest);

      const again = await openStorage(dir);
      const second = new Store(hasher);
      assert.equal(restoreFrom(again, second).rehashed, 0);
      again.close();
      assert.equal(second.tree.root().digest, applied.tree.root().digest);
    }));

  it('hashes again the rows of a data directory stored under another hash scheme', () =>
    withDir(async (dir) => {
      const entries = sample(10);
      const storage = await openStorage(dir);
      const applied = new Store(hasher);
      for (const e of entries) {
        applied.apply(e);
        storage.save(applied.get(e.key)!);
      }
      storage.close();
      // As if another build's hash functions had written them: wrong hashes, another scheme.
      const other = new Database(path.join(dir, DATABASE_FILE));
      other.exec('UPDATE entries SET hi = 1, lo = 2');
      other.pragma('user_version = 999');
      other.close();

      const reopened = await openStorage(dir);
      const restored = new Store(hasher);
      assert.equal(restoreFrom(reopened, restored).rehashed, entries.length);
      reopened.close();
      assert.equal(restored.tree.root().digest, applied.tree.root().digest);

      // Written back under this scheme: the next start hashes nothing and reads the same tree.
      const third = await openStorage(dir);
      const again = new Store(hasher);
      assert.equal(restoreFrom(third, again).rehashed, 0);
      third.close();
      assert.equal(again.tree.root().digest, applied.tree.root().digest);
    }));

  // How builds before stored hashes wrote an entry: five columns, hashes left as they were.
  const OLD_UPSERT =
    'INSERT INTO entries (key, value, wall, logical, node) VALUES (?, ?, ?, ?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value, wall = excluded.wall, logical = excluded.logical, node = excluded.node';

  /** Writes entries as an older build would, and applies them to `applied` as well. */
  const writeAsOldBuild = (dir: string, entries: readonly Entry[], applied: Store) => {
    const old = new Database(path.join(dir, DATABASE_FILE));
    const upsert = old.prepare(OLD_UPSERT);
    for (const e of entries)
      upsert.run(e.key, e.value, e.version.wall, e.version.logical, e.version.node);
    old.close();
    for (const e of entries) applied.apply(e);
  };

  /** A node's start on dir: the store it restores and how many rows it hashed again. */
  const startOn = async (dir: string) => {
    const storage = await openStorage(dir);
    const store = new Store(hasher);
    const { rehashed } = restoreFrom(storage, store);
    storage.close();
    return { store, rehashed };
  };

  it('hashes again the rows an older build overwrote after this one stored their hashes', () =>
    withDir(async (dir) => {
      const entries = sample(300);
      const storage = await openStorage(dir);
      const applied = new Store(hasher);
      storage.transaction(() => {
        for (const e of entries) storage.save(applied.merge(e)!);
      });
      storage.close();
      // The older build runs on the same directory: it overwrites every third key with a newer
      // version (some as tombstones) and adds keys of its own.
      const newer = [
        ...entries
          .filter((_, i) => i % 3 === 0)
          .map((e, i) => entry(e.key, i % 4 === 0 ? null : `newer-${e.key}`, 10_000 + i, 'old')),
        ...Array.from({ length: 20 }, (_, i) => entry(`added-${i}`, `a${i}`, 20_000 + i, 'old')),
      ];
      writeAsOldBuild(dir, newer, applied);

      const { store: restored, rehashed } = await startOn(dir);
      assert.equal(rehashed, newer.length);
      assert.equal(restored.tree.root().digest, applied.tree.root().digest);
      for (const e of applied.entries()) assert.deepEqual(restored.get(e.key), e);
    }));

  it('adds the trigger to a directory migrated before it existed, and then guards it', () =>
    withDir(async (dir) => {
      const entries = sample(40);
      const storage = await openStorage(dir);
      const applied = new Store(hasher);
      for (const e of entries) storage.save(applied.merge(e)!);
      storage.close();
      // As the first build that kept hashes left it: scheme 1, hashes stored, no trigger.
      const first = new Database(path.join(dir, DATABASE_FILE));
      first.exec('DROP TRIGGER entries_hashes_stale');
      first.close();
      (await openStorage(dir)).close(); // this build opens it once
      const newer = entries.slice(0, 5).map((e, i) => entry(e.key, `newer-${i}`, 5_000 + i, 'old'));
      writeAsOldBuild(dir, newer, applied);

      const { store: restored, rehashed } = await startOn(dir);
      assert.equal(rehashed, newer.length);
      assert.equal(restored.tree.root().digest, applied.tree.root().digest);
    }));

  it('keeps hashes this build writes over its own rows', () =>
    withDir(async (dir) => {
      const storage = await openStorage(dir);
      const applied = new Store(hasher);
      for (const e of sample(50)) storage.save(applied.merge(e)!);
      for (const e of sample(50).map((e, i) => entry(e.key, `again-${i}`, 1_000 + i)))
        storage.save(applied.merge(e)!);
      storage.close();
      const { store: restored, rehashed } = await startOn(dir);
      assert.equal(rehashed, 0);
      assert.equal(restored.tree.root().digest, applied.tree.root().digest);
    }));

  // The table and the upsert of the build before checksums: hashes stored, no checksum.
  const UNSUMMED_TABLE =
    'CREATE TABLE entries (key TEXT PRIMARY KEY, value TEXT, wall INTEGER NOT NULL, ' +
    'logical INTEGER NOT NULL, node TEXT NOT NULL, place INTEGER, hi INTEGER, lo INTEGER) WITHOUT ROWID';
  const UNSUMMED_UPSERT =
    'INSERT INTO entries (key, value, wall, logical, node, place, hi, lo) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ' +
    'ON CONFLICT(key) DO UPDATE SET value = excluded.value, wall = excluded.wall, ' +
    'logical = excluded.logical, node = excluded.node, place = excluded.place, hi = excluded.hi, lo = excluded.lo';

  it('checks nothing it cannot: rows from before checksums are hashed from their bytes once', () =>
    withDir(async (dir) => {
      const entries = sample(120);
      const applied = new Store(hasher);
      for (const e of entries) applied.apply(e);
      const old = new Database(path.join(dir, DATABASE_FILE));
      old.exec(UNSUMMED_TABLE);
      old.pragma('user_version = 1');
      const upsert = old.prepare(UNSUMMED_UPSERT);
      for (const e of applied.entries())
        upsert.run(e.key, e.value, e.wall, e.logical, e.node, e.place | 0, e.hi, e.lo);
      // A digest that disagrees with its row: without a checksum, recomputed, never trusted.
      old.exec("UPDATE entries SET hi = hi + 1 WHERE key = 'k7'");
      old.close();

      const first = await startOn(dir);
      assert.equal(first.rehashed, entries.length);
      assert.equal(first.store.tree.root().digest, applied.tree.root().digest);
      const second = await startOn(dir);
      assert.equal(second.rehashed, 0, 'written back with checksums');
      assert.equal(second.store.tree.root().digest, applied.tree.root().digest);
    }));

  it('a row the build before checksums overwrote is hashed again, not taken for damage', () =>
    withDir(async (dir) => {
      const entries = sample(30);
      const storage = await openStorage(dir);
      const applied = new Store(hasher);
      for (const e of entries) storage.save(applied.merge(e)!);
      storage.close();
      const newer = new Store(hasher);
      const e = newer.merge(entry('k3', 'from the older build', 9_000, 'old'))!;
      applied.apply(e);
      const old = new Database(path.join(dir, DATABASE_FILE));
      old
        .prepare(UNSUMMED_UPSERT)
        .run(e.key, e.value, e.wall, e.logical, e.node, e.place | 0, e.hi, e.lo);
      old.close();

      const storage2 = await openStorage(dir);
      const restored = new Store(hasher);
      const report = restoreFrom(storage2, restored);
      storage2.close();
      assert.deepEqual([report.rehashed, report.damaged], [1, []]);
      assert.equal(restored.get('k3')!.value, 'from the older build');
      assert.equal(restored.tree.root().digest, applied.tree.root().digest);
    }));

  // The upsert of the build before provenance: hashes and checksum, no `via`.
  const UNLABELLED_UPSERT =
    'INSERT INTO entries (key, value, wall, logical, node, place, hi, lo, sum) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ' +
    'ON CONFLICT(key) DO UPDATE SET value = excluded.value, wall = excluded.wall, logical = excluded.logical, ' +
    'node = excluded.node, place = excluded.place, hi = excluded.hi, lo = excluded.lo, sum = excluded.sum';

  it('keeps each row its path; a row the build before provenance overwrote says client', () =>
    withDir(async (dir) => {
      const storage = await openStorage(dir);
      const applied = new Store(hasher);
      for (const e of sample(20)) storage.save(applied.merge(e, 'hint')!);
      storage.close();
      const e = new Store(hasher).merge(entry('k3', 'from the older build', 9_000, 'old'))!;
      applied.apply(e);
      const old = new Database(path.join(dir, DATABASE_FILE));
      const sum = checksumOf({
        ...e.version,
        key: e.key,
        value: e.value,
        place: e.place,
        hi: e.hi,
        lo: e.lo,
      });
      old
        .prepare(UNLABELLED_UPSERT)
        .run(e.key, e.value, e.wall, e.logical, e.node, e.place | 0, e.hi, e.lo, sum);
      old.close();

      const { store: restored, rehashed } = await startOn(dir);
      assert.equal(rehashed, 0);
      assert.equal(restored.get('k3')!.value, 'from the older build');
      assert.equal(restored.get('k3')!.via, 'client');
      assert.equal(restored.get('k4')!.via, 'hint');
      assert.equal(restored.tree.root().digest, applied.tree.root().digest);
    }));
});
