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
  /** Hints held now for peers that missed writes. */
  hintsPending: () => number;
}

/**
 * A counter of the node's: its help text, its label (none: one unlabelled total, read as `all`)
 * and its values by label, read from the counters at scrape time.
 */
interface CounterSpec {
  name: string;
  help: string;
  label?: string;
  read: (c: Counters) => Record<string, number>;
}

const COUNTERS: CounterSpec[] = [
  {
    name: 'ae_writes_total',
    help: 'Writes accepted by this node, by kind.',
    label: 'kind',
    read: (c) => ({ ...c.writes }),
  },
  {
    name: 'ae_replication_total',
    help: 'Replication sends to peers, by outcome.',
    label: 'outcome',
    read: (c) => ({ ...c.replication }),
  },
  {
    name: 'ae_rounds_total',
    help: 'Anti-entropy rounds run by this node.',
    read: (c) => ({ all: c.antiEntropy.rounds }),
  },
  {
    name: 'ae_round_peers_total',
    help: 'Peers the anti-entropy rounds of this node talked to (over ae_rounds_total: peers per round).',
    read: (c) => ({ all: c.antiEntropy.peersContacted }),
  },
  {
    name: 'ae_exchanges_total',
    help: 'Exchanges with one peer, by status.',
    label: 'status',
    read: (c) => ({ ...c.antiEntropy.exchanges }),
  },
  {
    name: 'ae_keys_repaired_total',
    help: 'Keys moved by anti-entropy this node started, by direction.',
    label: 'direction',
    read: ({ antiEntropy: ae }) => ({ pulled: ae.keysPulled, pushed: ae.keysPushed }),
  },
  {
    name: 'ae_exchange_bytes_total',
    help: 'Body bytes of anti-entropy exchanges this node started.',
    label: 'direction',
    read: ({ antiEntropy: ae }) => ({ sent: ae.bytesSent, received: ae.bytesReceived }),
  },
  {
    name: 'ae_round_trips_total',
    help: 'Round trips of anti-entropy exchanges this node started.',
    read: (c) => ({ all: c.antiEntropy.roundTrips }),
  },
  {
    name: 'ae_exchange_retries_total',
    help: 'Anti-entropy messages this node sent again because they went unanswered in time.',
    read: (c) => ({ all: c.antiEntropy.retries }),
  },
  {
    name: 'ae_peer_messages_total',
    help: 'Messages received on the internal peer route, by outcome.',
    label: 'outcome',
    read: (c) => ({ ...c.peerMessages }),
  },
  {
    name: 'ae_merges_total',
    help: 'Entries from peers merged (applied: newer than ours).',
    label: 'outcome',
    read: (c) => ({ ...c.merges }),
  },
  {
    name: 'ae_tombstones_purged_total',
    help: 'Tombstones dropped after --tombstone-ttl.',
    read: (c) => ({ all: c.tombstonesPurged }),
  },
  {
    name: 'ae_hints_total',
    help: 'Hinted handoff: writes kept for a peer that missed them, replayed, expired, or refused for good.',
    label: 'event',
    read: ({ hints: h }) => ({
      stored: h.stored,
      replayed: h.replayed,
      expired: h.expired,
      refused: h.refused,
    }),
  },
  {
    name: 'ae_repaired_entries_total',
    help: "Entries that changed this node's data, by the repair path that brought them.",
    label: 'path',
    read: ({ repaired: r }) => ({
      hint: r.hint,
      read_repair: r.readRepair,
      anti_entropy: r.antiEntropy,
    }),
  },
  {
    name: 'ae_corrupt_entries_total',
    help: 'Stored entries found damaged on disk (checksum mismatch), at start-up or by the scrub.',
    read: (c) => ({ all: c.corrupt }),
  },
  {
    name: 'ae_scrub_runs_total',
    help: 'Background scrubs of the data directory completed (--scrub-interval).',
    read: (c) => ({ all: c.scrub.runs }),
  },
  {
    name: 'ae_scrub_rows_total',
    help: 'Stored rows the background scrubs read and checked.',
    read: (c) => ({ all: c.scrub.rowsChecked }),
  },
  {
    name: 'ae_scrub_failures_total',
    help: 'Scrub passes that could not read the data directory (SQLite reported an error).',
    read: (c) => ({ all: c.scrub.failed }),
  },
];

/** The gauges: name, help, and which of the tree's readings it shows. */
const GAUGES: [name: string, help: string, read: keyof TreeGauges][] = [
  ['ae_tree_entries', 'Entries in the Merkle tree, tombstones included.', 'entries'],
  ['ae_live_keys', 'Keys holding a value.', 'liveKeys'],
  ['ae_tombstones', 'Tombstones held.', 'tombstones'],
  [
    'ae_hints_pending',
    'Hints held for peers that missed writes, not yet replayed.',
    'hintsPending',
  ],
  ['ae_peers', 'Configured peers.', 'peers'],
  [
    'ae_peers_per_round',
    'Peers a periodic round talks to, picked at random each round (--ae-peers-per-round).',
    'peersPerRound',
  ],
];

/**
 * The registry, made on the first scrape and kept: prom-client costs start-up time that most
 * nodes never need.
 */
export function onFirstScrape(counters: Counters, tree: TreeGauges): () => Promise<Registry> {
  let registry: Promise<Registry> | undefined;
  return () => (registry ??= createMetrics(counters, tree));
}

/** A registry of every counter and gauge, read at scrape time, with the process metrics. */
async function createMetrics(counters: Counters, tree: TreeGauges): Promise<Registry> {
  const { Counter, Gauge, Registry, collectDefaultMetrics } = await import('prom-client');
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: PREFIX });
  await registerLoopLag(registry, PREFIX);
  for (const { name, help, label, read } of COUNTERS)
    new Counter({
      name,
      help,
      labelNames: label === undefined ? [] : [label],
      registers: [registry],
      collect() {
        this.reset();
        for (const [key, value] of Object.entries(read(counters))) {
          if (label === undefined) this.inc(value);
          else this.inc({ [label]: key }, value);
        }
      },
    });
  for (const [name, help, read] of GAUGES)
    new Gauge({
      name,
      help,
      registers: [registry],
      collect() {
        this.set(tree[read]());
      },
    });
  return registry;
}
