// A chaos round's end: every node that is down restarted, every fault on every node healed,
// then the time until every node has the same root, and the anti-entropy bytes that took
// (the nodes run periodic rounds, so nothing is triggered: the time is the system's own).
import { setTimeout as sleep } from 'node:timers/promises';
import type { ChaosCluster } from '../../src/story/scenario.js';

/** A round that has not converged this long after its heal breaks chaos's promise. */
export const CONVERGENCE_DEADLINE_MS = 30_000;
/** How often the roots are read while waiting: small beside a round's interval. */
const CONVERGENCE_POLL_MS = 20;

export type { ChaosCluster };

/** Convergence after a heal: milliseconds until one root (undefined: not by the deadline), bytes. */
export interface Settled {
  ms: number | undefined;
  bytes: number;
}

/** Anti-entropy bytes sent so far, summed over the nodes. */
async function bytesSent(cluster: ChaosCluster): Promise<number> {
  const stats = await Promise.all(cluster.clients.map((c) => c.stats()));
  return stats.reduce((sum, s) => sum + s.antiEntropy.bytesSent, 0);
}

/** Heals every node, then waits for one root; `now` is injected for tests of the arithmetic. */
export async function healAndConverge(
  cluster: ChaosCluster,
  now: () => number = performance.now.bind(performance),
): Promise<Settled> {
  const before = await bytesSent(cluster);
  await Promise.all(cluster.clients.map((c) => c.heal()));
  const start = now();
  for (;;) {
    const roots = await Promise.all(cluster.clients.map(async (c) => (await c.snapshot()).root));
    const elapsed = now() - start;
    if (roots.every((r) => r === roots[0]))
      return { ms: Math.round(elapsed), bytes: (await bytesSent(cluster)) - before };
    if (elapsed > CONVERGENCE_DEADLINE_MS) return { ms: undefined, bytes: 0 };
    await sleep(CONVERGENCE_POLL_MS);
  }
}
