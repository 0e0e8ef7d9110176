// `ae-demo put` and `ae-demo del` as help shows them; the write is commands/write.ts.
import type { Argv } from 'yargs';
import { nodeFlag } from '../client-flags.js';
import { lazyCommand } from '../lazy.js';

export interface WriteArgs {
  key: string;
  value?: string;
  node: string;
  direct: boolean;
  json: boolean;
}

const directFlag = <T>(y: Argv<T>) =>
  y.option('direct', {
    type: 'boolean',
    default: false,
    describe: 'Write to this node only, no replication (makes replicas diverge)',
  });

/** A value written through one node, replicated or direct. */
export const putCommand = lazyCommand<WriteArgs>(
  {
    command: 'put <key> <value>',
    describe: 'Write a value through one node (replicated unless --direct)',
    builder: (y: Argv) =>
      directFlag(
        nodeFlag(y.positional('key', { type: 'string' }).positional('value', { type: 'string' })),
      )
        .example('$0 put user:alice alice_data', 'replicated to every peer')
        .example(
          '$0 put user:alice other --node 127.0.0.1:10000 --direct',
          'on node 2 only',
        ) as unknown as Argv<WriteArgs>,
  },
  async () => (await import('../commands/write.js')).put,
);

/** A key deleted through one node: a tombstone, replicated or direct. */
export const delCommand = lazyCommand<WriteArgs>(
  {
    command: 'del <key>',
    describe: 'Delete a key through one node: a tombstone, replicated unless --direct',
    builder: (y: Argv) =>
      directFlag(nodeFlag(y.positional('key', { type: 'string' })))
        .example('$0 del user:alice', 'tombstone on every node')
        .example(
          '$0 del user:alice --node 127.0.0.1:10001 --direct',
          'on node 3 only',
        ) as unknown as Argv<WriteArgs>,
  },
  async () => (await import('../commands/write.js')).del,
);
