// PUT throughput of a node (replicated to two peers, and direct) against bare node:http
// answering the same requests, with autocannon, in the same run on the same machine. This
// machine's speed moves by up to 2x within seconds (the same build, the same 6 s run: 10,479
// and 21,030 req/s a minute apart), so the targets are not measured one after the other: bare
// runs bracket each round of the node targets, each node run is divided by the mean of the
// bare runs around it, and each target's share is the median over the rounds (bench/bracket.ts).
// Replicated PUT is measured two ways: on a three-node cluster of its own for every run,
// started empty, and on one cluster kept across the rounds (as a client meets a running
// cluster: holding the keys of every earlier round, of which the warm-ups are part too). A
// third replicated run, on nodes whose message records are left out entirely, tells what
// recording costs when no one listens.
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { execa } from 'execa';
import { startCluster, type Cluster, type ClusterOptions } from '../cluster/cluster.js';
import { freeBasePort } from '../cluster/ports.js';
import { pairedShare, shareOfBare } from './bracket.js';
import type { PhaseStep } from './step.js';

const BARE = fileURLToPath(new URL('./bare-server.js', import.meta.url));
const UNRECORDED = fileURLToPath(new URL('./unrecorded-node.js', import.meta.url));
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

type NodeTarget =
  | 'direct PUT'
  | 'replicated PUT'
  | 'replicated PUT, one cluster'
  | 'replicated PUT, no message records';
/**
 * The order of a round's node runs (reversed every other round). Replicated PUT and its run
 * without message records stand side by side in both directions: their ratio is of two runs
 * seconds apart.
 */
export const NODE_TARGETS: readonly NodeTarget[] = [
  'direct PUT',
  'replicated PUT, one cluster',
  'replicated PUT',
  'replicated PUT, no message records',
];

export interface ThroughputRow {
  target: 'bare node:http' | NodeTarget;
  /** The target's median run. */
  requestsPerSecond: number;
  p99Ms: number;
  /** Errors and non-2xx answers over every run. */
  errors: number;
  /** A node target's share of bare: the median over rounds of its run / the bare runs around it. */
  ofBare?: number;
  /**
   * Replicated PUT (no one listening to its message records) over the same round's run on nodes
   * that record no messages at all: the median over rounds.
   */
  ofUnrecorded?: number;
}

export async function throughput(durationS: number, step: PhaseStep): Promise<ThroughputRow[]> {
  const runs = ROUNDS + 1 + NODE_TARGETS.length * ROUNDS;
  let ran = 0;
  const counted = (run: ThroughputRow): ThroughputRow => {
    step.done(++ran / runs);
    return run;
  };
  const bare = await startBare();
  // One range of ports, claimed once, for every fresh cluster the runs start, and one for the
  // cluster kept across the rounds (claims last until this process exits).
  const basePort = await freeBasePort(3);
  let kept: Cluster | undefined;
  try {
    kept = await startCluster(clusterOptions(await freeBasePort(3)));
    const keptFirst = kept.nodes[0]!.address;
    const measure: Record<NodeTarget, () => Promise<ThroughputRow>> = {
      'direct PUT': () =>
        onFreshCluster(basePort, (a) => cannon('direct PUT', direct(a), durationS)),
      'replicated PUT': () =>
        onFreshCluster(basePort, (a) => cannon('replicated PUT', replicated(a), durationS)),
      'replicated PUT, one cluster': () =>
        cannon('replicated PUT, one cluster', replicated(keptFirst), durationS),
      'replicated PUT, no message records': () =>
        onFreshCluster(
          basePort,
          (a) => cannon('replicated PUT, no message records', replicated(a), durationS),
          UNRECORDED,
        ),
    };
    const bareUrl = `http://127.0.0.1:${bare.port}/kv/key-[<id>]`;
    const measureBare = async () => counted(await cannon('bare node:http', bareUrl, durationS));
    const bareRuns = [await measureBare()];
    const nodeRuns = new Map<NodeTarget, ThroughputRow[]>(NODE_TARGETS.map((t) => [t, []]));
    for (let round = 0; round < ROUNDS; round++) {
      // The targets run in the reverse order in every other round: the one that runs next to
      // the earlier bare run is not always the same, so a steady drift favours none.
      const order = round % 2 === 0 ? NODE_TARGETS : [...NODE_TARGETS].reverse();
      for (const target of order) nodeRuns.get(target)!.push(counted(await measure[target]()));
      bareRuns.push(await measureBare());
    }
    const rows = rowsOf(bareRuns, nodeRuns);
    for (const row of rows)
      step.log(
        logLine(row, row.target === 'bare node:http' ? bareRuns : nodeRuns.get(row.target)!),
      );
    return rows;
  } finally {
    await kept?.stop();
    await bare.stop();
  }
}

