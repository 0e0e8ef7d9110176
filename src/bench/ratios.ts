// Start-up as ratios to bare Node in the same run (the machine's load moves both alike): how
// long `node -e 0` takes, a node until it is ready (listening, IPC "ready" sent) and a whole
// `ae-demo run --json`. Trials are interleaved and the median of each is kept.
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { launchNode } from '../cluster/launcher.js';
import { freeBasePort } from '../cluster/ports.js';
import { median } from './bracket.js';

const BIN = fileURLToPath(new URL('../../../bin/ae-demo.js', import.meta.url));
/** Trials of each; the median resists a neighbour's burst of load. */
const TRIALS = 5;

export interface StartupRatios {
  bareMs: number;
  nodeReadyMs: number;
  runJsonMs: number;
}

export async function startupRatios(): Promise<StartupRatios> {
  const bare: number[] = [];
  const node: number[] = [];
  const run: number[] = [];
  for (let i = 0; i < TRIALS; i++) {
    bare.push(await timed(() => execa(process.execPath, ['-e', '0'])));
    node.push(await nodeReadyMs());
    const base = await freeBasePort(3);
    const args = [BIN, 'run', '--json', '--base-port', String(base)];
    run.push(await timed(() => execa(process.execPath, args, { env: { NO_COLOR: '1' } })));
  }
  return { bareMs: median(bare), nodeReadyMs: median(node), runJsonMs: median(run) };
}

/** From fork to the node's "ready" message (its stop is not counted). */
async function nodeReadyMs(): Promise<number> {
  const port = await freeBasePort(1);
  const started = performance.now();
  const launched = await launchNode(
    { index: 1, host: '127.0.0.1', port, peers: [], args: ['--ae-interval', '0'], env: {} },
    { portFlag: '--port' },
  );
  const ms = performance.now() - started;
  await launched.stop();
  return ms;
}

/** Wall time until fn's promise settles. */
async function timed(fn: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await fn();
  return performance.now() - started;
}
