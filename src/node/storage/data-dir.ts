// A node's data directory at start (--data-dir): opened, the store filled from it with every
// row checked, what was found said in the log, and the background scrub made ready.
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Counters } from '../../api/counters.js';
import type { Version } from '../../api/version.js';
import type { Store } from '../replica/store.js';
import { checkModeMark } from './mode-mark.js';
import { restoreFrom } from './restore.js';
import { damageLines, Scrub } from './scrub.js';
import { openStorage, type Storage } from './sqlite.js';

export interface DataDir {
  storage: Storage;
  /** The newest version stored in a good row (the clock resumes past it). */
  newest: Version | undefined;
  scrub: Scrub;
}

export interface DataDirOptions {
  dir: string;
  store: Store;
  /** The label of the hashes the store makes (Hasher.scheme). */
  scheme: number;
  counters: Counters;
  /** Milliseconds between two scrubs (0: none). */
  scrubIntervalMs: number;
  log: (line: string) => void;
}

/** Opens the directory and fills the empty store from it; the scrub is started by the caller. */
export async function openDataDir(o: DataDirOptions): Promise<DataDir> {
  const storage = await openStorage(o.dir, o.scheme);
  const restored = restoreFrom(storage, o.store);
  try {
    checkModeMark(o.dir, o.store.conflicts, o.store.size > 0 || restored.damaged.length > 0);
  } catch (error) {
    storage.close();
    throw error;
  }
  if (restored.rehashed > 0)
    o.log(
      `data dir: hashed ${restored.rehashed} stored entries again from their bytes (written by ` +
        'an older build, or under another hash scheme) and stored their hashes and checksums',
    );
  o.counters.corrupt += restored.damaged.length;
  for (const line of damageLines(restored.damaged, 'the start-up check')) o.log(line);
  const scrub = new Scrub({
    pages: () => storage.checkPages(),
    drop: (key) => {
      o.store.forget(key);
      storage.remove([key]);
    },
    counters: o.counters,
    log: o.log,
    intervalMs: o.scrubIntervalMs,
    known: restored.damaged,
    now: () => performance.now(),
    pause: () => nextTurn(),
  });
  return { storage, newest: restored.newest, scrub };
}
