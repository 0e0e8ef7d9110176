// The exchange grid: N keys equal on two real nodes, d of them made to differ in every way
// (newer on each side, only on one side, deleted on one side), repaired by one trigger, with
// each strategy (Merkle walk, rateless RIBLT, full-data exchange) side by side, on the same
// machine in the same run. Identical riblt replicas are measured twice: the pair's first
// exchange, then the next one, which a riblt node opens with its root alone (the first ended in
// sync), as replicas are met in steady state; the divergences after are repaired from there too.
// The walk and the full exchange open the same way every time: one identical exchange each.
import { NodeClient } from '../cluster/client.js';
import { startCluster, type Cluster } from '../cluster/cluster.js';
import type { StatsAnswer } from '../api/http.js';
import type { PeerReport, RibltOutcome } from '../api/reports.js';
import { STRATEGIES, type Strategy } from '../api/strategies.js';
import type { PhaseStep } from './step.js';
import { freeBasePort } from '../cluster/ports.js';

const BATCH = 5_000;
/**
 * Anti-entropy rounds the grid allows to bring the pair in sync before a divergence, when the
 * load's replication fell short (a batch not acknowledged in time on a busy machine): one is
 * enough; a pair still apart after this many is a failure to report, not a point to measure.
 */
const SETTLE_ROUNDS = 3;
const VALUE_BYTES = 100;
/** Version bytes in E besides the node id: 8 (wall) + 4 (logical); every bench counts E so. */
export const VERSION_FIXED_BYTES = 12;

export interface ExchangeRow {
  strategy: Strategy;
  keys: number;
  divergence: number;
  differing: number;
  /** E: key + value + version of the entries that must move. */
  differingBytes: number;
  roundTrips: number;
  bodyBytes: number;
  wireBytes: number;
  ratio: number | null;
  wallMs: number;
  cpuMs: { initiator: number; responder: number };
  converged: boolean;
  /**
   * The exchange did not run to its end: the peer's status and reason from the round report
   * (unreachable: no answer in time; refused: an error answer). Its bytes and round trips are
   * what went before, not a measurement; `converged` is then false whatever the roots say.
   */
  failed?: string;
  /** riblt: coded symbols sent, items decoded, and the reason if it fell back to the walk. */
  riblt?: RibltOutcome;
}

const value = (tag: string) => tag.padEnd(VALUE_BYTES, '.').slice(0, VALUE_BYTES);

/**
 * The grid on pairs of nodes with this cluster key (their trees keyed from it, as every cluster
 * run, cluster and chaos start), or none (the public tree hashes).
 */
export async function exchangeGrid(
  sizes: number[],
  divergences: number[],
  step: PhaseStep,
  strategies: readonly Strategy[] = STRATEGIES,
  clusterKey?: string,
): Promise<ExchangeRow[]> {
  const log = (line: string) => step.log(line);
  const rows: ExchangeRow[] = [];
  // How far the grid is: a size's share is its keys (loading them is most of the time).
  const total = strategies.length * sizes.reduce((sum, n) => sum + n, 0);
  let done = 0;
  for (const n of sizes) {
    for (const strategy of strategies) {
      const cluster = await pair(strategy, clusterKey);
      try {
        const short = await load(cluster.clients[0]!, n);
        if (short > 0)
          log(
            `${strategy.padEnd(6)} N=${n}: ${short} of the load's batches not replicated in time`,
          );
        let round = 0;
        for (const d of divergences) {
          round += 1;
          await inSync(cluster, (line) => log(`${strategy.padEnd(6)} N=${n}: ${line}`));
          for (let again = 0; again < identicalRuns(strategy, d); again++) {
            const row = await measure(cluster, strategy, n, d, round);
            rows.push(row);
            const fellBack = row.riblt?.fallback ? `  (fell back: ${row.riblt.fallback})` : '';
            const opened = row.riblt?.opening ? `  (opened with ${row.riblt.opening})` : '';
            const failed = row.failed ? `  (did not complete: ${row.failed})` : '';
            log(
              `${strategy.padEnd(6)} N=${n} d=${(d * 100).toFixed(1)}%  ${row.roundTrips} RT  ` +
                `${row.bodyBytes} B  ${row.wallMs.toFixed(0)} ms${opened}${fellBack}${failed}`,
            );
          }
          done += n / divergences.length;
          step.done(done / total);
        }
      } finally {
        await cluster.stop();
      }
    }
  }
  return rows;
}

async function pair(strategy: Strategy, clusterKey: string | undefined): Promise<Cluster> {
  const base = await freeBasePort(2);
  return startCluster({
    count: 2,
    basePort: base,
    portFlag: '--base-port',
    ...(clusterKey !== undefined ? { clusterKey } : {}),
    nodeArgs: () => ['--ae-interval', '0', '--ae-strategy', strategy],
  });
}

