// `ae-demo node` as help shows it. bin/ae-demo.js sends `ae-demo node ...` straight to the lean
// entry (node-main.ts); this command lists the same flags (from flags/node.ts) in
// `ae-demo --help` and serves `ae-demo --verbose node`, through commands/node.ts.
import type { Argv, Options } from 'yargs';
import { command } from '../yargs/lazy.js';
import {
  envNameOf,
  NODE_ENV_HELP,
  NODE_EXAMPLES,
  NODE_FLAGS,
  nodeOptionsFrom,
} from '../flags/node.js';

/** One store node in the foreground until SIGINT/SIGTERM. */
export const nodeCommand = command({
  command: 'node',
  describe: 'Run one store node in the foreground until Ctrl-C',
  builder: (y: Argv) => {
    let built = y;
    for (const [name, flag] of Object.entries(NODE_FLAGS)) {
      const option: Options = { type: flag.type, describe: flag.describe };
      if (flag.default !== undefined) option.default = flag.default;
      if (flag.choices) option.choices = [...flag.choices];
      if (flag.required) option.demandOption = true;
      // The variable stands in for the flag (a flag given still wins); help names it, never
      // its value (it may be the cluster key).
      const env = process.env[envNameOf(name)];
      if (env !== undefined && env !== '') {
        option.default = env;
        option.defaultDescription = envNameOf(name);
        option.demandOption = false;
      }
      built = built.option(name, option);
    }
    for (const [command, meaning] of NODE_EXAMPLES) built = built.example(command, meaning);
    return built.epilogue(NODE_ENV_HELP);
  },
  options: nodeOptionsFrom,
  run: async (o) => (await import('../commands/node.js')).node(o),
});
