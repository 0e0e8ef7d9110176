// Reading the cluster for a scenario: keys on every node, snapshots and roots, node names.
import type { KeyState } from '../../src/cluster/client.js';
import type { Cluster } from '../../src/cluster/cluster.js';
import type { Snapshot } from '../../src/api/http.js';
import type { KeysByNode } from '../../src/story/scenario.js';

/** Every node's id, in order. */
export function ids(cluster: Cluster): string[] {
  return cluster.nodes.map((n) => n.id);
}

/** The keys on every node, by key; each row names its node by id. */
export async function readKeys(
  cluster: Cluster,
  keys: readonly string[],
): Promise<Record<string, KeyState[]>> {
  const out: Record<string, KeyState[]> = {};
  await Promise.all(
    keys.map(async (key) => {
      out[key] = await Promise.all(
        cluster.clients.map(async (c, i) => ({
          ...(await c.key(key)),
          node: cluster.nodes[i]!.id,
        })),
      );
    }),
  );
  return Object.fromEntries(keys.map((k) => [k, out[k]!]));
}

/** The same states by node, then key, as --json reports them. */
export function byNode(states: Record<string, KeyState[]>): KeysByNode {
  const out: KeysByNode = {};
  for (const [key, list] of Object.entries(states)) {
    for (const s of list)
      (out[s.node] ??= {})[key] = { state: s.state, value: s.value, version: s.version };
  }
  return out;
}

/** Every node's Merkle snapshot (root, first level, full-exchange cost). */
export function snapshots(cluster: Pick<Cluster, 'clients' | 'nodes'>): Promise<Snapshot[]> {
  return Promise.all(cluster.clients.map((c) => c.snapshot()));
}

/** Each node's root, by node id. */
export function roots(snaps: Snapshot[]): Record<string, string> {
  return Object.fromEntries(snaps.map((s) => [s.node, s.root]));
}

/** A node's id from its address (the address itself if it is not in the cluster). */
export function idOf(cluster: Cluster, address: string): string {
  return cluster.idOf(address);
}

/** Addresses of every node but i (1-based). */
export function othersThan(cluster: Cluster, i: number): string[] {
  return cluster.nodes.filter((_, j) => j !== i - 1).map((n) => n.address);
}
