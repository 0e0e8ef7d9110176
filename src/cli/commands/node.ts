// `ae-demo node`: one store node in the foreground until SIGINT/SIGTERM.
import type { Argv, CommandModule } from 'yargs';
import { CLUSTER_KEY_ENV } from '../../cluster/cluster.js';
import { UsageError } from '../../errors.js';
import { DEFAULT_MAX_VALUE_BYTES } from '../../node/constants.js';
import { checkNodeId } from '../../node/replica/validate.js';
import { STRATEGIES } from '../../node/sync/exchange.js';
import { parseAddresses, parseCount, parseDuration, parsePort } from '../options.js';

/** A node started by hand runs a round every 30 s; `run` and `cluster` start theirs with 0. */
export const DEFAULT_AE_INTERVAL_MS = 30_000;

interface NodeArgs {
  port: number;
  host: string;
  id?: string;
  peers?: string;
  'ae-interval': number;
  'ae-strategy': string;
  'tombstone-ttl': string;
  'max-value-bytes': number;
  'clock-skew-ms': number;
  'cluster-key'?: string;
  'data-dir'?: string;
}

export const nodeCommand: CommandModule<object, NodeArgs> = {
  command: 'node',
  describe: 'Run one store node in the foreground until Ctrl-C',
  builder: (y: Argv) =>
    y
      .option('port', {
        type: 'number',
        demandOption: true,
        describe: 'Port to listen on (0 picks a free one)',
      })
      .option('host', {
        type: 'string',
        default: '127.0.0.1',
        describe: 'Address to bind (a non-loopback address exposes the node)',
      })
      .option('id', { type: 'string', describe: 'Node id (default node-<port>)' })
      .option('peers', { type: 'string', describe: 'Other nodes, host:port,host:port' })
      .option('ae-interval', {
        type: 'number',
        default: DEFAULT_AE_INTERVAL_MS,
        describe: 'Milliseconds between periodic anti-entropy rounds (0: only on trigger)',
      })
      .option('ae-strategy', {
        type: 'string',
        choices: STRATEGIES,
        default: 'merkle',
        describe:
          'merkle: walk the tree to what differs; riblt: coded symbols until the difference decodes; full: ship everything (for comparison)',
      })
      .option('tombstone-ttl', {
        type: 'string',
        default: '24h',
        describe: 'How long deletes are remembered (ms, s, m, h, d)',
      })
      .option('max-value-bytes', {
        type: 'number',
        default: DEFAULT_MAX_VALUE_BYTES,
        describe: 'Largest value accepted, in bytes',
      })
      .option('clock-skew-ms', {
        type: 'number',
        default: 0,
        describe: "Shift this node's clock (to play with skew)",
      })
      .option('data-dir', {
        type: 'string',
        describe:
          'Keep entries in SQLite in this directory (survives kill -9); in memory without it',
      })
      .option('cluster-key', {
        type: 'string',
        describe: `Secret the nodes share for internal routes (or $${CLUSTER_KEY_ENV})`,
      })
      .example(
        '$0 node --port 9999 --peers 127.0.0.1:10000,127.0.0.1:10001',
        'the first node of the seed guide',
      )
      .example('$0 node --port 0', 'a lone node on a free port')
      .example(
        '$0 node --port 9999 --peers 127.0.0.1:10000 --ae-strategy riblt',
        'reconcile with coded symbols (RIBLT) instead of the tree walk',
      )
      .example(
        '$0 node --port 9999 --data-dir ./data/node1',
        'a node whose writes survive kill -9',
      ) as unknown as Argv<NodeArgs>,
  handler: async (argv) => {
    const id = argv.id;
    if (id !== undefined && !checkNodeId(id).ok)
      throw new UsageError(`--id: ${(checkNodeId(id) as { message: string }).message}`);
    const host = argv.host;
    if (!['127.0.0.1', 'localhost', '::1'].includes(host)) {
      process.stderr.write(
        `warning: binding ${host} exposes this node beyond this machine; set --cluster-key so strangers cannot reach its internal routes.\n`,
      );
    }
    // Imported here, not at the top: every command loads this file, only `node` needs the server.
    const { runNodeProcess } = await import('../../node/process.js');
    await runNodeProcess(
      {
        port: parsePort(argv.port, '--port', true),
        host,
        ...(id !== undefined ? { id } : {}),
        peers: parseAddresses(argv.peers, '--peers'),
        aeIntervalMs: parseCount(argv['ae-interval'], '--ae-interval', 0, 86_400_000),
        strategy: STRATEGIES.find((x) => x === argv['ae-strategy']) ?? 'merkle',
        tombstoneTtlMs: parseDuration(argv['tombstone-ttl'], '--tombstone-ttl'),
        maxValueBytes: parseCount(
          argv['max-value-bytes'],
          '--max-value-bytes',
          1,
          64 * 1024 * 1024,
        ),
        clockSkewMs:
          parseCount(Math.abs(argv['clock-skew-ms']), '--clock-skew-ms', 0, 86_400_000) *
          Math.sign(argv['clock-skew-ms'] || 0),
        ...(argv['data-dir'] !== undefined ? { dataDir: argv['data-dir'] } : {}),
        ...(clusterKey(argv['cluster-key'])
          ? { clusterKey: clusterKey(argv['cluster-key'])! }
          : {}),
      },
      (line) => process.stdout.write(`${line}\n`),
    );
  },
};

function clusterKey(flag: string | undefined): string | undefined {
  const key = flag ?? process.env[CLUSTER_KEY_ENV];
  return key === undefined || key === '' ? undefined : key;
}
