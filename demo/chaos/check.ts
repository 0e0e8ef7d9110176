// Chaos's promise about data, checked against what the nodes hold: every acknowledged key
// holds, on every node, the newest acknowledged write (a value or a delete), and nothing else.
import { compareVersions, type Version } from '../../src/api/version.js';
import type { ChaosCluster } from './settle.js';

/** An acknowledged write: its version, and what it wrote (null: a delete). */
export type Acked = { version: Version; value: string | null };

/** A version as node@wall.logical. */
function versionLabel(v: Version): string {
  return `${v.node}@${v.wall}.${v.logical}`;
}

/** Every node's copy of every acknowledged key that is not the acknowledged write. */
export async function unlike(cluster: ChaosCluster, acked: Map<string, Acked>): Promise<string[]> {
  const found: string[] = [];
  for (const [key, expected] of acked) {
    const states = await Promise.all(cluster.clients.map((c) => c.key(key)));
    states.forEach((s, i) => {
      const id = cluster.nodes[i]!.id;
      const same = s.version !== null && compareVersions(s.version, expected.version) === 0;
      if (!same) {
        const had = s.version ? versionLabel(s.version) : 'nothing';
        const kind = expected.value === null ? 'delete' : 'write';
        found.push(
          `"${key}" on ${id}: ${had}, expected the acknowledged ${kind} ${versionLabel(expected.version)}`,
        );
      } else if ((expected.value === null) !== (s.state !== 'value')) {
        found.push(
          `"${key}" on ${id}: ${s.state}, expected ${expected.value === null ? 'deleted' : 'a value'}`,
        );
      }
    });
  }
  return found;
}
