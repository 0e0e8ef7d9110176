// A store filled from its data directory at start: rows read a page at a time and built in
// bulk. Rows stored without their hashes (by a build from before they were kept, or under
// another hash scheme) are hashed once here and written back with them, so the next start
// reads them as they are.
import type { Store } from '../replica/store.js';
import type { Version } from '../../api/version.js';
import type { Storage } from './sqlite.js';

export interface RestoreReport {
  /** The newest version stored (the clock resumes past it). */
  newest: Version | undefined;
  /** Rows that were stored without hashes (or with stale ones) and were hashed here. */
  rehashed: number;
}

/** Fills the empty store from storage, writing back the hashes of rows stored without them. */
export function restoreFrom(storage: Storage, store: Store): RestoreReport {
  const { newest, unhashed } = store.restore(storage.pages());
  if (unhashed.length > 0)
    storage.transaction(() => {
      for (const e of unhashed) storage.save(e);
    });
  return { newest, rehashed: unhashed.length };
}
