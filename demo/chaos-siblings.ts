// Chaos in siblings mode: writes made half the time after a read of the node (with its
// context) and half blind, and the check that no acknowledged write is lost: once the nodes
// agree, each is in every node's set or was superseded by a write whose context covered it.
import type { SiblingView } from '../src/api/conflicts.js';
import type { Cluster } from '../src/cluster/cluster.js';
import { deleteAfter, putAfter, readSiblings } from '../src/cluster/siblings-client.js';

/** An acknowledged write: its key, its dot, what it wrote, and what its writer had seen. */
export interface SiblingWrite {
  key: string;
  node: string;
  counter: number;
  value: string | null;
  seen: Record<string, number>;
}

/** A put (or a delete: null) through `address`, after a read of it when `afterRead`. */
export async function siblingWrite(
  address: string,
  key: string,
  value: string | null,
  direct: boolean,
  afterRead: boolean,
): Promise<SiblingWrite> {
  const context = afterRead ? (await readSiblings(address, key)).context : null;
  const answer =
    value === null
      ? await deleteAfter(address, key, context, direct)
      : await putAfter(address, key, value, context, direct);
  // The write took the next dot of its node: the highest counter of that node in the set.
  const mine = answer.siblings
    .filter((s) => s.node === answer.version.node)
    .reduce((a, b) => (b.counter > a.counter ? b : a));
  return { key, node: mine.node, counter: mine.counter, value, seen: mine.seen };
}

/** The acknowledged writes no node holds and no write superseded; and how many were superseded. */
export async function lostSiblings(
  cluster: Pick<Cluster, 'nodes'>,
  writes: readonly SiblingWrite[],
): Promise<{ violations: string[]; superseded: number }> {
  const keys = [...new Set(writes.map((w) => w.key))];
  const sets = new Map<string, SiblingView[][]>();
  for (const key of keys)
    sets.set(
      key,
      await Promise.all(
        cluster.nodes.map(async (n) => (await readSiblings(n.address, key)).siblings),
      ),
    );
  const violations: string[] = [];
  let superseded = 0;
  for (const w of writes) {
    const covers = (seen: Record<string, number>) => (seen[w.node] ?? 0) >= w.counter;
    const held = sets.get(w.key)!;
    if (writes.some((o) => o.key === w.key && covers(o.seen))) {
      superseded += 1;
      continue;
    }
    held.forEach((siblings, i) => {
      const kept = siblings.find((s) => s.node === w.node && s.counter === w.counter);
      if (siblings.some((s) => covers(s.seen))) return;
      const id = cluster.nodes[i]!.id;
      if (!kept)
        violations.push(
          `"${w.key}" on ${id}: the acknowledged write ${w.node}#${w.counter} is lost`,
        );
      else if ((kept.value ?? null) !== w.value)
        violations.push(`"${w.key}" on ${id}: ${w.node}#${w.counter} holds another value`);
    });
  }
  return { violations, superseded };
}
