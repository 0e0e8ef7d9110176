// Durable storage for --data-dir: entries (tombstones included) in SQLite through better-sqlite3,
// in WAL mode. Writes are synchronous, so an entry is on disk before the write is acknowledged
// and survives the process being killed with SIGKILL. The native module is loaded only when a
// data directory is asked for: without one, or if it cannot load, the node keeps everything in
// memory (and --data-dir fails with a sentence saying why).
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { NodeStartError } from '../errors.js';
import type { EntryRow, StoredEntry } from '../replica/entry.js';
import { HASH_SCHEME } from '../replica/hash.js';

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
  /** Every stored entry as rows, a page at a time (start-up: no object per entry). */
  pages(): Iterable<readonly EntryRow[]>;
  /** Writes the entry with its placement and digest, so a restart need not hash it again. */
  save(entry: StoredEntry): void;
  remove(keys: readonly string[]): void;
  /** Runs fn in one transaction (one disk sync for many entries). */
  transaction<T>(fn: () => T): T;
  close(): void;
}

interface Statement {
  run(...params: unknown[]): unknown;
  all(...params: unknown[]): unknown[];
  get(...params: unknown[]): unknown;
  raw(toggle: boolean): Statement;
}

interface Database {
  pragma(source: string, options?: { simple: boolean }): unknown;
  exec(source: string): unknown;
  prepare(source: string): Statement;
  transaction<F extends (...args: never[]) => unknown>(fn: F): F;
  close(): void;
}

/** An entry's key, value and version, and the hashes kept with it (see keepHashesOf). */
const CREATE_TABLE =
  'CREATE TABLE IF NOT EXISTS entries (key TEXT PRIMARY KEY, value TEXT, wall INTEGER NOT NULL, ' +
  'logical INTEGER NOT NULL, node TEXT NOT NULL, place INTEGER, hi INTEGER, lo INTEGER) WITHOUT ROWID';
/** Saves an entry whole, over the one it replaces. */
const UPSERT =
  'INSERT INTO entries (key, value, wall, logical, node, place, hi, lo) ' +
  'VALUES (?, ?, ?, ?, ?, ?, ?, ?) ' +
  'ON CONFLICT(key) DO UPDATE SET value = excluded.value, wall = excluded.wall, ' +
  'logical = excluded.logical, node = excluded.node, place = excluded.place, ' +
  'hi = excluded.hi, lo = excluded.lo';

export async function openStorage(dir: string): Promise<Storage> {
  let Driver: new (file: string) => Database;
  try {
    Driver = (await import('better-sqlite3')).default as unknown as new (file: string) => Database;
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
    keepHashesOf(db);
  } catch (error) {
    throw new NodeStartError(
      'storage_unavailable',
      `Cannot open the data directory ${dir}: ${(error as Error).message}.`,
      { cause: error },
    );
  }
  const upsert = db.prepare(UPSERT);
  const drop = db.prepare('DELETE FROM entries WHERE key = ?');
  // Read in pages of rows as arrays: far cheaper per row than iterating objects one by one.
  const page = db
    .prepare(
      'SELECT key, value, wall, logical, node, place, hi, lo FROM entries WHERE key > ? ORDER BY key LIMIT ?',
    )
    .raw(true);
  function* pages(): Generator<EntryRow[]> {
    let after = '';
    for (;;) {
      const rows = page.all(after, READ_PAGE_ROWS) as EntryRow[];
      yield rows;
      if (rows.length < READ_PAGE_ROWS) return;
      after = rows[rows.length - 1]![0];
    }
  }
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
    pages,
    save(e) {
      // The placement signed, as the entry keeps it: a small integer when read back.
      upsert.run(e.key, e.value, e.wall, e.logical, e.node, e.place | 0, e.hi, e.lo);
    },
    remove(keys) {
      transaction(() => {
        for (const k of keys) drop.run(k);
      });
    },
    transaction,
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
 * Makes the table keep each entry's hashes under this build's scheme. A data directory from
 * before hashes were kept gains their columns (empty); one whose hashes were made under another
 * scheme (PRAGMA user_version) has them cleared. Rows without hashes are hashed when the node
 * loads them, and written back with them.
 */
function keepHashesOf(db: Database): void {
  const columns = (db.pragma('table_info(entries)') as { name: string }[]).map((c) => c.name);
  const scheme = db.pragma('user_version', { simple: true }) as number;
  db.transaction(() => {
    if (!columns.includes('place')) {
      for (const column of ['place', 'hi', 'lo'])
        db.exec(`ALTER TABLE entries ADD COLUMN ${column} INTEGER`);
    } else if (scheme !== HASH_SCHEME)
      db.exec('UPDATE entries SET place = NULL, hi = NULL, lo = NULL');
    if (scheme !== HASH_SCHEME) db.pragma(`user_version = ${HASH_SCHEME}`);
    // Also for a directory this build's first release migrated, which has no trigger yet.
    db.exec(STALE_HASHES_TRIGGER);
  })();
}
