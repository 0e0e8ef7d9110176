// `ae-demo put KEY VALUE` and `ae-demo del KEY`: a write through one node, replicated or direct.
import { NodeClient } from '../../cluster/client.js';
import type { WriteAnswer } from '../../api/http.js';
import { UsageError } from '../../errors.js';
import { checkKey } from '../../api/checks.js';
import { addressOf } from '../client-flags.js';
import { list, versionTime } from '../../format.js';
import { strong, quiet, bad, warning } from '../render/style.js';
import type { WriteArgs } from '../specs/write.js';

/** Writes the value through the node and prints where it was acknowledged. */
export async function put(argv: WriteArgs): Promise<void> {
  const answer = await new NodeClient(addressOf(argv.node)).put(
    key(argv.key),
    String(argv.value),
    argv.direct,
  );
  print(answer, argv.json);
}

/** Deletes the key through the node (a tombstone) and prints where it was acknowledged. */
export async function del(argv: WriteArgs): Promise<void> {
  const answer = await new NodeClient(addressOf(argv.node)).del(key(argv.key), argv.direct);
  print(answer, argv.json);
}

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
