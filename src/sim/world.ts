// The world one simulation runs in: its seeded random streams, the virtual clock, N replicas
// cloned from one base store, the network between them, and the reference store that takes
// every write, with which replica holds the reference's root (and since when). simulate.ts
// schedules the run on it.
import { setImmediate as turnOfTheLoop } from 'node:timers/promises';
import { clusterHashKeys, loadHasher } from '../node/replica/hash.js';
import type { Store } from '../node/replica/store.js';
import { SIM_SETUP_YIELD_EVERY } from './constants.js';
import { IntervalLog } from './interval-log.js';
import { Network } from './network.js';
import { rng } from './random.js';
import { ReplicaHost } from './replica-host.js';
import { Scheduler } from './scheduler.js';
import { selector } from './selection.js';
import type { SimOptions } from './options.js';
import type { Context } from '../node/conflicts/dvvset.js';
import { baseStore, valueOf } from './workload.js';

/** One stream per kind of choice, so that a change in one does not move the others. */
function streams(seed: number) {
  return {
    work: rng(seed),
    pick: rng(seed ^ 0x5bd1e995),
    jitter: rng(seed ^ 0x27d4eb2f),
    net: rng(seed ^ 0x165667b1),
    churn: rng(seed ^ 0x61c88647),
  };
}

export class World {
  readonly random: ReturnType<typeof streams>;
  readonly scheduler = new Scheduler();
  readonly log: IntervalLog;
  readonly hosts: ReplicaHost[] = [];
  /** The reference: every write, so the state every replica must end in. */
  readonly truth: Store;
  /** Replicas whose store changed since they were last compared with the reference. */
  readonly dirty = new Set<ReplicaHost>();
  /** 1 where a replica holds the reference's root, and since when (virtual ms). */
  readonly converged: Uint8Array;
  readonly convergedAt: Float64Array;
  convergedCount = 0;
  writes = 0;
  /** When the reference last changed or a partition healed: convergence is timed from here. */
  lastChangeMs = 0;
  #net: Network | undefined;
  readonly #valueBytes: number;

  private constructor(o: SimOptions, truth: Store) {
    this.random = streams(o.seed);
    this.log = new IntervalLog(o.nodes);
    this.truth = truth;
    this.converged = new Uint8Array(o.nodes);
    this.convergedAt = new Float64Array(o.nodes);
    this.#valueBytes = o.valueBytes;
  }

  /** N replicas of the base store, and the network between them. */
  static async create(o: SimOptions): Promise<World> {
    // The tree hashed as the nodes of the cluster hash it: keyed from its key, if it has one.
    const hasher = await loadHasher(clusterHashKeys(o.clusterKey));
    const base = baseStore(hasher, o.keys, o.valueBytes, o.strategy === 'riblt', o.conflicts);
    const world = new World(o, base.store.clone());
    const choose = selector(o.selection, o.nodes, o.peersPerRound, world.random.pick);
    for (let i = 0; i < o.nodes; i++) {
      // Ctrl-C is handled between replicas, not only once they all exist.
      if (i % SIM_SETUP_YIELD_EVERY === SIM_SETUP_YIELD_EVERY - 1) await turnOfTheLoop();
      const sketch = base.sketch?.clone();
      world.hosts.push(
        new ReplicaHost({
          index: i,
          id: `r${String(i + 1).padStart(4, '0')}`,
          store: base.store.clone(sketch),
          ...(sketch ? { sketch } : {}),
          strategy: o.strategy,
          intervalMs: o.intervalMs,
          scheduler: world.scheduler,
          network: () => world.net,
          choosePeers: choose,
          random: world.random.jitter,
          onChange: (h) => world.dirty.add(h),
          onRound: (_h, report) => world.log.round(report),
        }),
      );
    }
    world.#net = new Network(world.scheduler, world.hosts, {
      latencyMs: o.latencyMs,
      latency: o.latency,
      bandwidthMbps: o.bandwidthMbps,
      loss: o.loss,
      duplicate: o.duplicate,
      reorder: o.reorder,
      random: world.random.net,
    });
    return world;
  }

  get net(): Network {
    return this.#net!;
  }

  /**
   * A write of key on host, taken by the reference too; every replica is compared again.
   * Siblings: `context` is what the writing client had read (none: a blind write).
   */
  write(host: ReplicaHost, key: string, context?: Context): void {
    this.writes += 1;
    const entry = host.write(key, valueOf(`${key}=${this.writes}`, this.#valueBytes), context);
    this.truth.apply(entry);
    this.lastChangeMs = this.scheduler.now;
    for (const h of this.hosts) this.dirty.add(h);
  }

  /** Compares host's root with the reference's, and counts it in or out of the converged. */
  recheck(h: ReplicaHost): void {
    const mine = h.store.tree.root();
    const target = this.truth.tree.root();
    const now = mine.digest === target.digest && mine.count === target.count ? 1 : 0;
    if (now === this.converged[h.index]) return;
    this.converged[h.index] = now;
    this.convergedCount += now ? 1 : -1;
    if (now) this.convergedAt[h.index] = this.scheduler.now;
  }

  /** Every replica that changed, compared again; then none is left to compare. */
  settle(): void {
    for (const h of this.dirty) this.recheck(h);
    this.dirty.clear();
  }
}
