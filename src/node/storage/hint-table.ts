// Hints on disk (--data-dir): one row per peer and key, the entry itself, in the node's SQLite
// file beside its entries, so hints kept for a peer survive a restart of the node that holds them.
import type { Entry } from '../replica/entry.js';
import type { HintStorage, StoredHint } from '../hints/queue.js';
import type { Database } from './database.js';

export interface HintTable extends HintStorage {
  /** Every hint kept, for the queue to take back at start-up. */
  all(): StoredHint[];
}

const CREATE_HINTS =
  'CREATE TABLE IF NOT EXISTS hints (peer TEXT NOT NULL, key TEXT NOT NULL, value TEXT, ' +
  'wall INTEGER NOT NULL, logical INTEGER NOT NULL, node TEXT NOT NULL, ' +
  'PRIMARY KEY (peer, key)) WITHOUT ROWID';
/** A newer hint of a key replaces the older one for the same peer (the queue keeps one too). */
const UPSERT_HINT =
  'INSERT INTO hints (peer, key, value, wall, logical, node) VALUES (?, ?, ?, ?, ?, ?) ' +
  'ON CONFLICT(peer, key) DO UPDATE SET value = excluded.value, wall = excluded.wall, ' +
  'logical = excluded.logical, node = excluded.node';

type HintRow = [
  peer: string,
  key: string,
  value: string | null,
  wall: number,
  logical: number,
  node: string,
];

/** The hint table of this database, created if missing. */
export function hintTable(db: Database, transaction: <T>(fn: () => T) => T): HintTable {
  db.exec(CREATE_HINTS);
  const upsert = db.prepare(UPSERT_HINT);
  const drop = db.prepare('DELETE FROM hints WHERE peer = ? AND key = ?');
  const select = db.prepare('SELECT peer, key, value, wall, logical, node FROM hints').raw(true);
  return {
    save(peer: string, entries: readonly Entry[]) {
      transaction(() => {
        for (const { key, value, version: v } of entries)
          upsert.run(peer, key, value, v.wall, v.logical, v.node);
      });
    },
    remove(peer: string, keys: readonly string[]) {
      transaction(() => {
        for (const key of keys) drop.run(peer, key);
      });
    },
    all() {
      return (select.all() as HintRow[]).map(([peer, key, value, wall, logical, node]) => ({
        peer,
        entry: { key, value, version: { wall, logical, node } },
      }));
    },
  };
}
