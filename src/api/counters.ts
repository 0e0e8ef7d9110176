// The node's counters, as plain numbers: GET /stats shows them as JSON, GET /metrics through
// prom-client. Everything a node counts goes through one of these fields.
import type { HintCounters, RepairedCounters } from './repair.js';

export interface Counters {
  writes: {
    replicated: number;
    direct: number;
    deletes: number;
    directDeletes: number;
    batched: number;
  };
  replication: { acked: number; failed: number };
  peerMessages: { received: number; rejected: number };
  merges: { applied: number; unchanged: number };
  antiEntropy: {
    rounds: number;
    /** Peers talked to, summed over rounds: divided by rounds, the peers per round. */
    peersContacted: number;
    exchanges: { in_sync: number; repaired: number; unreachable: number; refused: number };
    keysPulled: number;
    keysPushed: number;
    bytesSent: number;
    bytesReceived: number;
    roundTrips: number;
    /** Exchange messages sent again because they went unanswered in time. */
    retries: number;
    lastRoundAt: string | null;
    lastRoundMs: number | null;
  };
  tombstonesPurged: number;
  /**
   * Stored entries found damaged (their bytes disagree with their checksum), at start-up or by
   * the scrub: each treated as missing until a peer sends it again. A row is counted once per
   * run of the node, however many scrubs find it.
   */
  corrupt: number;
  /** The background scrub of the data directory (--scrub-interval); failed: passes that could not read the file. */
  scrub: { runs: number; rowsChecked: number; lastRunMs: number | null; failed: number };
  /** Hinted handoff: writes kept for peers that did not acknowledge them. */
  hints: HintCounters;
  /** Entries that changed this node's data, by the repair path that brought them. */
  repaired: RepairedCounters;
  requests: { total: number; errors: number };
}
