// `ae-demo cluster` as help shows it, and its flags turned into options; running the cluster is
// commands/cluster.ts.
import type { Argv } from 'yargs';
import {
  checkClusterFlags,
  checkConflicts,
  clusterFlags,
  conflictsFlag,
} from '../flags/cluster.js';
import type { ClusterCommandOptions } from '../commands/cluster.js';
import { command } from '../yargs/lazy.js';
import { parseCount } from '../flags/values.js';
import { checkReportPath, checkWebFlags, webFlags } from '../flags/web.js';
import { UsageError } from '../../errors.js';
import { CLUSTER_KEY_ENV } from '../../api/process.js';
import {
  commandFlags,
  connectKey,
  keyFlags,
  nodeCommands,
  type KeyArgs,
} from '../flags/connect.js';
import { connectAddresses } from '../run/connect.js';

/** N nodes in the foreground, their log lines prefixed, until Ctrl-C. */
export const clusterCommand = command({
  command: 'cluster',
  describe: 'Start a local cluster in the foreground until Ctrl-C',
  builder: (y: Argv) =>
    commandFlags(keyFlags(webFlags(conflictsFlag(clusterFlags(y))), false))
      .option('connect', {
        type: 'string',
        describe:
          'With --web: show nodes already running elsewhere, host:port,host:port, with the ' +
          "page's controls; none is started or stopped, and they run on after Ctrl-C",
      })
      .option('ae-interval', {
        type: 'number',
        default: 0,
        describe: 'Milliseconds between periodic anti-entropy rounds (0: only on trigger)',
      })
      .option('cluster-key', {
        type: 'string',
        describe:
          'Secret the nodes share, which internal and admin routes require ' +
          `(or $${CLUSTER_KEY_ENV}; default: a fresh random key, printed); with --connect, ` +
          'the key of those nodes (or $AE_CLUSTER_KEY)',
      })
      .option('record', {
        type: 'string',
        describe: 'With --web: record what the page sees, and every message, to this file',
      })
      .example('$0 cluster', 'three nodes on 9999-10001, repaired only on trigger')
      .example(
        '$0 cluster --nodes 5 --ae-interval 2000',
        'five nodes that repair themselves every ~2 s',
      )
      .example(
        '$0 cluster --nodes 9 --ae-interval 2000 --ae-peers-per-round 1',
        'nine nodes that gossip: each round with one peer picked at random',
      )
      .example('$0 cluster --ae-strategy riblt', 'nodes that reconcile with coded symbols (RIBLT)')
      .example(
        '$0 cluster --web --ae-interval 2000',
        'and watch them in a browser while you write with ae-demo put',
      )
      .example(
        '$0 cluster --cluster-key s3cret',
        'a key of your own: the admin routes answer curl -H "x-ae-cluster-key: s3cret"',
      )
      .example(
        '$0 cluster --web --base-port 26000',
        'a page with controls: cut off, kill, restart, write and trigger with a click',
      )
      .example(
        '$0 cluster --web --record cluster.jsonl',
        'record it; ae-demo replay cluster.jsonl --web shows the page again',
      )
      .example(
        '$0 cluster --web --connect 127.0.0.1:9999,127.0.0.1:10000,127.0.0.1:10001 ' +
          "--cluster-key-file key.txt --restart-command 'docker restart {id}'",
        'the page on three containers: Kill and Restart run docker',
      ),
  options: (argv): ClusterCommandOptions => {
    const setup = checkClusterFlags(argv);
    const intervalMs = parseCount(argv['ae-interval'], '--ae-interval', 0, 86_400_000);
    const webPort = checkWebFlags(argv, setup);
    const connecting = argv.connect !== undefined;
    const commands = nodeCommands(argv, connecting);
    if (argv.record !== undefined && webPort === undefined)
      throw new UsageError('--record records what the live page sees; add --web.');
    const options: ClusterCommandOptions = { ...setup, ...checkConflicts(argv), intervalMs };
    if (webPort !== undefined) options.webPort = webPort;
    if (argv.record !== undefined) options.record = argv.record;
    if (argv.connect === undefined) {
      const clusterKey = givenClusterKey(argv);
      return clusterKey ? { ...options, clusterKey } : options;
    }
    if (webPort === undefined)
      throw new UsageError(
        'cluster --connect shows running nodes on the live page; add --web (to watch them in a ' +
          'terminal, use ae-demo diff --connect).',
      );
    const key = connectKey(argv);
    options.connect = connectAddresses(argv.connect);
    options.count = options.connect.length;
    options.commands = commands;
    if (key !== undefined) options.clusterKey = { value: key, source: 'flag' };
    return options;
  },
  run: async (o) => {
    if (o.record !== undefined)
      o.record = await checkReportPath(o.record, '--record', 'cluster.jsonl');
    await (await import('../commands/cluster.js')).cluster(o);
  },
});

/** --cluster-key or --cluster-key-file, else $AE_DEMO_CLUSTER_KEY, as `node` reads them. */
function givenClusterKey(argv: KeyArgs): ClusterCommandOptions['clusterKey'] {
  // The flags only (checked: one of them, not empty); the environment as `node` reads it, below.
  const given = connectKey(argv, {});
  const file = argv['cluster-key-file'];
  if (given !== undefined)
    return file !== undefined
      ? { value: given, source: 'file', file }
      : { value: given, source: 'flag' };
  const env = process.env[CLUSTER_KEY_ENV];
  return env !== undefined && env !== '' ? { value: env, source: 'env' } : undefined;
}
