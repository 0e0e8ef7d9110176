// A look at every node at once, for pictures of the cluster (the live page, the report): up,
// down or cut off, keys, root, the top two levels of its Merkle tree, its anti-entropy counters
// and the rounds it ran since the last look. Five small GETs per node, quick to give up on a
// node that is down.
import { NoAnswerError, NodeAnswerError } from '../errors.js';
import type { RoundsAnswer } from '../api/http.js';
import type { RepairedCounters } from '../api/repair.js';
import type { KeyState } from './key-state.js';
import type { RoundRecord } from '../api/reports.js';
import { NodeClient } from './client.js';

/** A watcher gives up on a node quickly: a down node shows as down, it does not stall the picture. */
const WATCH_TIMEOUT_MS = 1_000;
/** Level 2 of the tree is 256 cells: enough to see where nodes differ, small enough to send often. */
export const WATCH_LEVEL = 2;

/** One level of a node's Merkle tree: a digest and an entry count per tree node, by index. */
export interface LevelView {
  digests: string[];
  counts: number[];
}

export interface NodeSample {
  id: string;
  address: string;
  status: 'up' | 'down' | 'cut-off';
  /** Ids of the peers this node is cut off from. */
  cut: string[];
  keys: number;
  tombstones: number;
  root: string | null;
  /** Level 1 (16 tree nodes) and level 2 (256), or null when the node did not answer. */
  levels: [LevelView, LevelView] | null;
  /** The node's own anti-entropy counters since it started. */
  rounds: number;
  pulled: number;
  pushed: number;
  /** Rounds the node ran since the previous look (triggered or on its own timer). */
  newRounds: RoundRecord[];
  /** What shipping all of this node's entries would cost (a full exchange's share). */
  fullBytes: number;
  /** Hinted handoff: on or off (null: not known), and the hints this node holds for its peers. */
  hints: { enabled: boolean | null; pending: number };
  /** Entries that changed this node's data since it started, by the path that brought them. */
  repaired: RepairedCounters;
  /** The keys asked to be watched, as this node holds them (with `via`), in the order asked. */
  watched: Record<string, KeyState>;
  reason?: string;
}

const NONE_REPAIRED: RepairedCounters = { hint: 0, readRepair: 0, antiEntropy: 0 };

export class ClusterWatch {
  readonly #clients = new Map<string, NodeClient>();
  /** The newest round seen of each node, by address. */
  readonly #seen = new Map<string, number>();

  /**
   * Every node, in the order given; a node that does not answer is "down" with the reason.
   * `keys`: a few keys to read on every node as well (at most a handful: one GET each).
   */
  sample(
    nodes: readonly { id: string; address: string }[],
    keys: readonly string[] = [],
  ): Promise<NodeSample[]> {
    const idOf = new Map(nodes.map((n) => [n.address, n.id]));
    return Promise.all(nodes.map((n) => this.#one(n, idOf, keys)));
  }

  async #one(
    node: { id: string; address: string },
    idOf: Map<string, string>,
    keys: readonly string[],
  ): Promise<NodeSample> {
    const client = this.#client(node.address);
    try {
      const [snap, level, stats, faults, rounds, watched] = await Promise.all([
        client.snapshot(),
        client.treeLevel(WATCH_LEVEL),
        client.stats(),
        client.faults(),
        this.#rounds(node.address),
        Promise.all(
          keys.map(async (k) => [k, { ...(await client.key(k)), node: node.id }] as const),
        ),
      ]);
      // Only a whole look counts as seen: after a failed one, the same rounds are asked for again.
      this.#seen.set(node.address, rounds.latest);
      const ae = stats.antiEntropy;
      return {
        id: node.id,
        address: node.address,
        status: faults.cut.length > 0 ? 'cut-off' : 'up',
        cut: faults.cut.map((a) => idOf.get(a) ?? a),
        keys: snap.liveKeys,
        tombstones: snap.tombstones,
        root: snap.root,
        levels: [
          {
            digests: snap.children.map((c) => c.digest),
            counts: snap.children.map((c) => c.count),
          },
          { digests: level.digests, counts: level.counts },
        ],
        rounds: ae.rounds,
        pulled: ae.keysPulled,
        pushed: ae.keysPushed,
        newRounds: rounds.rounds,
        fullBytes: snap.fullExchangeBytes,
        // A node of an older build does not say its switch in /stats: shown as not known.
        hints: { enabled: stats.hints.enabled ?? null, pending: stats.hints.pending },
        repaired: stats.repaired,
        watched: Object.fromEntries(watched),
      };
    } catch (error) {
      const reason = downReason(error);
      return {
        id: node.id,
        address: node.address,
        status: 'down',
        cut: [],
        keys: 0,
        tombstones: 0,
        root: null,
        levels: null,
        rounds: 0,
        pulled: 0,
        pushed: 0,
        newRounds: [],
        fullBytes: 0,
        hints: { enabled: null, pending: 0 },
        repaired: NONE_REPAIRED,
        watched: {},
        reason,
      };
    }
  }

  /** The rounds after the last one seen; a node that restarted numbers from 1 again. */
  async #rounds(address: string): Promise<RoundsAnswer> {
    const client = this.#client(address);
    const seen = this.#seen.get(address) ?? 0;
    const answer = await client.rounds(seen);
    return answer.latest < seen ? client.rounds(0) : answer;
  }

  #client(address: string): NodeClient {
    let client = this.#clients.get(address);
    if (!client) {
      client = new NodeClient(address, undefined, { retries: 0, timeoutMs: WATCH_TIMEOUT_MS });
      this.#clients.set(address, client);
    }
    return client;
  }
}

/** Why a node shows as down: what the client saw; anything else is a bug and is thrown on. */
function downReason(error: unknown): string {
  if (error instanceof NoAnswerError) return error.reason;
  if (error instanceof NodeAnswerError)
    return `HTTP ${error.status} ${error.nodeCode ?? ''}`.trim();
  throw error;
}
