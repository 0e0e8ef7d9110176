// What the store tells the structures kept beside it, and what a restore from disk hands back.
import type { Version } from '../../api/version.js';
import type { StoredEntry } from './entry.js';

/** Told of every entry the store starts or stops holding: a structure kept beside the tree. */
export interface StoreObserver {
  added(entry: StoredEntry): void;
  removed(entry: StoredEntry): void;
  /** An overwrite: previous out, entry in (one call, so the sketch can do both at once). */
  replaced(previous: StoredEntry, entry: StoredEntry): void;
}

export interface Restored {
  /** The newest version among the rows: the clock resumes past it. */
  newest: Version | undefined;
  /** Entries whose rows came without their hashes (an older data directory): store them. */
  unhashed: StoredEntry[];
}
