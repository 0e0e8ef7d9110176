// The node's counters, as plain numbers: GET /stats shows them as JSON, GET /metrics through
// prom-client. Everything a node counts goes through one of these fields.

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
    lastRoundAt: string | null;
    lastRoundMs: number | null;
  };
  tombstonesPurged: number;
  requests: { total: number; errors: number };
}
