// `ae-demo put KEY VALUE` and `ae-demo del KEY`: a write through one node, replicated or direct.
import type { Argv, CommandModule } from 'yargs';
import { NodeClient } from '../../cluster/client.js';
import type { WriteAnswer } from '../../node/http/answers.js';
import { UsageError } from '../../errors.js';
import { checkKey } from '../../node/replica/validate.js';
import { addressOf, nodeFlag } from '../client-flags.js';
import { list, versionTime } from '../../format.js';
import { strong, quiet, bad, warning } from '../render/style.js';

interface WriteArgs {
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

export const putCommand: CommandModule<object, WriteArgs> = {
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
  handler: async (argv) => {
    const answer = await new NodeClient(addressOf(argv.node)).put(
      key(argv.key),
      String(argv.value),
      argv.direct,
    );
    print(answer, argv.json);
  },
};

export const delCommand: CommandModule<object, WriteArgs> = {
  command: 'del <key>',
  describe: 'Delete a key through one node: a tombstone, replicated unless --direct',
  builder: (y: Argv) =>
    directFlag(nodeFlag(y.positional('key', { type: 'string' })))
      .example('$0 del user:alice', 'tombstone on every node')
      .example(
        '$0 del user:alice --node 127.0.0.1:10001 --direct',
        'on node 3 only',
      ) as unknown as Argv<WriteArgs>,
  handler: async (argv) => {
    const answer = await new NodeClient(addressOf(argv.node)).del(key(argv.key), argv.direct);
    print(answer, argv.json);
  },
};

function key(raw: unknown): string {
  const checked = checkKey(String(raw));
  if (!checked.ok) throw new UsageError(checked.message);
  return checked.value;
}

function print(answer: WriteAnswer, json: boolean): void {
  if (json) {
    process.stdout.write(`${JSON.stringify(answer, null, 2)}\n`);
    return;
  }
  const what = answer.deleted
    ? `${strong(answer.key)} deleted`
    : `${strong(answer.key)} = ${JSON.stringify(answer.value)}`;
  process.stdout.write(
    `${what}  ${quiet(`version ${answer.version.node} ${versionTime(answer.version)}`)}\n`,
  );
  if (!answer.replication) {
    process.stdout.write(
      `${warning('direct:')} written on ${answer.version.node} only; the other nodes differ until anti-entropy runs.\n`,
    );
    return;
  }
  process.stdout.write(`replicated: acked by ${list(answer.replication.acked, 8)}\n`);
  for (const f of answer.replication.failed)
    process.stdout.write(
      `${bad('failed:')} ${f.peer} (${f.reason}); anti-entropy will repair it later.\n`,
    );
}
