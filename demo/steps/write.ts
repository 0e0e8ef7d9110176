// Writing for a scenario: the background keys, and story writes told as lines.
import type { Cluster } from '../../src/cluster/cluster.js';
import { ReplicationError } from '../../src/errors.js';
import type { WriteLine } from '../../src/story/events.js';
import type { ScenarioContext } from '../../src/story/scenario.js';
import { idOf } from './read.js';

/** The batch route takes this many items per request. */
const BATCH_SIZE = 5_000;

/** Background keys first (when asked for), so repair costs mean something. */
export async function background(ctx: ScenarioContext): Promise<void> {
  const n = ctx.options.backgroundKeys;
  if (n === 0) return;
  await ctx.phase(
    `writing ${n} keys normally`,
    () => loadBackground(ctx.cluster, n, ctx.options.seed),
    () =>
      `${n.toLocaleString('en-US')} keys written normally (replicated to all ${ctx.cluster.nodes.length})`,
  );
}

/**
 * n keys with 100-byte values, written normally through node 1 (replicated to all). The seed is
 * part of every key, so another --seed places the keys elsewhere in the tree: other branch
 * counts, other paths down to the story's keys.
 */
export async function loadBackground(cluster: Cluster, n: number, seed: number): Promise<void> {
  const client = cluster.clients[0]!;
  for (let start = 0; start < n; start += BATCH_SIZE) {
    const items = Array.from({ length: Math.min(BATCH_SIZE, n - start) }, (_, i) => ({
      key: `bg:${seed}:${String(start + i).padStart(6, '0')}`,
      value: `background value ${start + i} `.padEnd(100, '.'),
    }));
    const result = await client.batch(items, false);
    if (result.replication && result.replication.failed.length > 0) {
      throw new ReplicationError(result.replication.failed.map((f) => f.peer));
    }
  }
}

/** A PUT through node `node` (1-based), as a line of the story with where it was acknowledged. */
export async function put(
  ctx: ScenarioContext,
  node: number,
  key: string,
  value: string,
  direct: boolean,
): Promise<WriteLine> {
  const n = ctx.cluster.nodes[node - 1]!;
  const answer = await ctx.cluster.clients[node - 1]!.put(key, value, direct);
  return {
    method: 'PUT',
    key,
    node: n.id,
    direct,
    value,
    version: answer.version,
    ...(answer.replication
      ? {
          acked: answer.replication.acked.map((a) => idOf(ctx.cluster, a)),
          failed: answer.replication.failed.map((f) => ({
            peer: idOf(ctx.cluster, f.peer),
            reason: f.reason,
          })),
        }
      : {}),
  };
}
