// PUT throughput of a node (replicated to two peers, and direct) against bare node:http
// answering the same requests, with autocannon, in the same run on the same machine. This
// machine's speed moves by up to 2x within seconds (the same build, the same 6 s run: 10,479
// and 21,030 req/s a minute apart), so the targets are not measured one after the other: bare
// runs bracket each round of the two node targets, each node run is divided by the mean of the
// bare runs around it, and each target's share is the median over the rounds (bench/bracket.ts).
// Every node run gets a three-node cluster of its own, started empty.
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { execa } from 'execa';
import { startCluster } from '../cluster/cluster.js';
import { freeBasePort } from '../cluster/ports.js';
import { shareOfBare } from './bracket.js';
import type { PhaseStep } from './step.js';

const BARE = fileURLToPath(new URL('./bare-server.js', import.meta.url));
export const CONNECTIONS = 32;
/** Rounds of the two node targets, each between two bare runs; shares are medians over them. */
export const ROUNDS = 5;
/**
 * Seconds of the same load before each target's measured seconds, not counted: every target
 * (the bare server too) is measured warm, after V8 has compiled its hot path, so the ratios
 * compare steady states and not how long each one takes to warm up.
 */
export const WARMUP_S = 1;
const BODY = JSON.stringify({ value: 'v'.repeat(100) });

/** autocannon 8 runs a warm-up first when given one (lib/init.js); @types/autocannon lacks it. */
type WarmOptions = autocannon.Options & { warmup: { connections: number; duration: number } };

type NodeTarget = 'direct PUT' | 'replicated PUT';
const NODE_TARGETS: readonly NodeTarget[] = ['direct PUT', 'replicated PUT'];

export interface ThroughputRow {
  target: 'bare node:http' | NodeTarget;
  /** The target's median run. */
  requestsPerSecond: number;
  p99Ms: number;
  /** Errors and non-2xx answers over every run. */
  errors: number;
  /** A node target's share of bare: the median over rounds of its run / the bare runs around it. */
  ofBare?: number;
}

export async function throughput(durationS: number, step: PhaseStep): Promise<ThroughputRow[]> {
  const runs = ROUNDS + 1 + NODE_TARGETS.length * ROUNDS;
  let ran = 0;
  const counted = <T>(run: T): T => {
    step.done(++ran / runs);
    return run;
  };
  const bare = execa(process.execPath, [BARE, '0'], { reject: false, buffer: false, ipc: true });
  try {
    const port = await new Promise<number>((resolve, reject) => {
      bare.stdout!.once('data', (c: Buffer) => resolve(Number(c.toString().trim())));
      void bare.then((exited) =>
        reject(new Error(`bare-server.js exited before it listened (code ${exited.exitCode})`)),
      );
    });
    // One range of ports, claimed once, for every cluster the runs start (claims last until
    // this process exits).
    const basePort = await freeBasePort(3);
    const measureBare = async () =>
      counted(await cannon('bare node:http', `http://127.0.0.1:${port}/kv/key-[<id>]`, durationS));
    const urls: Record<NodeTarget, (first: string) => string> = {
      'direct PUT': (first) => `http://${first}/kv/key-[<id>]/direct`,
      'replicated PUT': (first) => `http://${first}/kv/key-[<id>]`,
    };
    const bareRuns = [await measureBare()];
    const nodeRuns: Record<NodeTarget, ThroughputRow[]> = {
      'direct PUT': [],
      'replicated PUT': [],
    };
    for (let round = 0; round < ROUNDS; round++) {
      // Each target runs first in every other round: the one that runs next to the earlier
      // bare run is not always the same, so a steady drift does not favour either.
      const order = round % 2 === 0 ? NODE_TARGETS : [...NODE_TARGETS].reverse();
      for (const target of order)
        nodeRuns[target].push(
          counted(
            await onFreshCluster(basePort, (first) =>
              cannon(target, urls[target](first), durationS),
            ),
          ),
        );
      bareRuns.push(await measureBare());
    }
    const perSecond = (runs: ThroughputRow[]) => runs.map((r) => r.requestsPerSecond);
    const rows: ThroughputRow[] = [
      medianRow(bareRuns),
      ...NODE_TARGETS.map((target) => ({
        ...medianRow(nodeRuns[target]),
        ofBare: shareOfBare(perSecond(bareRuns), perSecond(nodeRuns[target])),
      })),
    ];
    for (const row of rows) {
      const runs = row.target === 'bare node:http' ? bareRuns : nodeRuns[row.target];
      const each = perSecond(runs).map((n) => n.toFixed(0));
      const share = row.ofBare === undefined ? '' : `, ${row.ofBare.toFixed(2)} of bare`;
      step.log(
        `${row.target} ${row.requestsPerSecond.toFixed(0)} req/s (median of ${each.join(', ')})${share}`,
      );
    }
    return rows;
  } finally {
    bare.kill('SIGTERM');
    await bare;
  }
}

/**
 * Runs fn against the first node of a new three-node cluster: every run of a node target starts
 * from empty stores. Each request writes a fresh key, so on one cluster kept for every run the
 * later runs would write into stores that earlier runs (of either target) had filled.
 */
async function onFreshCluster<T>(basePort: number, fn: (first: string) => Promise<T>): Promise<T> {
  const cluster = await startCluster({
    count: 3,
    basePort,
    portFlag: '--base-port',
    nodeArgs: () => ['--ae-interval', '0'],
  });
  try {
    return await fn(cluster.nodes[0]!.address);
  } finally {
    await cluster.stop();
  }
}

/**
 * The run of median throughput, with every run's errors. Of an even count (the six bare runs)
 * the upper middle: a run that happened, for the table, not a mean of two. The shares do not
 * use it (bench/bracket.ts).
 */
function medianRow(rows: ThroughputRow[]): ThroughputRow {
  const sorted = [...rows].sort((a, b) => a.requestsPerSecond - b.requestsPerSecond);
  const middle = sorted[Math.floor(sorted.length / 2)]!;
  return { ...middle, errors: rows.reduce((sum, r) => sum + r.errors, 0) };
}

async function cannon(
  target: ThroughputRow['target'],
  url: string,
  durationS: number,
): Promise<ThroughputRow> {
  const options: WarmOptions = {
    url,
    method: 'PUT',
    body: BODY,
    connections: CONNECTIONS,
    duration: durationS,
    idReplacement: true,
    warmup: { connections: CONNECTIONS, duration: WARMUP_S },
  };
  const result = await autocannon(options);
  return {
    target,
    requestsPerSecond: result.requests.average,
    p99Ms: result.latency.p99,
    errors: result.errors + result.non2xx,
  };
}
