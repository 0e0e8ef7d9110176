// One simulation: N replicas (real stores, trees, exchanges and round schedulers) on a simulated
// network, in virtual time. Writes are made on random replicas; a reference store takes every
// write, and a replica has converged when its root equals the reference's (last write wins is
// a join, so every replica that has seen every write holds exactly that state).
import type { Entry } from '../node/replica/entry.js';
import { loadHasher } from '../node/replica/hash.js';
import type { Strategy } from '../api/strategies.js';
import { setImmediate as turnOfTheLoop } from 'node:timers/promises';
import { SIM_SETUP_YIELD_EVERY } from './constants.js';
import { log3 } from './epidemic.js';
import { digestHex } from '../node/tree/digest.js';
import { pickIndexes } from '../node/sync/peer-selection.js';
import { round3 } from '../node/sync/peer-outcome.js';
import { Network } from './network.js';
import { below, rng } from './random.js';
import { ReplicaHost } from './replica-host.js';
import { Scheduler } from './scheduler.js';
import { selector, type Selection } from './selection.js';
import { baseStore, keyName, valueOf } from './workload.js';
import { IntervalLog, type IntervalRow } from './interval-log.js';

export interface SimOptions {
  nodes: number;
  keys: number;
  valueBytes: number;
  /** Writes made before the first round, each on one random replica. */
  writes: number;
  /** Writes per simulated second during the first writeForMs (0: none). */
  writeRate: number;
  writeForMs: number;
  selection: Selection;
  peersPerRound: number;
  intervalMs: number;
  latencyMs: number;
  bandwidthMbps: number;
  loss: number;
  /** Probability that an up replica crashes in an interval; it restarts downMs later. */
  churn: number;
  downMs: number;
  /** The replicas are split into two halves from fromMs to toMs. */
  partition?: { fromMs: number; toMs: number };
  strategy: Strategy;
  seed: number;
  maxRounds: number;
  /** Entries given as they are (key, value, version) to one replica each before the start. */
  given?: readonly { replica: number; entry: Entry }[];
}

export interface SimResult {
  nodes: number;
  selection: Selection;
  strategy: Strategy;
  converged: boolean;
  /** Intervals elapsed until every replica held the reference root (or run, if never). */
  rounds: number;
  simulatedMs: number;
  bytes: number;
  messages: number;
  lostMessages: number;
  bytesPerReplicaPerRound: number;
  writes: number;
  crashes: number;
  /** The last replica to reach the final state, and when. */
  slowest: { replica: string; atMs: number } | null;
  /** The epidemic expectation beside the measurement: log3(N) rounds for push-pull gossip. */
  epidemic: { log3N: number };
  /** The root every replica holds at the end, when converged (hex). */
  root: string | null;
  perInterval: IntervalRow[];
}