/** The bare server, listening on a free port. */
async function startBare(): Promise<{ port: number; stop: () => Promise<unknown> }> {
  const bare = execa(process.execPath, [BARE, '0'], { reject: false, buffer: false, ipc: true });
  const stop = () => {
    bare.kill('SIGTERM');
    return bare;
  };
  try {
    const port = await new Promise<number>((resolve, reject) => {
      bare.stdout!.once('data', (c: Buffer) => resolve(Number(c.toString().trim())));
      void bare.then((exited) =>
        reject(new Error(`bare-server.js exited before it listened (code ${exited.exitCode})`)),
      );
    });
    return { port, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

const direct = (first: string) => `http://${first}/kv/key-[<id>]/direct`;
/** The replicated PUT target on a cluster's first node (fresh keys, as autocannon numbers them). */
export const replicated = (first: string) => `http://${first}/kv/key-[<id>]`;

/** Each target's median run; a node target's share of bare, and replicated PUT's of unrecorded. */
export function rowsOf(
  bareRuns: ThroughputRow[],
  nodeRuns: Map<NodeTarget, ThroughputRow[]>,
): ThroughputRow[] {
  const perSecond = (runs: ThroughputRow[]) => runs.map((r) => r.requestsPerSecond);
  const bare = perSecond(bareRuns);
  const unrecorded = perSecond(nodeRuns.get('replicated PUT, no message records')!);
  return [
    medianRow(bareRuns),
    ...NODE_TARGETS.map((target) => {
      const runs = perSecond(nodeRuns.get(target)!);
      const row = { ...medianRow(nodeRuns.get(target)!), ofBare: shareOfBare(bare, runs) };
      if (target !== 'replicated PUT') return row;
      return { ...row, ofUnrecorded: pairedShare(runs, unrecorded) };
    }),
  ];
}

function logLine(row: ThroughputRow, runs: ThroughputRow[]): string {
  const each = runs.map((r) => r.requestsPerSecond.toFixed(0)).join(', ');
  const share = row.ofBare === undefined ? '' : `, ${row.ofBare.toFixed(2)} of bare`;
  const records =
    row.ofUnrecorded === undefined ? '' : `, ${row.ofUnrecorded.toFixed(2)} of unrecorded`;
  return `${row.target} ${row.requestsPerSecond.toFixed(0)} req/s (median of ${each})${share}${records}`;
}

function clusterOptions(
  basePort: number,
  entry?: string,
  args: readonly string[] = [],
): ClusterOptions {
  return {
    count: 3,
    basePort,
    portFlag: '--base-port',
    nodeArgs: () => ['--ae-interval', '0', ...args],
    ...(entry === undefined ? {} : { entry }),
  };
}

/**
 * Runs fn against the first node of a new three-node cluster (of `entry`'s nodes when given):
 * every such run starts from empty stores. Each request writes a fresh key, so on one cluster
 * kept for every run the later runs write into stores that earlier runs had filled.
 */
export async function onFreshCluster<T>(
  basePort: number,
  fn: (first: string) => Promise<T>,
  entry?: string,
  nodeArgs?: readonly string[],
): Promise<T> {
  const cluster = await startCluster(clusterOptions(basePort, entry, nodeArgs));
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

/** PUTs of 100-byte values to fresh keys at `url` (key-[<id>]), warm, for durationS seconds. */
export async function cannon<T extends string>(
  target: T,
  url: string,
  durationS: number,
): Promise<Omit<ThroughputRow, 'target'> & { target: T }> {
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
