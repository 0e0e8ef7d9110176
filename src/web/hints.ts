// Hinted handoff is one switch for the whole cluster, but each node keeps its own: what the
// nodes said at the last look, and the cluster's setting read from it (the page's switch shows
// both, and a node restarted from the page is given the setting).
import type { NodeSample } from '../cluster/watch.js';

/** Who has hinted handoff on and who off, in node order (down, or did not say: neither). */
export interface HintsSaid {
  on: string[];
  off: string[];
}

/** What the nodes said of hinted handoff at the last look. */
export function hintsSaid(samples: readonly NodeSample[]): HintsSaid {
  const up = samples.filter((s) => s.status !== 'down');
  return {
    on: up.filter((s) => s.hints.enabled === true).map((s) => s.id),
    off: up.filter((s) => s.hints.enabled === false).map((s) => s.id),
  };
}

/** On or off on every node that said, or null (they differ, or none said). */
export function clusterHints(samples: readonly NodeSample[]): boolean | null {
  const { on, off } = hintsSaid(samples);
  if (on.length > 0 && off.length > 0) return null;
  return on.length > 0 ? true : off.length > 0 ? false : null;
}
