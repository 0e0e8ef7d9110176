// `ae-demo trigger`: one anti-entropy round on one node, and what it exchanged.
import type { Argv, CommandModule } from 'yargs';
import { NodeClient } from '../../cluster/client.js';
import { addressOf, nodeFlag } from '../client-flags.js';
import { exchangeTable } from '../render/exchange-table.js';
import { terminalWidth } from '../render/wrap.js';

interface TriggerArgs {
  node: string;
  json: boolean;
}

export const triggerCommand: CommandModule<object, TriggerArgs> = {
  command: 'trigger',
  describe: 'Run an anti-entropy round on one node against all its peers',
  builder: (y: Argv) =>
    nodeFlag(y)
      .example('$0 trigger', 'a round on 127.0.0.1:9999')
      .example(
        '$0 trigger --node 127.0.0.1:10001 --json',
        'on node 3, the report as JSON',
      ) as unknown as Argv<TriggerArgs>,
  handler: async (argv) => {
    const client = new NodeClient(addressOf(argv.node));
    const report = await client.trigger();
    if (argv.json) {
      process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
      return;
    }
    process.stdout.write(`${exchangeTable(report, {}, {}, terminalWidth())}\n`);
    process.stdout.write(`round on ${report.node} took ${report.durationMs.toFixed(1)} ms\n`);
  },
};
