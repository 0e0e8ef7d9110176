// PUT throughput of a node (replicated to two peers, and direct) against bare node:http
// answering the same requests, with autocannon, in the same run on the same machine.
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { execa } from 'execa';
import { startCluster } from '../src/cluster/cluster.js';
import { freeBasePort } from '../src/cluster/ports.js';

const BARE = fileURLToPath(new URL('./bare-server.js', import.meta.url));
const CONNECTIONS = 32;
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
  const rows: ThroughputRow[] = [];
  const bare = execa(process.execPath, [BARE, '0'], { reject: false, buffer: false, ipc: true });
  const port = await new Promise<number>((resolve) =>
    bare.stdout!.once('data', (c: Buffer) => resolve(Number(c.toString().trim()))),
  );
  try {
    rows.push(await cannon('bare node:http', `http://127.0.0.1:${port}/kv/key-[<id>]`, durationS));
  } finally {
    bare.kill('SIGTERM');
    await bare;
  }
  log(`bare node:http ${rows[0]!.requestsPerSecond.toFixed(0)} req/s`);
  const base = await freeBasePort(3);
  const cluster = await startCluster({
    count: 3,
    basePort: base,
    portFlag: '--base-port',
    nodeArgs: () => ['--ae-interval', '0'],
  });
  try {
    const first = cluster.nodes[0]!.address;
    rows.push(await cannon('direct PUT', `http://${first}/kv/key-[<id>]/direct`, durationS));
    log(`direct PUT ${rows[1]!.requestsPerSecond.toFixed(0)} req/s`);
    rows.push(await cannon('replicated PUT', `http://${first}/kv/key-[<id>]`, durationS));
    log(`replicated PUT ${rows[2]!.requestsPerSecond.toFixed(0)} req/s`);
  } finally {
    await cluster.stop();
  }
  return rows;
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
