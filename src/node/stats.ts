// The node's counters, as plain numbers: GET /stats shows them as JSON, GET /metrics through
// prom-client (metrics.ts). Everything that counts goes through one of these fields.

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
    exchanges: { in_sync: number; repaired: number; unreachable: number };
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

export function newCounters(): Counters {
  return {
    writes: { replicated: 0, direct: 0, deletes: 0, directDeletes: 0, batched: 0 },
    replication: { acked: 0, failed: 0 },
    peerMessages: { received: 0, rejected: 0 },
    merges: { applied: 0, unchanged: 0 },
    antiEntropy: {
      rounds: 0,
      peersContacted: 0,
      exchanges: { in_sync: 0, repaired: 0, unreachable: 0 },
      keysPulled: 0,
      keysPushed: 0,
      bytesSent: 0,
      bytesReceived: 0,
      roundTrips: 0,
      lastRoundAt: null,
      lastRoundMs: null,
    },
    tombstonesPurged: 0,
    requests: { total: 0, errors: 0 },
  };
}
