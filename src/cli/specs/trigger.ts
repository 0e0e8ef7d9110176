// `ae-demo trigger` as help shows it, and its flags turned into options; the round itself is
// commands/trigger.ts.
import type { Argv } from 'yargs';
import { addressOf, askingNodes, nodeFlag } from '../flags/client.js';
import type { TriggerOptions } from '../commands/trigger.js';
import { command } from '../yargs/lazy.js';

/** One anti-entropy round on one node, and what it exchanged. */
export const triggerCommand = command({
  command: 'trigger',
  describe: 'Run an anti-entropy round on one node against all its peers',
  builder: (y: Argv) =>
    nodeFlag(y)
      .example('$0 trigger', 'a round on 127.0.0.1:9999')
      .example('$0 trigger --node 127.0.0.1:10001 --json', 'on node 3, the report as JSON'),
  options: (argv): TriggerOptions => ({ address: addressOf(argv.node), json: argv.json }),
  run: (o) =>
    askingNodes('--node', async () => (await import('../commands/trigger.js')).trigger(o)),
});
