// A store filled from its data directory at start: rows read a page at a time, each checked
// against its checksum, and built in bulk. A damaged row is left out and deleted (treated as
// missing: anti-entropy brings the good copy back from a peer and writes it to disk again). Rows
// stored without a checksum or without their hashes (by an older build, or under another hash
// scheme) are hashed once here from their bytes and written back with both, so the next start
// checks them and reads their hashes as they are.
import type { Store } from '../replica/store.js';
import type { Version } from '../../api/version.js';
import { checkRows, viaOfRow } from './checksum.js';
import type { Storage } from './sqlite.js';

export interface RestoreReport {
  /** The newest version among the good rows (the clock resumes past it). */
  newest: Version | undefined;
  /** Rows that were stored without hashes or checksum (or with stale ones) and were hashed here. */
  rehashed: number;
  /** Keys of the rows whose bytes disagree with their checksum: not loaded, and deleted. */
  damaged: string[];
}

/** Fills the empty store from storage, writing back the hashes of rows stored without them. */
export function restoreFrom(storage: Storage, store: Store): RestoreReport {
  const damaged: string[] = [];
  function* checked() {
    for (const rows of storage.pages()) {
      const sorted = checkRows(rows);
      for (const key of sorted.damaged) damaged.push(key);
      yield sorted.good;
    }
  }
  const { newest, unhashed } = store.restore(checked(), viaOfRow);
  // Missing here, missing on disk: the repair is then a plain insert, which no trigger mistakes
  // for an older build's write over the row (its hashes equal the damaged row's).
  if (damaged.length > 0) storage.remove(damaged);
  if (unhashed.length > 0)
    storage.transaction(() => {
      for (const e of unhashed) storage.hashesOf(e);
    });
  return { newest, rehashed: unhashed.length, damaged };
}
