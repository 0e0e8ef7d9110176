// `ae-demo put KEY VALUE` and `ae-demo del KEY`: a write through one node, replicated or direct.
import { terminalWidth, wrapLines } from '../render/wrap.js';
import { NodeClient } from '../../cluster/client.js';
import type { WriteAnswer } from '../../api/http.js';
import type { SiblingsWriteAnswer } from '../../api/conflicts.js';
import { list, versionTime } from '../../format.js';
import { strong, quiet, bad, warning } from '../render/style.js';

/** Where `ae-demo put` or `del` writes, what, and how it prints the answer. */
export interface WriteOptions {
  /** The node the write goes through. */
  address: string;
  /** A checked key. */
  key: string;
  /** This node only, no replication. */
  direct: boolean;
  /** Print the node's answer as JSON. */
  json: boolean;
}

/** `ae-demo put`: a write and its value. */
export interface PutOptions extends WriteOptions {
  value: string;
}

/** Writes the value through the node and prints where it was acknowledged. */
export async function put(o: PutOptions): Promise<void> {
  const answer = await new NodeClient(o.address).put(o.key, o.value, o.direct);
  print(answer, o.json);
}

/** Deletes the key through the node (a tombstone) and prints where it was acknowledged. */
export async function del(o: WriteOptions): Promise<void> {
  const answer = await new NodeClient(o.address).del(o.key, o.direct);
  print(answer, o.json);
}

function print(answer: WriteAnswer, json: boolean): void {
  if (json) {
    process.stdout.write(`${JSON.stringify(answer, null, 2)}\n`);
    return;
  }
  const what = answer.deleted
    ? `${strong(answer.key)} deleted`
    : (siblingsOf(answer) ?? `${strong(answer.key)} = ${JSON.stringify(answer.value)}`);
  const lines = [
    `${what}  ${quiet(`version ${answer.version.node} ${versionTime(answer.version)}`)}`,
  ];
  if (!answer.replication)
    lines.push(
      `${warning('direct:')} written on ${answer.version.node} only; the other nodes differ until anti-entropy runs.`,
    );
  else {
    lines.push(`replicated: acked by ${list(answer.replication.acked, 8)}`);
    for (const f of answer.replication.failed)
      lines.push(`${bad('failed on')} ${f.peer}: ${f.reason}; anti-entropy will repair it later.`);
  }
  // On a terminal each line wraps to it between words (a long key or value included).
  process.stdout.write(`${wrapLines(lines.join('\n'), terminalWidth())}\n`);
}

/**
 * A node in siblings mode answers the key's set after the write: its values, and the deletes
 * beside them. Undefined for an lww answer (or a set of one value and nothing else).
 */
function siblingsOf(answer: WriteAnswer): string | undefined {
  const { siblings, values } = answer as Partial<SiblingsWriteAnswer>;
  if (!siblings || !values || siblings.length === 1) return undefined;
  const deletes = siblings.length - values.length;
  const parts = [
    ...values.map((v) => JSON.stringify(v)),
    ...(deletes > 0 ? [deletes === 1 ? 'a delete' : `${deletes} deletes`] : []),
  ];
  return `${strong(answer.key)}: ${siblings.length} siblings, ${parts.join(', ')} (concurrent writes kept)`;
}
