// PUT throughput of a node (replicated to two peers, and direct) against bare node:http
// answering the same requests, with autocannon, in the same run on the same machine: the three
// targets take turns, three rounds, and each reports its median run; every run of a node target
// gets a cluster of its own, started empty. This machine's speed
// drifts by 20-50% within a minute; measured one after the other, 5 s each, the ratios of three
// runs spread 0.26-0.44 (replicated) and 0.51-1.09 (direct).
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { execa } from 'execa';
import { startCluster } from '../src/cluster/cluster.js';
import { freeBasePort } from '../src/cluster/ports.js';

const BARE = fileURLToPath(new URL('./bare-server.js', import.meta.url));
export const CONNECTIONS = 32;
/** Rounds of the three targets in turn; each target reports its median run. */
export const ROUNDS = 3;
/**
 * Seconds of the same load before each target's measured seconds, not counted: every target
 * (the bare server too) is measured warm, after V8 has compiled its hot path, so the ratios
 * compare steady states and not how long each one takes to warm up.
 */
const WARMUP_S = 1;
const BODY = JSON.stringify({ value: 'v'.repeat(100) });

/** autocannon 8 runs a warm-up first when given one (lib/init.js); @types/autocannon lacks it. */
type WarmOptions = autocannon.Options & { warmup: { connections: number; duration: number } };

export interface ThroughputRow {
  target: 'bare node:http' | 'direct PUT' | 'replicated PUT';
  requestsPerSecond: number;
  p99Ms: number;
  errors: number;
}

export async function throughput(
  durationS: number,
  log: (line: string) => void,
): Promise<ThroughputRow[]> {
  const bare = execa(process.execPath, [BARE, '0'], { reject: false, buffer: false, ipc: true });
  try {
    const port = await new Promise<number>((resolve) =>
      bare.stdout!.once('data', (c: Buffer) => resolve(Number(c.toString().trim()))),
    );
    // The node targets' URLs name the first node of the cluster the run starts.
    const targets: [ThroughputRow['target'], (first?: string) => string][] = [
      ['bare node:http', () => `http://127.0.0.1:${port}/kv/key-[<id>]`],
      ['direct PUT', (first) => `http://${first}/kv/key-[<id>]/direct`],
      ['replicated PUT', (first) => `http://${first}/kv/key-[<id>]`],
    ];
    const runs = targets.map((): ThroughputRow[] => []);
    for (let round = 0; round < ROUNDS; round++)
      for (const [i, [target, url]] of targets.entries())
        runs[i]!.push(
          target === 'bare node:http'
            ? await cannon(target, url(), durationS)
            : await onFreshCluster((first) => cannon(target, url(first), durationS)),
        );
    return targets.map(([target], i) => {
      const rows = runs[i]!;
      const median = medianRow(rows);
      log(
        `${target} ${median.requestsPerSecond.toFixed(0)} req/s (median of ${rows.map((r) => r.requestsPerSecond.toFixed(0)).join(', ')})`,
      );
      return median;
    });
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
async function onFreshCluster<T>(fn: (first: string) => Promise<T>): Promise<T> {
  const cluster = await startCluster({
    count: 3,
    basePort: await freeBasePort(3),
    portFlag: '--base-port',
    nodeArgs: () => ['--ae-interval', '0'],
  });
  try {
    return await fn(cluster.nodes[0]!.address);
  } finally {
    await cluster.stop();
  }
}

/** The run of median throughput, with the errors of every run. */
function medianRow(rows: ThroughputRow[]): ThroughputRow {
  const sorted = [...rows].sort((a, b) => a.requestsPerSecond - b.requestsPerSecond);
  const median = sorted[Math.floor(sorted.length / 2)]!;
  return { ...median, errors: rows.reduce((sum, r) => sum + r.errors, 0) };
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
