// `ae-demo node` through yargs (`ae-demo --verbose node ...`): one store node in the foreground
// until SIGINT/SIGTERM, the same as the lean entry runs it.
import { nodeOptionsFrom, warnIfExposed, type NodeArgs } from '../node-flags.js';

/** Checks the flags, then serves until a signal. */
export async function node(argv: NodeArgs): Promise<void> {
  const options = nodeOptionsFrom(argv);
  warnIfExposed(options.host);
  const { runNodeProcess } = await import('../../node/process.js');
  await runNodeProcess(options, (line) => process.stdout.write(`${line}\n`));
}
