// `ae-demo node`: one store node in the foreground until SIGINT/SIGTERM. bin/ae-demo.js sends
// `ae-demo node ...` straight to the lean entry (src/cli/node-main.ts); this yargs command lists
// the same flags (from node-flags.ts) in `ae-demo --help` and serves `ae-demo --verbose node`.
import type { Argv, CommandModule, Options } from 'yargs';
import {
  NODE_EXAMPLES,
  NODE_FLAGS,
  nodeOptionsFrom,
  warnIfExposed,
  type NodeArgs,
} from '../node-flags.js';

export const nodeCommand: CommandModule<object, NodeArgs> = {
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
  handler: async (argv) => {
    const options = nodeOptionsFrom(argv);
    warnIfExposed(options.host);
    // Imported here, not at the top: every command loads this file, only `node` needs the server.
    const { runNodeProcess } = await import('../../node/process.js');
    await runNodeProcess(options, (line) => process.stdout.write(`${line}\n`));
  },
};
