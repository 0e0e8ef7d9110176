// The end every scenario shares, declared once: its parts, then trees, one round, the keys
// after, who won, and the verification.
import type { KeyState } from '../../src/cluster/client.js';
import type { Part, ScenarioContext, ScenarioResult } from '../../src/story/scenario.js';
import { outcome } from './result.js';
import { showKeys, showTreeDifferences, triggerAndShow } from './show.js';
import { verify, winners } from './verify.js';

/** The parts repairAndVerify plays, the round triggered on node `on` (1-based). */
export function repairParts(on = 1): [Part, Part, Part] {
  return [
    { short: 'Merkle trees: where they differ', title: 'Merkle trees: where the replicas differ' },
    {
      short: 'One anti-entropy round',
      title: (cluster) => `Anti-entropy, triggered on ${cluster.nodes[on - 1]!.id}`,
    },
    { short: 'After anti-entropy', title: 'After anti-entropy' },
  ];
}

/**
 * The end every scenario shares: where the trees differ, one trigger on node `on`, the keys
 * after, who won and why, and the verification (plus the scenario's own checks).
 */
export async function repairAndVerify(
  ctx: ScenarioContext,
  keys: readonly string[],
  before: Record<string, KeyState[]>,
  on = 1,
  checks: (after: Record<string, KeyState[]>) => string[] = () => [],
): Promise<ScenarioResult> {
  const { cluster } = ctx;
  const [trees, round, settled] = repairParts(on);
  await ctx.section(trees);
  const snapsBefore = await showTreeDifferences(ctx);
  await ctx.section(round);
  const report = await triggerAndShow(ctx, on, snapsBefore);
  const after = await showKeys(ctx, settled, keys);
  ctx.show({ type: 'winners', winners: winners(before, after) });
  return outcome(await verify(cluster), checks(after), before, after, snapsBefore, [report]);
}
