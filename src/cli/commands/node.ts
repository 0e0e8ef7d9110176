// `ae-demo node` through yargs (`ae-demo --verbose node ...`): one store node in the foreground
// until SIGINT/SIGTERM, the same as the lean entry runs it.
import { warnIfExposed, type NodeStartOptions } from '../flags/node.js';

/** Serves until a signal, with the options the flags gave (flags/node.ts checks them). */
export async function node(options: NodeStartOptions): Promise<void> {
  warnIfExposed(options.host);
  const { runNodeProcess } = await import('../../node/process.js');
  await runNodeProcess(options, (line) => process.stdout.write(`${line}\n`));
}