/** Runs one simulation to convergence or to maxRounds intervals. */
export async function simulate(o: SimOptions): Promise<SimResult> {
  const hasher = await loadHasher();
  const streams = {
    work: rng(o.seed),
    pick: rng(o.seed ^ 0x5bd1e995),
    jitter: rng(o.seed ^ 0x27d4eb2f),
    net: rng(o.seed ^ 0x165667b1),
    churn: rng(o.seed ^ 0x61c88647),
  };
  const scheduler = new Scheduler();
  const base = baseStore(hasher, o.keys, o.valueBytes, o.strategy === 'riblt');
  const truth = base.store.clone();
  const log = new IntervalLog(o.nodes);
  const converged = new Uint8Array(o.nodes);
  const convergedAt = new Float64Array(o.nodes);
  let convergedCount = 0;
  const dirty = new Set<ReplicaHost>();
  const choose = selector(o.selection, o.nodes, o.peersPerRound, streams.pick);
  let network: Network | undefined;
  const hosts: ReplicaHost[] = [];
  for (let i = 0; i < o.nodes; i++) {
    // Ctrl-C is handled between replicas, not only once they all exist.
    if (i % SIM_SETUP_YIELD_EVERY === SIM_SETUP_YIELD_EVERY - 1) await turnOfTheLoop();
    const sketch = base.sketch?.clone();
    hosts.push(
      new ReplicaHost({
        index: i,
        id: `r${String(i + 1).padStart(4, '0')}`,
        store: base.store.clone(sketch),
        ...(sketch ? { sketch } : {}),
        strategy: o.strategy,
        intervalMs: o.intervalMs,
        scheduler,
        network: () => network!,
        choosePeers: choose,
        random: streams.jitter,
        onChange: (h) => dirty.add(h),
        onRound: (_h, report) => log.round(report),
      }),
    );
  }
  network = new Network(scheduler, hosts, {
    latencyMs: o.latencyMs,
    bandwidthMbps: o.bandwidthMbps,
    loss: o.loss,
    random: streams.net,
  });
  const net = network;

  const recheck = (h: ReplicaHost) => {
    const mine = h.store.tree.root();
    const target = truth.tree.root();
    const now = mine.digest === target.digest && mine.count === target.count ? 1 : 0;
    if (now === converged[h.index]) return;
    converged[h.index] = now;
    convergedCount += now ? 1 : -1;
    if (now) convergedAt[h.index] = scheduler.now;
  };
  let writes = 0;
  const write = (host: ReplicaHost, key: string) => {
    writes += 1;
    const entry = host.write(key, valueOf(`${key}=${writes}`, o.valueBytes));
    truth.apply(entry);
    for (const h of hosts) dirty.add(h);
  };
  for (const g of o.given ?? []) {
    hosts[g.replica]!.replica.merge(g.entry);
    truth.apply(g.entry);
    writes += 1;
  }
  const keySpace = Math.max(o.keys, o.writes);
  for (const i of pickIndexes(keySpace, o.writes, streams.work)) {
    write(hosts[below(streams.work, o.nodes)]!, keyName(i));
  }
  for (const h of hosts) recheck(h);
  dirty.clear();

  if (o.writeRate > 0) {
    const gapMs = 1000 / o.writeRate;
    const next = (at: number) => {
      if (at >= o.writeForMs) return;
      scheduler.at(at, () => {
        const up = hosts.filter((h) => h.up);
        if (up.length > 0)
          write(up[below(streams.work, up.length)]!, keyName(below(streams.work, keySpace || 1)));
        next(at + gapMs);
      });
    };
    next(gapMs);
  }
  if (o.partition) {
    const sides = Uint8Array.from({ length: o.nodes }, (_, i) => (i < o.nodes / 2 ? 0 : 1));
    scheduler.at(o.partition.fromMs, () => net.cut(sides));
    scheduler.at(o.partition.toMs, () => net.heal());
  }
  let crashes = 0;
  const sample = (interval: number) => {
    scheduler.at(interval * o.intervalMs, () => {
      log.close(interval * o.intervalMs, convergedCount, hosts, net.traffic);
      if (o.churn > 0) {
        for (const h of hosts) {
          if (!h.up || streams.churn() >= o.churn) continue;
          h.crash();
          crashes += 1;
          scheduler.after(o.downMs, () => h.restart());
        }
      }
      sample(interval + 1);
    });
  };
  sample(1);
  for (const h of hosts) h.start();

  const writesDone = () => o.writeRate === 0 || scheduler.now >= o.writeForMs;
  const done = () => {
    for (const h of dirty) recheck(h);
    dirty.clear();
    return convergedCount === o.nodes && writesDone() && !net.partitioned;
  };
  const limitMs = o.maxRounds * o.intervalMs;
  const finished = done() ? true : (await scheduler.run(limitMs, done)) === 'stopped';
  const simulatedMs = finished ? scheduler.now : limitMs;
  if (log.rows.at(-1)?.timeMs !== round3(simulatedMs)) {
    log.close(simulatedMs, convergedCount, hosts, net.traffic);
  }
  const rounds = Math.ceil(simulatedMs / o.intervalMs);
  let slowest: SimResult['slowest'] = null;
  if (finished) {
    let at = 0;
    for (let i = 1; i < o.nodes; i++) if (convergedAt[i]! > convergedAt[at]!) at = i;
    slowest = { replica: hosts[at]!.id, atMs: round3(convergedAt[at]!) };
  }
  return {
    nodes: o.nodes,
    selection: o.selection,
    strategy: o.strategy,
    converged: finished,
    rounds,
    simulatedMs: round3(simulatedMs),
    bytes: net.traffic.bytes,
    messages: net.traffic.messages,
    lostMessages: net.traffic.lost,
    bytesPerReplicaPerRound: rounds > 0 ? Math.round(net.traffic.bytes / o.nodes / rounds) : 0,
    writes,
    crashes,
    slowest,
    epidemic: { log3N: round3(log3(o.nodes)) },
    root: finished ? digestHex(truth.tree.root().digest) : null,
    perInterval: log.rows,
  };
}
