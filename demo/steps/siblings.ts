// Steps for a cluster in siblings mode: reading a key's sibling set on every node (as rows of
// the keys table, every value shown), and a write made after a read, carrying its context.
import type { KeyState } from '../../src/cluster/client.js';
import { putAfter, readSiblings, type SiblingsRead } from '../../src/cluster/siblings-client.js';
import type { WriteLine } from '../../src/story/events.js';
import type { ScenarioContext } from '../../src/story/scenario.js';
import { putLine } from './write.js';

import { SIBLING_JOIN } from '../../src/cluster/key-state.js';

export { SIBLING_JOIN };

/** The key on every node as a siblings node holds it, and as rows of the keys table. */
export async function readSets(
  ctx: ScenarioContext,
  key: string,
): Promise<{ reads: SiblingsRead[]; rows: KeyState[] }> {
  const { cluster } = ctx;
  const reads = await Promise.all(cluster.nodes.map((n) => readSiblings(n.address, key)));
  const rows = reads.map((r, i): KeyState => ({
    node: cluster.nodes[i]!.id,
    address: cluster.nodes[i]!.address,
    state: r.state,
    value: r.state === 'value' ? r.values.join(SIBLING_JOIN) : null,
    version: r.answer?.version ?? null,
    ...(r.siblings.length > 0 ? { siblings: r.siblings } : {}),
  }));
  return { reads, rows };
}

/** A replicated PUT through node `node` (1-based) after a read: it carries the read's context. */
export async function putAfterRead(
  ctx: ScenarioContext,
  node: number,
  key: string,
  value: string,
  context: string | null,
): Promise<WriteLine> {
  const { address } = ctx.cluster.nodes[node - 1]!;
  const answer = await putAfter(address, key, value, context, false);
  return putLine(ctx, node, { key, value, direct: false }, answer);
}
