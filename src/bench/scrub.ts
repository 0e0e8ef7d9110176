// What a scrub pass costs: rows written into a data directory as a node writes them (hashes and
// checksum), then every row read back through the scrub's own connection and checked against
// its checksum, timed without the pauses a running node's scrub takes between pages. The
// bench reports it per 100,000 rows and beside a start from the same rows; the bit-rot
// scenario measures it once as it runs.
import { hashed, loadHasher } from '../node/replica/hash.js';
import { checkRows } from '../node/storage/checksum.js';
import { openStorage } from '../node/storage/sqlite.js';
import { withBenchDir } from './temp-dir.js';

/** Rows written per transaction (one disk sync each). */
const WRITE_BATCH = 50_000;
/** What a cost is given per: rows. */
export const SCRUB_PER = 100_000;

/** Writes n rows (100-byte values) into the data directory dir, as a node would store them. */
export async function writeRows(dir: string, n: number): Promise<void> {
  const hasher = await loadHasher();
  const storage = await openStorage(dir);
  try {
    for (let start = 0; start < n; start += WRITE_BATCH) {
      storage.transaction(() => {
        for (let i = start; i < Math.min(n, start + WRITE_BATCH); i++) {
          const key = `key:${String(i).padStart(8, '0')}`;
          const value = `value ${i}`.padEnd(100, '.');
          storage.save(hashed(hasher, key, value, 1_800_000_000_000_000 + i, 0, 'node-9999'));
        }
      });
    }
  } finally {
    storage.close();
  }
}

export interface ScrubCost {
  rows: number;
  ms: number;
  /** Damaged rows found (0 on rows written as above). */
  damaged: number;
}

/** One scrub pass over the data directory dir, timed. */
export async function scrubPass(dir: string): Promise<ScrubCost> {
  const storage = await openStorage(dir);
  try {
    const started = performance.now();
    let rows = 0;
    let damaged = 0;
    for (const page of storage.checkPages()) {
      rows += page.length;
      damaged += checkRows(page).damaged.length;
    }
    return { rows, ms: performance.now() - started, damaged };
  } finally {
    storage.close();
  }
}

/** A scrub pass over n fresh rows in a scratch directory (removed after). */
export async function measureScrub(n = SCRUB_PER): Promise<ScrubCost> {
  return withBenchDir('ae-demo-scrub-', async (dir) => {
    await writeRows(dir, n);
    return scrubPass(dir);
  });
}
