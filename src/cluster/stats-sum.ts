// Counters summed over a cluster's nodes, each node's /stats read once and all at once: the
// stories and the bench report the anti-entropy rounds run and the entries each path repaired.
import type { StatsAnswer } from '../api/http.js';
import type { NodeClient } from './client.js';

/** Every node's /stats, asked of all of them at once. */
export function allStats(clients: readonly Pick<NodeClient, 'stats'>[]): Promise<StatsAnswer[]> {
  return Promise.all(clients.map((c) => c.stats()));
}

/** Anti-entropy rounds run, summed over the nodes (each counts its own since it started). */
export function roundsRun(stats: readonly StatsAnswer[]): number {
  return stats.reduce((n, s) => n + s.antiEntropy.rounds, 0);
}
