// `ae-demo put` and `ae-demo del` as help shows them, and their arguments turned into options;
// the write is commands/write.ts.
import type { Argv } from 'yargs';
import { addressOf, askingNodes, KEY_HELP, keyOf, nodeFlag } from '../flags/client.js';
import type { PutOptions, WriteOptions } from '../commands/write.js';
import { command } from '../yargs/lazy.js';

const directFlag = <T>(y: Argv<T>) =>
  y.option('direct', {
    type: 'boolean',
    default: false,
    describe: 'Write to this node only, no replication (makes replicas diverge)',
  });

/** put and del alike: the node first, then the key (the first bad one is the error). */
function writeOptions(argv: {
  node: string;
  key?: string;
  direct: boolean;
  json: boolean;
}): WriteOptions {
  return {
    address: addressOf(argv.node),
    key: keyOf(argv.key),
    direct: argv.direct,
    json: argv.json,
  };
}

/** A value written through one node, replicated or direct. */
export const putCommand = command({
  command: 'put <key> <value>',
  describe: 'Write a value through one node (replicated unless --direct)',
  builder: (y: Argv) =>
    directFlag(
      nodeFlag(
        y
          .positional('key', { type: 'string', describe: KEY_HELP })
          .positional('value', { type: 'string', describe: 'The value to store, as text' }),
      ),
    )
      .example('$0 put user:alice alice_data', 'replicated to every peer')
      .example('$0 put user:alice other --node 127.0.0.1:10000 --direct', 'on node 2 only'),
  options: (argv): PutOptions => ({
    ...writeOptions(argv),
    value: String(argv.value),
  }),
  run: (o) => askingNodes('--node', async () => (await import('../commands/write.js')).put(o)),
});

/** A key deleted through one node: a tombstone, replicated or direct. */
export const delCommand = command({
  command: 'del <key>',
  describe: 'Delete a key through one node: a tombstone, replicated unless --direct',
  builder: (y: Argv) =>
    directFlag(nodeFlag(y.positional('key', { type: 'string', describe: KEY_HELP })))
      .example('$0 del user:alice', 'tombstone on every node')
      .example('$0 del user:alice --node 127.0.0.1:10001 --direct', 'on node 3 only'),
  options: (argv): WriteOptions => writeOptions(argv),
  run: (o) => askingNodes('--node', async () => (await import('../commands/write.js')).del(o)),
});
