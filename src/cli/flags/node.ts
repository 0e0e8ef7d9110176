// The flags of `ae-demo node`, declared once: the yargs command (for `ae-demo --help`) and the
// lean node entry (which loads no yargs) both read this table and turn values into options alike.
import { UsageError } from '../../errors.js';
import { CLUSTER_KEY_ENV } from '../../api/process.js';
import { DEFAULT_MAX_VALUE_BYTES, MAX_PEERS_PER_ROUND } from '../../api/limits.js';
import { checkNodeId } from '../../api/checks.js';
import { STRATEGIES } from '../../api/strategies.js';
import { CONFLICT_MODES } from '../../api/conflicts.js';
import {
  DEFAULT_HINT_WINDOW_MS,
  DEFAULT_SCRUB_INTERVAL_MS,
  DEFAULT_TOMBSTONE_TTL_MS,
} from '../../node/constants.js';
import type { NodeOptions } from '../../node/start.js';
import { parseAddresses, parseCount, parseDuration, parsePort, UNITS } from './values.js';

/** A node started by hand runs a round every 30 s; `run` and `cluster` start theirs with 0. */
export const DEFAULT_AE_INTERVAL_MS = 30_000;

/** One flag: its type, default, allowed values and the line --help shows. */
export interface NodeFlag {
  type: 'number' | 'string';
  describe: string;
  default?: number | string;
  choices?: readonly string[];
  required?: boolean;
}

export const NODE_FLAGS: Record<string, NodeFlag> = {
  port: { type: 'number', required: true, describe: 'Port to listen on (0 picks a free one)' },
  host: {
    type: 'string',
    default: '127.0.0.1',
    describe: 'Address to bind (a non-loopback address exposes the node)',
  },
  id: { type: 'string', describe: 'Node id (default node-<port>)' },
  peers: { type: 'string', describe: 'Other nodes, host:port,host:port' },
  'ae-interval': {
    type: 'number',
    default: DEFAULT_AE_INTERVAL_MS,
    describe: 'Milliseconds between periodic anti-entropy rounds (0: only on trigger)',
  },
  'ae-strategy': {
    type: 'string',
    choices: STRATEGIES,
    default: 'merkle',
    describe:
      'merkle: walk the tree to what differs; riblt: coded symbols until the difference decodes; ' +
      'full: ship everything (for comparison)',
  },
  'ae-peers-per-round': {
    type: 'number',
    describe:
      'Peers each periodic round talks to, picked at random every round (default: all of them); ' +
      'a trigger always talks to every peer',
  },
  conflicts: {
    type: 'string',
    choices: CONFLICT_MODES,
    default: 'lww',
    describe:
      'lww: the newest write wins; siblings: concurrent writes are all kept (dotted version ' +
      'vectors) until a write with their context resolves them; every node runs the same mode',
  },
  'tombstone-ttl': {
    type: 'string',
    // The node's own default, in hours as a person reads it (24h).
    default: `${DEFAULT_TOMBSTONE_TTL_MS / UNITS.h}h`,
    describe: 'How long deletes are remembered (ms, s, m, h, d)',
  },
  hints: {
    type: 'string',
    choices: ['on', 'off'],
    default: 'on',
    describe:
      'Hinted handoff: keep a replicated write a peer missed and replay it when the peer ' +
      'answers again',
  },
  'hint-window': {
    type: 'string',
    default: `${DEFAULT_HINT_WINDOW_MS / UNITS.h}h`,
    describe:
      'How long a hint is kept, at most the tombstone ttl (ms, s, m, h, d); after it, only ' +
      'anti-entropy repairs the write',
  },
  'max-value-bytes': {
    type: 'number',
    default: DEFAULT_MAX_VALUE_BYTES,
    describe: 'Largest value accepted, in bytes',
  },
  'clock-skew-ms': {
    type: 'number',
    default: 0,
    describe: "Shift this node's clock (to play with skew)",
  },
  'data-dir': {
    type: 'string',
    describe: 'Keep entries in SQLite in this directory (survives kill -9); in memory without it',
  },
  'scrub-interval': {
    type: 'string',
    default: `${DEFAULT_SCRUB_INTERVAL_MS / UNITS.h}h`,
    describe:
      'How often the data directory is read back and every entry checked against its ' +
      'checksum (ms, s, m, h, d; 0: never)',
  },
  'cluster-key': {
    type: 'string',
    describe: `Secret the nodes share for internal routes (or $${CLUSTER_KEY_ENV})`,
  },
};

/**
 * Every flag can come from the environment instead, as AE_ and its name in capitals (--data-dir:
 * AE_DATA_DIR): a container or a Kubernetes pod sets its node up with env entries, and a
 * secret reaches --cluster-key without showing in any process list. A flag given wins.
 */
/** The environment variable of a flag: --data-dir -> AE_DATA_DIR. */
export function envNameOf(flag: string): string {
  return `AE_${flag.toUpperCase().replaceAll('-', '_')}`;
}

