// `ae-demo trigger` as help shows it; the round itself is commands/trigger.ts.
import type { Argv } from 'yargs';
import { nodeFlag } from '../client-flags.js';
import { lazyCommand } from '../lazy.js';

export interface TriggerArgs {
  node: string;
  json: boolean;
}

/** One anti-entropy round on one node, and what it exchanged. */
export const triggerCommand = lazyCommand<TriggerArgs>(
  {
    command: 'trigger',
    describe: 'Run an anti-entropy round on one node against all its peers',
    builder: (y: Argv) =>
      nodeFlag(y)
        .example('$0 trigger', 'a round on 127.0.0.1:9999')
        .example(
          '$0 trigger --node 127.0.0.1:10001 --json',
          'on node 3, the report as JSON',
        ) as unknown as Argv<TriggerArgs>,
  },
  async () => (await import('../commands/trigger.js')).trigger,
);
