// What a read from all replicas (GET /kv/{key}?read=all) said, in one sentence for the page:
// the newest version it answered, the replicas it repaired before answering, and the peers that
// did not answer (so their copies may still be stale).
import { versionTime } from '../../format.js';
import type { ReadAll } from '../../cluster/repair-client.js';

/** `idOf`: node id for a replica's address (answers name replicas by address). */
export function readAllWords(
  key: string,
  node: string,
  { answer, readRepair }: ReadAll,
  idOf: (address: string) => string,
): string {
  const newest = answer
    ? `${JSON.stringify(answer.value)} (${answer.version.node}'s write at ${versionTime(answer.version)})`
    : `no value (the newest is a delete, or no replica holds ${key})`;
  const said = `Read ${key} from all replicas through ${node}: ${newest}.`;
  const repaired = readRepair.repaired.map(idOf);
  const silent = readRepair.unreachable.map(idOf);
  const fixed =
    repaired.length > 0
      ? ` Repaired ${repaired.join(', ')} before answering.`
      : ' Every replica that answered already held it.';
  const gaps = silent.length > 0 ? ` ${silent.join(', ')} did not answer.` : '';
  return `${said}${fixed}${gaps}`;
}
