// GET /metrics: the node's counters in Prometheus text format, through prom-client (which also
// adds the process metrics: CPU, memory, event-loop lag). Values are read at scrape time.
import type { Registry } from 'prom-client';
import type { Counters } from '../../api/counters.js';
import { registerLoopLag } from './loop-lag.js';

const PREFIX = 'ae_';

export interface TreeGauges {
  entries: () => number;
  liveKeys: () => number;
  tombstones: () => number;
  peers: () => number;
  /** Peers a timed round talks to (--ae-peers-per-round, or every configured peer). */
  peersPerRound: () => number;
}

/** Loaded on the first scrape: prom-client costs start-up time that most nodes never need. */
export async function createMetrics(counters: Counters, tree: TreeGauges): Promise<Registry> {
  const { Counter, Gauge, Registry, collectDefaultMetrics } = await import('prom-client');
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: PREFIX });
  await registerLoopLag(registry, PREFIX);
  const counter = (
    name: string,
    help: string,
    labelNames: string[],
    read: () => Record<string, number>,
  ) =>
    new Counter({
      name,
      help,
      labelNames,
      registers: [registry],
      collect() {
        this.reset();
        for (const [label, value] of Object.entries(read())) {
          if (labelNames.length === 0) this.inc(value);
          else this.inc({ [labelNames[0]!]: label }, value);
        }
      },
    });
  const gauge = (name: string, help: string, read: () => number) =>
    new Gauge({
      name,
      help,
      registers: [registry],
      collect() {
        this.set(read());
      },
    });
  const ae = counters.antiEntropy;
  counter('ae_writes_total', 'Writes accepted by this node, by kind.', ['kind'], () => ({
    ...counters.writes,
  }));
  counter('ae_replication_total', 'Replication sends to peers, by outcome.', ['outcome'], () => ({
    ...counters.replication,
  }));
  counter('ae_rounds_total', 'Anti-entropy rounds run by this node.', [], () => ({
    all: ae.rounds,
  }));
  counter(
    'ae_round_peers_total',
    'Peers the anti-entropy rounds of this node talked to (over ae_rounds_total: peers per round).',
    [],
    () => ({ all: ae.peersContacted }),
  );
  counter('ae_exchanges_total', 'Exchanges with one peer, by status.', ['status'], () => ({
    ...ae.exchanges,
  }));
  counter(
    'ae_keys_repaired_total',
    'Keys moved by anti-entropy this node started, by direction.',
    ['direction'],
    () => ({ pulled: ae.keysPulled, pushed: ae.keysPushed }),
  );
  counter(
    'ae_exchange_bytes_total',
    'Body bytes of anti-entropy exchanges this node started.',
    ['direction'],
    () => ({ sent: ae.bytesSent, received: ae.bytesReceived }),
  );
  counter(
    'ae_round_trips_total',
    'Round trips of anti-entropy exchanges this node started.',
    [],
    () => ({ all: ae.roundTrips }),
  );
  counter(
    'ae_peer_messages_total',
    'Messages received on the internal peer route, by outcome.',
    ['outcome'],
    () => ({ ...counters.peerMessages }),
  );
  counter(
    'ae_merges_total',
    'Entries from peers merged (applied: newer than ours).',
    ['outcome'],
    () => ({ ...counters.merges }),
  );
  counter('ae_tombstones_purged_total', 'Tombstones dropped after --tombstone-ttl.', [], () => ({
    all: counters.tombstonesPurged,
  }));
  gauge('ae_tree_entries', 'Entries in the Merkle tree, tombstones included.', tree.entries);
  gauge('ae_live_keys', 'Keys holding a value.', tree.liveKeys);
  gauge('ae_tombstones', 'Tombstones held.', tree.tombstones);
  gauge('ae_peers', 'Configured peers.', tree.peers);
  gauge(
    'ae_peers_per_round',
    'Peers a periodic round talks to, picked at random each round (--ae-peers-per-round).',
    tree.peersPerRound,
  );
  return registry;
}
