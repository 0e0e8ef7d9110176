// Durable storage for --data-dir: entries (tombstones included) in SQLite through better-sqlite3,
// in WAL mode. Writes are synchronous, so an entry is on disk before the write is acknowledged
// and survives the process being killed with SIGKILL. The native module is loaded only when a
// data directory is asked for: without one, or if it cannot load, the node keeps everything in
// memory (and --data-dir fails with a sentence saying why).
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { NodeStartError } from '../errors.js';
import type { StoredEntry } from '../replica/entry.js';
import { HASH_SCHEME } from '../replica/hash.js';
import { checksumOf, viaCode, type SummedRow } from './checksum.js';
import type { Database, Statement } from './database.js';
import { hintTable, type HintTable } from './hint-table.js';

export const DATABASE_FILE = 'ae-demo.sqlite';
/**
 * Rows read per query when a node loads its data directory at start. Smaller pages leave fewer
 * rows of the page alive when a scavenge comes (they are garbage once read, but those alive are
 * copied): at 1M keys 99-102 scavenges with 2,000 against 106-109 with 10,000. Once entries no
 * longer carried a heap number and the store no Map, 1,000 and 500 beat 2,000 in 5 of 6
 * alternating in-process restores of 1M rows (by 0.04-0.38 s of ~3.2 s), and 8,000 lost all 3.
 */
const READ_PAGE_ROWS = 1_000;

export interface Storage {
  /**
   * Every stored entry as rows with their checksums, a page at a time (start-up: no object per
   * entry; the scrub: a page between two turns of the event loop).
   */
  pages(): Iterable<readonly SummedRow[]>;
  /**
   * The same rows read through a connection of their own, opened for the pass and closed after
   * it: what is on disk, not what this node's page cache remembers (the scrub).
   */
  checkPages(): Iterable<readonly SummedRow[]>;
  /**
   * Writes the entry with its placement and digest, so a restart need not hash it again, and
   * the checksum of all of them (checksum.ts).
   */
  save(entry: StoredEntry): void;
  /**
   * Writes the hashes and checksum of a row already stored with the entry's bytes, and nothing
   * else (a row loaded without them): no trigger takes it for a changed entry.
   */
  hashesOf(entry: StoredEntry): void;
  remove(keys: readonly string[]): void;
  /** Runs fn in one transaction (one disk sync for many entries). */
  transaction<T>(fn: () => T): T;
  /** Hints kept for peers that missed writes (hinted handoff). */
  hints: HintTable;
  close(): void;
}

type DatabaseClass = new (file: string, options?: { readonly: boolean }) => Database;

/** Every row, a page of rows at a time, read as arrays (far cheaper than objects one by one). */
function* paged(page: Statement): Generator<SummedRow[]> {
  let after = '';
  for (;;) {
    const rows = page.all(after, READ_PAGE_ROWS) as SummedRow[];
    yield rows;
    if (rows.length < READ_PAGE_ROWS) return;
    after = rows[rows.length - 1]![0];
  }
}

function pageOf(db: Database): Statement {
  return db
    .prepare(
      'SELECT key, value, wall, logical, node, place, hi, lo, sum, via FROM entries ' +
        'WHERE key > ? ORDER BY key LIMIT ?',
    )
    .raw(true);
}

/**
 * An entry's key, value and version, the hashes kept with it (see keepHashesOf), its checksum,
 * and how the node got it (`via`, a code: see viaCode).
 */
const CREATE_TABLE =
  'CREATE TABLE IF NOT EXISTS entries (key TEXT PRIMARY KEY, value TEXT, wall INTEGER NOT NULL, ' +
  'logical INTEGER NOT NULL, node TEXT NOT NULL, place INTEGER, hi INTEGER, lo INTEGER, sum INTEGER, ' +
  'via INTEGER) WITHOUT ROWID';
/** Saves an entry whole, over the one it replaces. */
const UPSERT =
  'INSERT INTO entries (key, value, wall, logical, node, place, hi, lo, sum, via) ' +
  'VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ' +
  'ON CONFLICT(key) DO UPDATE SET value = excluded.value, wall = excluded.wall, ' +
  'logical = excluded.logical, node = excluded.node, place = excluded.place, ' +
  'hi = excluded.hi, lo = excluded.lo, sum = excluded.sum, via = excluded.via';
/** Writes the hashes, checksum and path of a row loaded without them (Storage.hashesOf). */
const UPDATE_HASHES =
  'UPDATE entries SET place = ?, hi = ?, lo = ?, sum = ?, via = ? WHERE key = ?';

/**
 * Opens (or creates) the data directory. `scheme` labels the hashes this node stores (its
 * hasher's): rows stored under another label are hashed again when loaded (keepHashesOf).
 */
