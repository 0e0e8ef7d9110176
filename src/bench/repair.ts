// A short outage repaired two ways, on real node processes: 10,000 replicated writes a node
// missed while it was down for a moment, brought back by hinted handoff (the writer replays its
// hints once the node answers again) and by one Merkle round (hints off, one trigger the moment
// the node is back). Each path on a fresh pair of nodes with data directories, beside a base of
// keys both hold (the round must find the missed keys among them): the time from the node's
// return to every missed write on it, and the body bytes that moved (the writer's message
// records for hints, the round's report for the Merkle round).
import path from 'node:path';
import type { MessageRecord } from '../api/messages.js';
import { startCluster, type Cluster } from '../cluster/cluster.js';
import { streamMessages } from '../cluster/message-stream.js';
import { allStats, roundsRun } from '../cluster/stats-sum.js';
import { freeBasePort } from '../cluster/ports.js';
import type { PhaseStep } from './step.js';
import { withBenchDir } from './temp-dir.js';

/** Writes the node misses while it is down. */
export const REPAIR_MISSED = 10_000;
/** Keys both nodes hold before the outage. */
export const REPAIR_BASE = 10_000;
/** The batch route takes this many items per request. */
const BATCH = 5_000;
/** As in the exchange grid: 100-byte values. */
const VALUE_BYTES = 100;
/** How often convergence is looked for, and for how long at most. */
const POLL_MS = 10;
const DEADLINE_MS = 120_000;

export type RepairPath = 'hint' | 'merkle';

export interface RepairRow {
  path: RepairPath;
  missed: number;
  /** From the node answering again to every missed write on it. */
  ms: number;
  /** Body bytes of the path's messages, both ways. */
  bytes: number;
  messages: number;
  /** Anti-entropy rounds the two nodes ran (the hint path must need none). */
  rounds: number;
}

export async function repairBench(step: PhaseStep): Promise<RepairRow[]> {
  const hint = await repairOnce('hint');
  step.done(0.5);
  const merkle = await repairOnce('merkle');
  step.log(
    `10,000 missed writes: hints ${hint.ms.toFixed(0)} ms, ${hint.bytes} B; ` +
      `one Merkle round ${merkle.ms.toFixed(0)} ms, ${merkle.bytes} B`,
  );
  return [hint, merkle];
}

function repairOnce(path_: RepairPath): Promise<RepairRow> {
  return withBenchDir('ae-demo-bench-repair-', (dir) => repairIn(dir, path_));
}

async function repairIn(dir: string, path_: RepairPath): Promise<RepairRow> {
  const cluster = await startCluster({
    count: 2,
    basePort: await freeBasePort(2),
    portFlag: '--base-port',
    nodeArgs: (i) => [
      ...['--ae-interval', '0', '--hints', path_ === 'hint' ? 'on' : 'off'],
      ...['--data-dir', path.join(dir, `node-${i}`)],
    ],
  });
  try {
    const [writer, stale] = cluster.clients as [Cluster['clients'][0], Cluster['clients'][0]];
    await write(cluster, 'base', REPAIR_BASE);
    await cluster.kill(2, 'SIGKILL');
    await write(cluster, 'missed', REPAIR_MISSED);
    const hints = { bytes: 0, messages: 0 };
    const stop = await streamMessages(writer.address, undefined, (r: MessageRecord) => {
      // Attempts while the node was down (no answer) moved nothing.
      if (r.kind !== 'hint' || r.noAnswer !== undefined) return;
      hints.bytes += r.bytes;
      hints.messages += 1;
    });
    try {
      await cluster.restart(2);
      const back = performance.now();
      const round = path_ === 'merkle' ? await stale.trigger() : undefined;
      await poll(async () => (await stale.health()).keys === REPAIR_BASE + REPAIR_MISSED);
      const ms = performance.now() - back;
      // The records of the last hints travel apart from the answer that applied them.
      await poll(async () => (await writer.stats()).hints.pending === 0);
      if (path_ === 'hint') await poll(async () => hints.messages > 0 && hints.messages % 2 === 0);
      const rounds = roundsRun(await allStats(cluster.clients));
      const moved = round ? roundBytes(round.peers) : hints;
      return { path: path_, missed: REPAIR_MISSED, ms, ...moved, rounds };
    } finally {
      stop();
    }
  } finally {
    await cluster.stop();
  }
}

/** n keys of 100-byte values written through node 1, replicated. */
async function write(cluster: Cluster, tag: string, n: number): Promise<void> {
  for (let start = 0; start < n; start += BATCH) {
    const items = Array.from({ length: Math.min(BATCH, n - start) }, (_, i) => ({
      key: `${tag}:${String(start + i).padStart(6, '0')}`,
      value: `${tag} ${start + i} `.padEnd(VALUE_BYTES, '.'),
    }));
    await cluster.clients[0]!.batch(items, false);
  }
}

/** A round's exchanges: bytes both ways, and a message and its answer per round trip. */
function roundBytes(
  peers: readonly { bytes: { sent: number; received: number }; roundTrips: number }[],
) {
  let bytes = 0;
  let messages = 0;
  for (const p of peers) {
    bytes += p.bytes.sent + p.bytes.received;
    messages += 2 * p.roundTrips;
  }
  return { bytes, messages };
}

async function poll(probe: () => Promise<boolean>): Promise<void> {
  const started = performance.now();
  while (!(await probe())) {
    if (performance.now() - started > DEADLINE_MS)
      throw new Error(`bench repair: no convergence within ${DEADLINE_MS} ms`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}