/** The line both helps end with, naming the variables. */
export const NODE_ENV_HELP =
  'Every flag can also come from the environment: AE_ and its name in capitals (AE_PORT, ' +
  'AE_HOST, AE_ID, AE_PEERS, AE_AE_INTERVAL, AE_DATA_DIR, AE_CLUSTER_KEY, ...); a flag given ' +
  'on the command line wins.';

/** The examples both helps show ($0 is the executable's name). */
export const NODE_EXAMPLES: readonly [string, string][] = [
  [
    '$0 node --port 9999 --peers 127.0.0.1:10000,127.0.0.1:10001',
    'the first node of the seed guide',
  ],
  ['$0 node --port 0', 'a lone node on a free port'],
  [
    '$0 node --port 9999 --peers 127.0.0.1:10000 --ae-strategy riblt',
    'reconcile with coded symbols (RIBLT) instead of the tree walk',
  ],
  ['$0 node --port 9999 --data-dir ./data/node1', 'a node whose writes survive kill -9'],
  [
    '$0 node --port 9999 --peers 127.0.0.1:10000 --conflicts siblings',
    'keep concurrent writes of a key side by side (every node of the cluster in this mode)',
  ],
  [
    '$0 node --port 9999 --peers 127.0.0.1:10000,127.0.0.1:10001,127.0.0.1:10002 ' +
      '--ae-interval 2000 --ae-peers-per-round 1',
    'gossip: every ~2 s, a round with one peer picked at random',
  ],
];

/** A node's options as flags give them (its log is the process's own). */
export type NodeStartOptions = Omit<NodeOptions, 'log'>;

/** Parsed flag values, by flag name (defaults filled in). */
export type NodeArgs = Record<string, string | number | undefined>;

/** Checked flag values -> the node's options; a bad value is a UsageError naming its flag. */
export function nodeOptionsFrom(argv: Readonly<Record<string, unknown>>): NodeStartOptions {
  const id = argv.id as string | undefined;
  if (id !== undefined) {
    const checked = checkNodeId(id);
    if (!checked.ok) throw new UsageError(`--id: ${checked.message}`);
  }
  const host = String(argv.host);
  const skew = Number(argv['clock-skew-ms']);
  const key = clusterKey(argv['cluster-key'] as string | undefined);
  const dataDir = argv['data-dir'] as string | undefined;
  const strategy = STRATEGIES.find((x) => x === argv['ae-strategy']);
  if (!strategy) throw new UsageError(`--ae-strategy takes one of ${STRATEGIES.join(', ')}.`);
  const conflicts = CONFLICT_MODES.find((x) => x === argv.conflicts);
  if (!conflicts) throw new UsageError(`--conflicts takes one of ${CONFLICT_MODES.join(', ')}.`);
  const k = argv['ae-peers-per-round'];
  return {
    port: parsePort(Number(argv.port), '--port', true),
    host,
    ...(id !== undefined ? { id } : {}),
    peers: parseAddresses(argv.peers as string | undefined, '--peers'),
    aeIntervalMs: parseCount(Number(argv['ae-interval']), '--ae-interval', 0, 86_400_000),
    strategy,
    ...(conflicts !== 'lww' ? { conflicts } : {}),
    ...(k !== undefined ? { peersPerRound: parsePeersPerRound(k) } : {}),
    tombstoneTtlMs: parseDuration(String(argv['tombstone-ttl']), '--tombstone-ttl'),
    hints: {
      enabled: argv.hints !== 'off',
      windowMs: parseDuration(String(argv['hint-window']), '--hint-window'),
    },
    maxValueBytes: parseCount(
      Number(argv['max-value-bytes']),
      '--max-value-bytes',
      1,
      64 * 1024 * 1024,
    ),
    clockSkewMs:
      parseCount(Math.abs(skew), '--clock-skew-ms', 0, 86_400_000) * Math.sign(skew || 0),
    ...(dataDir !== undefined ? { dataDir } : {}),
    scrubIntervalMs: parseScrubInterval(String(argv['scrub-interval'])),
    ...(key ? { clusterKey: key } : {}),
  };
}

/** --ae-peers-per-round K: a whole number from 1 (at or above the number of peers: all of them). */
export function parsePeersPerRound(value: unknown): number {
  return parseCount(value, '--ae-peers-per-round', 1, MAX_PEERS_PER_ROUND);
}

/** --scrub-interval: a duration, or 0 for no scrub. */
export function parseScrubInterval(raw: string): number {
  return raw.trim() === '0' ? 0 : parseDuration(raw, '--scrub-interval');
}

/** Binding beyond loopback is allowed, with a warning that says what to do about it. */
export function warnIfExposed(host: string): void {
  if (!['127.0.0.1', 'localhost', '::1'].includes(host)) {
    process.stderr.write(
      `warning: binding ${host} exposes this node beyond this machine; ` +
        'set --cluster-key so strangers cannot reach its internal routes.\n',
    );
  }
}

function clusterKey(flag: string | undefined): string | undefined {
  const key = flag ?? process.env[CLUSTER_KEY_ENV];
  return key === undefined || key === '' ? undefined : key;
}