/** Writes n keys on one node, replicated; returns how many batches the peer did not acknowledge. */
async function load(client: NodeClient, n: number): Promise<number> {
  let short = 0;
  for (let start = 0; start < n; start += BATCH) {
    const items = Array.from({ length: Math.min(BATCH, n - start) }, (_, i) => ({
      key: `key:${String(start + i).padStart(8, '0')}`,
      value: value(`v${start + i}`),
    }));
    const answer = await client.batch(items, false);
    if ((answer.replication?.failed.length ?? 0) > 0) short += 1;
  }
  return short;
}

/**
 * A divergence is measured from two equal replicas only: otherwise what the load (or the last
 * point) left behind would be counted as the repair of this point. Equal roots, or a round.
 */
async function inSync(cluster: Cluster, log: (line: string) => void): Promise<void> {
  const [a, b] = cluster.clients as [NodeClient, NodeClient];
  for (let rounds = 0; ; rounds++) {
    const [rootA, rootB] = await Promise.all([a.snapshot(), b.snapshot()]);
    if (rootA.root === rootB.root) return;
    if (rounds === SETTLE_ROUNDS)
      throw new Error(`the two nodes still differ after ${SETTLE_ROUNDS} anti-entropy rounds`);
    log(
      `the pair differs before the divergence (${rootA.count} and ${rootB.count} entries): a round first`,
    );
    await a.trigger();
  }
}

async function measure(
  cluster: Cluster,
  strategy: Strategy,
  n: number,
  d: number,
  round: number,
): Promise<ExchangeRow> {
  const [a, b] = cluster.clients as [NodeClient, NodeClient];
  const [idA, idB] = cluster.nodes.map((x) => x.id) as [string, string];
  const differing = Math.round(n * d);
  const onA: { key: string; value?: string; deleted?: boolean }[] = [];
  const onB: typeof onA = [];
  let differingBytes = 0;
  for (let i = 0; i < differing; i++) {
    const kind = i % 10;
    const existing = `key:${String(Math.floor((((i * 7919) % n) + n) % n)).padStart(8, '0')}`;
    const fresh = `new:${round}:${String(i).padStart(8, '0')}`;
    const [side, id] = i % 2 === 0 ? [onA, idA] : [onB, idB];
    if (kind < 6) side.push({ key: existing, value: value(`r${round}-${i}`) });
    else if (kind < 8) side.push({ key: fresh, value: value(`f${round}-${i}`) });
    else side.push({ key: existing, deleted: true });
    const item = side[side.length - 1]!;
    differingBytes +=
      Buffer.byteLength(item.key) +
      (item.value ? VALUE_BYTES : 0) +
      VERSION_FIXED_BYTES +
      Buffer.byteLength(id);
  }
  // The same key must not be touched twice in a round (it would count twice in E).
  for (let i = 0; i < onA.length; i += BATCH) await a.batch(onA.slice(i, i + BATCH), true);
  for (let i = 0; i < onB.length; i += BATCH) await b.batch(onB.slice(i, i + BATCH), true);

  const [statsA0, statsB0] = await Promise.all([stats(a), stats(b)]);
  const started = performance.now();
  const report = await a.trigger();
  const [rootA, rootB] = await Promise.all([a.snapshot(), b.snapshot()]);
  const wallMs = performance.now() - started;
  const [statsA1, statsB1] = await Promise.all([stats(a), stats(b)]);
  const peer = report.peers[0]!;
  const failed = exchangeFailure(peer);
  const bodyBytes = peer.bytes.sent + peer.bytes.received;
  const wire =
    statsA1.peerWire.sent +
    statsA1.peerWire.received -
    statsA0.peerWire.sent -
    statsA0.peerWire.received;
  return {
    strategy,
    keys: n,
    divergence: d,
    differing,
    differingBytes,
    roundTrips: peer.roundTrips,
    bodyBytes,
    wireBytes: wire,
    ratio: differingBytes > 0 ? bodyBytes / differingBytes : null,
    wallMs,
    cpuMs: { initiator: cpu(statsA1) - cpu(statsA0), responder: cpu(statsB1) - cpu(statsB0) },
    converged: failed === undefined && rootA.root === rootB.root,
    ...(failed !== undefined ? { failed } : {}),
    ...(peer.riblt ? { riblt: peer.riblt } : {}),
  };
}

/** Why the exchange with this peer did not complete, or undefined when it did. */
export function exchangeFailure(peer: PeerReport): string | undefined {
  if (peer.status !== 'unreachable' && peer.status !== 'refused') return undefined;
  return `${peer.status}${peer.reason ? `: ${peer.reason}` : ''}`;
}

/** How many exchanges measure this point: two for identical riblt replicas (see above). */
function identicalRuns(strategy: Strategy, d: number): number {
  return d === 0 && strategy === 'riblt' ? 2 : 1;
}

function stats(client: NodeClient): Promise<StatsAnswer> {
  return client.stats();
}

function cpu(s: StatsAnswer): number {
  return s.process.cpuMs.user + s.process.cpuMs.system;
}
