// Writing for a scenario: the background keys, and story writes told as lines.
import type { Cluster } from '../../src/cluster/cluster.js';
import { ReplicationError } from '../../src/errors.js';
import type { WriteAnswer } from '../../src/api/http.js';
import type { WriteLine } from '../../src/story/events.js';
import type { ScenarioContext } from '../../src/story/scenario.js';
import { idOf } from './read.js';

/** The batch route takes this many items per request. */
const BATCH_SIZE = 5_000;

/** Background keys first (when asked for), so repair costs mean something. */
export async function background(ctx: ScenarioContext): Promise<void> {
  const n = ctx.options.backgroundKeys;
  if (n === 0) return;
  let completed: string[] = [];
  await ctx.phase(
    `writing ${n} keys normally`,
    async () => {
      completed = await loadBackground(ctx.cluster, n, ctx.options.seed);
    },
    () =>
      `${n.toLocaleString('en-US')} keys written normally (replicated to all ${ctx.cluster.nodes.length})` +
      (completed.length > 0
        ? `; ${completed.join(', ')} did not acknowledge in time (a busy machine), so one ` +
          `anti-entropy round from ${ctx.cluster.nodes[0]!.id} completed the copy before the story`
        : ''),
  );
}

/**
 * n keys with 100-byte values, written normally through node 1 (replicated to all). The seed is
 * part of every key, so another --seed places the keys elsewhere in the tree: other branch
 * counts, other paths down to the story's keys. A peer that did not acknowledge a batch in time
 * (many nodes on a busy machine) gets the keys by one anti-entropy round from node 1, which is
 * what anti-entropy is for; only a peer that round cannot reach fails the load. Returns the ids
 * of the peers completed that way.
 */
export async function loadBackground(cluster: Cluster, n: number, seed: number): Promise<string[]> {
  const client = cluster.clients[0]!;
  const missed = new Set<string>();
  for (let start = 0; start < n; start += BATCH_SIZE) {
    const items = Array.from({ length: Math.min(BATCH_SIZE, n - start) }, (_, i) => ({
      key: `bg:${seed}:${String(start + i).padStart(6, '0')}`,
      value: `background value ${start + i} `.padEnd(100, '.'),
    }));
    const result = await client.batch(items, false);
    for (const f of result.replication?.failed ?? []) missed.add(f.peer);
  }
  if (missed.size === 0) return [];
  const round = await client.trigger([...missed]);
  const unreachable = round.peers
    .filter((p) => p.status === 'unreachable' || p.status === 'refused')
    .map((p) => p.peer);
  if (unreachable.length > 0) throw new ReplicationError(unreachable);
  return [...missed].map(
    (address) => cluster.nodes.find((x) => x.address === address)?.id ?? address,
  );
}

/** A PUT through node `node` (1-based), as a line of the story with where it was acknowledged. */
export async function put(
  ctx: ScenarioContext,
  node: number,
  key: string,
  value: string,
  direct: boolean,
): Promise<WriteLine> {
  const answer = await ctx.cluster.clients[node - 1]!.put(key, value, direct);
  return putLine(ctx, node, { key, value, direct }, answer);
}

/** A PUT's answer as a line of the story: who wrote it, and which peers acknowledged it. */
export function putLine(
  ctx: ScenarioContext,
  node: number,
  write: { key: string; value: string; direct: boolean },
  answer: Pick<WriteAnswer, 'version' | 'replication'>,
): WriteLine {
  return {
    method: 'PUT',
    ...write,
    node: ctx.cluster.nodes[node - 1]!.id,
    version: answer.version,
    ...(answer.replication
      ? {
          acked: answer.replication.acked.map((a) => idOf(ctx.cluster, a)),
          failed: answer.replication.failed.map((f) => ({
            peer: idOf(ctx.cluster, f.peer),
            reason: f.reason,
            ...(f.hinted ? { hinted: true } : {}),
          })),
        }
      : {}),
  };
}
