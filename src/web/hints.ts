// Hinted handoff is one switch for the whole cluster, but each node keeps its own: what the
// cluster's setting is, read back from the nodes' last look (the page's switch shows it, and a
// node restarted from the page is given it).
import type { NodeSample } from '../cluster/watch.js';

/** On or off on every node that answered, or null (they differ, or none said). */
export function clusterHints(samples: readonly NodeSample[]): boolean | null {
  const said = new Set(samples.filter((s) => s.status !== 'down').map((s) => s.hints.enabled));
  return said.size === 1 ? ([...said][0] ?? null) : null;
}
