// One simulation: N replicas (real stores, trees, exchanges and round schedulers) on a simulated
// network, in virtual time. Writes are made on random replicas; a reference store takes every
// write, and a replica has converged when its root equals the reference's (last write wins is
// a join, so every replica that has seen every write holds exactly that state).
import type { Strategy } from '../api/strategies.js';
import { quantiles, type Quantiles } from '../quantiles.js';
import { log3 } from './epidemic.js';
import { digestHex } from '../node/tree/digest.js';
import { pickIndexes } from '../node/sync/peer-selection.js';
import { round3 } from '../node/sync/peer-outcome.js';
import { below } from './random.js';
import type { Selection } from './selection.js';
import { keyName } from './workload.js';
import type { IntervalRow } from './interval-log.js';
import { World } from './world.js';
import type { SimOptions } from './options.js';

export type { SimOptions };

export interface SimResult {
  nodes: number;
  selection: Selection;
  strategy: Strategy;
  /** Present when the replicas kept siblings. */
  conflicts?: 'siblings';
  converged: boolean;
  /** Intervals elapsed until every replica held the reference root (or run, if never). */
  rounds: number;
  simulatedMs: number;
  bytes: number;
  messages: number;
  lostMessages: number;
  /** Second copies of messages the network delivered (--duplicate). */
  duplicatedMessages: number;
  /** Exchange messages the replicas sent again because they went unanswered in time. */
  retries: number;
  bytesPerReplicaPerRound: number;
  writes: number;
  crashes: number;
  /**
   * Milliseconds from the last write (or the heal of the partition, if later) until each replica
   * held the final root, over the replicas that did: the shape of chaos's convergenceMs.
   */
  convergenceMs: Quantiles;
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
  const world = await World.create(o);
  startWith(world, o);
  scheduleWrites(world, o);
  if (o.partition) {
    const { fromMs, toMs } = o.partition;
    const sides = Uint8Array.from({ length: o.nodes }, (_, i) => (i < o.nodes / 2 ? 0 : 1));
    world.scheduler.at(fromMs, () => world.net.cut(sides));
    world.scheduler.at(toMs, () => {
      world.net.heal();
      world.lastChangeMs = Math.max(world.lastChangeMs, toMs);
    });
  }
  const crashes = scheduleIntervals(world, o);
  for (const h of world.hosts) h.start();

  const { scheduler, net } = world;
  const writesDone = () => o.writeRate === 0 || scheduler.now >= o.writeForMs;
  const done = () => {
    world.settle();
    return world.convergedCount === o.nodes && writesDone() && !net.partitioned;
  };
  const limitMs = o.maxRounds * o.intervalMs;
  const finished = done() ? true : (await scheduler.run(limitMs, done)) === 'stopped';
  const simulatedMs = finished ? scheduler.now : limitMs;
  if (world.log.rows.at(-1)?.timeMs !== round3(simulatedMs)) {
    world.log.close(simulatedMs, world.convergedCount, world.hosts, net.traffic);
  }
  return resultOf(world, o, finished ? simulatedMs : null, limitMs, crashes.count);
}

/** The state before the first round: the given entries, then the writes on random replicas. */
function startWith(world: World, o: SimOptions): void {
  for (const g of o.given ?? []) {
    world.hosts[g.replica]!.replica.merge(g.entry);
    world.truth.apply(g.entry);
    world.writes += 1;
  }
  const { work } = world.random;
  for (const i of pickIndexes(Math.max(o.keys, o.writes), o.writes, work)) {
    world.write(world.hosts[below(work, o.nodes)]!, keyName(i));
  }
  for (const h of world.hosts) world.recheck(h);
  world.dirty.clear();
}

/** --write-rate: a write on a random up replica every 1/rate s until writeForMs. */
function scheduleWrites(world: World, o: SimOptions): void {
  if (o.writeRate === 0) return;
  const gapMs = 1000 / o.writeRate;
  const keySpace = Math.max(o.keys, o.writes);
  const { work } = world.random;
  const next = (at: number) => {
    if (at >= o.writeForMs) return;
    world.scheduler.at(at, () => {
      const up = world.hosts.filter((h) => h.up);
      if (up.length > 0)
        world.write(up[below(work, up.length)]!, keyName(below(work, keySpace || 1)));
      next(at + gapMs);
    });
  };
  next(gapMs);
}

/** At the end of every interval: a row of the log, then (with --churn) crashes and restarts. */
function scheduleIntervals(world: World, o: SimOptions): { count: number } {
  const crashes = { count: 0 };
  const sample = (interval: number) => {
    world.scheduler.at(interval * o.intervalMs, () => {
      world.log.close(
        interval * o.intervalMs,
        world.convergedCount,
        world.hosts,
        world.net.traffic,
      );
      if (o.churn > 0) {
        for (const h of world.hosts) {
          if (!h.up || world.random.churn() >= o.churn) continue;
          h.crash();
          crashes.count += 1;
          world.scheduler.after(o.downMs, () => h.restart());
        }
      }
      sample(interval + 1);
    });
  };
  sample(1);
  return crashes;
}

/** The result: converged at `convergedMs` (null: not within limitMs), with its costs. */
function resultOf(
  world: World,
  o: SimOptions,
  convergedMs: number | null,
  limitMs: number,
  crashes: number,
): SimResult {
  const { traffic } = world.net;
  const simulatedMs = convergedMs ?? limitMs;
  const rounds = Math.ceil(simulatedMs / o.intervalMs);
  let slowest: SimResult['slowest'] = null;
  if (convergedMs !== null) {
    const at = world.convergedAt;
    let last = 0;
    for (let i = 1; i < o.nodes; i++) if (at[i]! > at[last]!) last = i;
    slowest = { replica: world.hosts[last]!.id, atMs: round3(at[last]!) };
  }
  return {
    nodes: o.nodes,
    selection: o.selection,
    strategy: o.strategy,
    ...(o.conflicts === 'siblings' ? { conflicts: 'siblings' as const } : {}),
    converged: convergedMs !== null,
    rounds,
    simulatedMs: round3(simulatedMs),
    bytes: traffic.bytes,
    messages: traffic.messages,
    lostMessages: traffic.lost,
    duplicatedMessages: traffic.duplicated,
    retries: world.log.retries,
    bytesPerReplicaPerRound: rounds > 0 ? Math.round(traffic.bytes / o.nodes / rounds) : 0,
    writes: world.writes,
    crashes,
    convergenceMs: convergenceOf(world),
    slowest,
    epidemic: { log3N: round3(log3(o.nodes)) },
    root: convergedMs !== null ? digestHex(world.truth.tree.root().digest) : null,
    perInterval: world.log.rows,
  };
}

/** Each converged replica's time to the final root after the last change, as quantiles. */
function convergenceOf(world: World): Quantiles {
  const times: number[] = [];
  for (let i = 0; i < world.converged.length; i++) {
    if (world.converged[i] === 1)
      times.push(round3(Math.max(0, world.convergedAt[i]! - world.lastChangeMs)));
  }
  return quantiles(times);
}
