// `ae-demo inspect KEY` as help shows it, and its arguments turned into options; asking the
// nodes is commands/inspect.ts.
import type { Argv } from 'yargs';
import { addressesOf, askingNodes, KEY_HELP, keyOf, nodesFlag } from '../flags/client.js';
import type { InspectOptions } from '../commands/inspect.js';
import { command } from '../yargs/lazy.js';
import { connectKey, keyFlags } from '../flags/connect.js';

/** One key on every node, how each got it, whether they agree, and what LWW will settle on. */
export const inspectCommand = command({
  command: 'inspect <key>',
  describe: 'Show one key on every node, how each got it, and whether they agree',
  builder: (y: Argv) =>
    keyFlags(nodesFlag(y.positional('key', { type: 'string', describe: KEY_HELP })))
      .example(
        '$0 inspect user:alice',
        'the key on 127.0.0.1:9999, :10000 and :10001: written there, by replication, by hinted ' +
          'handoff, by read repair or by anti-entropy',
      )
      .example(
        '$0 inspect user:alice --nodes 127.0.0.1:20000,127.0.0.1:20001 --json',
        'other nodes, as JSON',
      ),
  options: (argv): InspectOptions => {
    const key = keyOf(argv.key);
    const addresses = addressesOf(argv.nodes);
    const clusterKey = connectKey(argv);
    return { key, addresses, json: argv.json, ...(clusterKey ? { clusterKey } : {}) };
  },
  run: (o) =>
    askingNodes('--nodes', async () => (await import('../commands/inspect.js')).inspectKey(o)),
});
