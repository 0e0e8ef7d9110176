// `ae-demo node` as help shows it. bin/ae-demo.js sends `ae-demo node ...` straight to the lean
// entry (node-main.ts); this command lists the same flags (from node-flags.ts) in
// `ae-demo --help` and serves `ae-demo --verbose node`, through commands/node.ts.
import type { Argv, Options } from 'yargs';
import { NODE_EXAMPLES, NODE_FLAGS, type NodeArgs } from '../node-flags.js';
import { lazyCommand } from '../lazy.js';

/** One store node in the foreground until SIGINT/SIGTERM. */
export const nodeCommand = lazyCommand<NodeArgs>(
  {
    command: 'node',
    describe: 'Run one store node in the foreground until Ctrl-C',
    builder: (y: Argv) => {
      let built = y;
      for (const [name, flag] of Object.entries(NODE_FLAGS)) {
        const option: Options = { type: flag.type, describe: flag.describe };
        if (flag.default !== undefined) option.default = flag.default;
        if (flag.choices) option.choices = [...flag.choices];
        if (flag.required) option.demandOption = true;
        built = built.option(name, option);
      }
      for (const [command, meaning] of NODE_EXAMPLES) built = built.example(command, meaning);
      return built as unknown as Argv<NodeArgs>;
    },
  },
  async () => (await import('../commands/node.js')).node,
);
