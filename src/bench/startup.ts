// How long a node with N keys in its data directory takes to start: the rows are written
// straight into SQLite with their hashes (as a node would have), then a node is launched on
// them and timed until it says it is ready (every row checked, tree rebuilt, port bound). A
// scrub pass over the same rows is timed too.
import path from 'node:path';
import { launchNode } from '../cluster/launcher.js';
import { freeBasePort } from '../cluster/ports.js';
import { scrubPass, writeRows } from './scrub.js';
import { withBenchDir } from './temp-dir.js';

export interface StartupRow {
  keys: number;
  startMs: number;
  emptyStartMs: number;
  /** A scrub pass over the same rows: every row read back and checked against its checksum. */
  scrubMs: number;
}

export async function startupTime(n: number): Promise<StartupRow> {
  return withBenchDir('ae-demo-bench-', async (dir) => {
    await writeRows(dir, n);
    const scrub = await scrubPass(dir);
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
    const startMs = await time(dir);
    return { keys: n, startMs, emptyStartMs: await time(emptyDir), scrubMs: scrub.ms };
  });
}
