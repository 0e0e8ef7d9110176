// How long a node with N keys in its data directory takes to start: the rows are written
// straight into SQLite with their hashes (as a node would have), then a node is launched on them and timed until
// it says it is ready (tree rebuilt, port bound).
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launchNode } from '../cluster/launcher.js';
import { freeBasePort } from '../cluster/ports.js';
import { loadHasher } from '../node/replica/hash.js';
import { hashed } from '../node/replica/hash.js';
import { openStorage } from '../node/storage/sqlite.js';

const WRITE_BATCH = 50_000;

export interface StartupRow {
  keys: number;
  startMs: number;
  emptyStartMs: number;
}

export async function startupTime(n: number): Promise<StartupRow> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ae-demo-bench-'));
  try {
    const hasher = await loadHasher();
    const storage = await openStorage(dir);
    for (let start = 0; start < n; start += WRITE_BATCH) {
      storage.transaction(() => {
        for (let i = start; i < Math.min(n, start + WRITE_BATCH); i++) {
          storage.save(
            hashed(
              hasher,
              `key:${String(i).padStart(8, '0')}`,
              `value ${i}`.padEnd(100, '.'),
              1_800_000_000_000_000 + i,
              0,
              'node-9999',
            ),
          );
        }
      });
    }
    storage.close();
    const time = async (dataDir: string) => {
      const port = await freeBasePort(1);
      const started = performance.now();
      const node = await launchNode(
        {
          index: 1,
          host: '127.0.0.1',
          port,
          peers: [],
          args: ['--data-dir', dataDir, '--ae-interval', '0'],
          env: {},
        },
        { portFlag: '--port' },
      );
      const ms = performance.now() - started;
      await node.stop();
      return ms;
    };
    const emptyDir = path.join(dir, 'empty');
    return { keys: n, startMs: await time(dir), emptyStartMs: await time(emptyDir) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