export async function openStorage(dir: string, scheme = HASH_SCHEME): Promise<Storage> {
  let Driver: DatabaseClass;
  try {
    Driver = (await import('better-sqlite3')).default as unknown as DatabaseClass;
  } catch (error) {
    const reason = (error as Error).message.split('\n')[0];
    throw new NodeStartError(
      'storage_unavailable',
      `--data-dir needs the native module better-sqlite3, which could not be loaded here (${reason}); ` +
        'run without --data-dir to keep data in memory.',
      { cause: error },
    );
  }
  let db: Database;
  try {
    mkdirSync(dir, { recursive: true });
    db = new Driver(path.join(dir, DATABASE_FILE));
    db.pragma('journal_mode = WAL');
    // NORMAL in WAL mode: a committed write survives the process dying (not a power loss).
    db.pragma('synchronous = NORMAL');
    db.exec(CREATE_TABLE);
    keepHashesOf(db, scheme);
  } catch (error) {
    throw new NodeStartError(
      'storage_unavailable',
      `Cannot open the data directory ${dir}: ${(error as Error).message}.`,
      { cause: error },
    );
  }
  const upsert = db.prepare(UPSERT);
  const drop = db.prepare('DELETE FROM entries WHERE key = ?');
  const hashes = db.prepare(UPDATE_HASHES);
  const page = pageOf(db);
  const file = path.join(dir, DATABASE_FILE);
  let depth = 0;
  const transaction = <T>(fn: () => T): T => {
    // Nested calls join the outer transaction.
    if (depth > 0) return fn();
    depth += 1;
    try {
      return db.transaction(fn)() as T;
    } finally {
      depth -= 1;
    }
  };
  return {
    pages: () => paged(page),
    *checkPages() {
      // A connection of its own, opened for the pass: a cold cache, so it reads the file.
      const reader = new Driver(file, { readonly: true });
      try {
        yield* paged(pageOf(reader));
      } finally {
        reader.close();
      }
    },
    save(e) {
      // The placement signed, as the entry keeps it: a small integer when read back.
      const { key, value, wall, logical, node, hi, lo, via } = e;
      upsert.run(key, value, wall, logical, node, e.place | 0, hi, lo, checksumOf(e), viaCode(via));
    },
    hashesOf(e) {
      hashes.run(e.place | 0, e.hi, e.lo, checksumOf(e), viaCode(e.via), e.key);
    },
    remove(keys) {
      transaction(() => {
        for (const k of keys) drop.run(k);
      });
    },
    transaction,
    hints: hintTable(db, transaction),
    close() {
      db.close();
    },
  };
}

/**
 * Kept in the file, so it also guards writes by builds that know nothing of stored hashes: those
 * overwrite an entry's value and version but not its hashes (their upsert names five columns),
 * which would leave hashes of the old entry beside the new one, and a tree that disagrees with
 * the entries forever (the walk finds equal versions and repairs nothing). An update that
 * changes the entry but leaves its digest as it was clears the hashes instead, so the next
 * start hashes that row again. This build always writes the new digest with the entry; one
 * equal to the old (the same entry saved again, or a 64-bit collision) only costs a rehash.
 * Created if missing, never replaced: a changed definition needs a new name (and a DROP of this
 * one), or directories that have this one keep it.
 */
const STALE_HASHES_TRIGGER =
  'CREATE TRIGGER IF NOT EXISTS entries_hashes_stale ' +
  'AFTER UPDATE OF value, wall, logical, node ON entries ' +
  'WHEN NEW.hi IS OLD.hi AND NEW.lo IS OLD.lo ' +
  'BEGIN UPDATE entries SET place = NULL, hi = NULL, lo = NULL WHERE key = NEW.key; END';

/**
 * Kept in the file for the same reason as STALE_HASHES_TRIGGER, one step on: a build from
 * before checksums writes a new entry and its hashes but leaves the old row's checksum, which
 * would make a good row look damaged (and be dropped). An update that changes the entry or its
 * hashes but not the checksum clears the checksum instead, and the next start checks nothing
 * of that row: it computes its hashes again from its bytes and stores them with a checksum.
 */
const STALE_SUM_TRIGGER =
  'CREATE TRIGGER IF NOT EXISTS entries_sum_stale ' +
  'AFTER UPDATE OF value, wall, logical, node, place, hi, lo ON entries ' +
  'WHEN NEW.sum IS OLD.sum ' +
  'BEGIN UPDATE entries SET sum = NULL WHERE key = NEW.key; END';

/**
 * Makes the table keep each entry's hashes under this node's scheme (`label`: this build's
 * hash functions, and the cluster key's when there is one), and a checksum. A data
 * directory from before hashes were kept gains their columns (empty); one whose hashes were
 * made under another scheme (PRAGMA user_version) has them cleared; one from before checksums
 * gains the column, empty; one from before provenance gains `via`, empty (those rows say
 * `client`). Rows without hashes or checksum are hashed from their bytes when the
 * node loads them (nothing stored beside them is trusted), and written back with both.
 */
function keepHashesOf(db: Database, label: number): void {
  const columns = (db.pragma('table_info(entries)') as { name: string }[]).map((c) => c.name);
  const scheme = db.pragma('user_version', { simple: true }) as number;
  db.transaction(() => {
    for (const column of ['place', 'hi', 'lo', 'sum', 'via'])
      if (!columns.includes(column)) db.exec(`ALTER TABLE entries ADD COLUMN ${column} INTEGER`);
    if (columns.includes('place') && scheme !== label)
      db.exec('UPDATE entries SET place = NULL, hi = NULL, lo = NULL, sum = NULL');
    if (scheme !== label) db.pragma(`user_version = ${label}`);
    // Also for a directory this build's first release migrated, which has no trigger yet.
    db.exec(STALE_HASHES_TRIGGER);
    db.exec(STALE_SUM_TRIGGER);
  })();
}
