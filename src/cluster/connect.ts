// A cluster that runs elsewhere (containers, other machines): nodes already running, asked for
// their ids, driven through the same clients as forked ones. Nothing here starts, stops, kills
// or restarts a node: a story that must is refused before it begins (cli/run/connect.ts).
import { Cluster } from './cluster.js';
import { NodeClient } from './client.js';
import type { LaunchedNode } from './launcher.js';

/** What stands in for a process this CLI does not own. */
function connectedNode(index: number, id: string, address: string): LaunchedNode {
  const port = Number(address.slice(address.lastIndexOf(':') + 1));
  return {
    index,
    id,
    address,
    port,
    pid: undefined,
    // It never exits as far as this CLI knows: it was running before and runs on after.
    exited: new Promise(() => undefined),
    stop: () => Promise.resolve(),
    kill: () => {
      throw new Error(`${id} runs elsewhere; this command cannot kill it.`);
    },
  };
}

/** The nodes at these addresses, by the ids they answer /health with (all must answer). */
export async function connectCluster(addresses: readonly string[], clusterKey?: string) {
  const healths = await Promise.all(addresses.map((a) => new NodeClient(a, clusterKey).health()));
  const nodes = healths.map((h, i) => connectedNode(i + 1, h.id, addresses[i]!));
  return new Cluster(nodes, [], { portFlag: '--connect' }, clusterKey);
}
