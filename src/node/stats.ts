// The node's counters, as plain numbers: GET /stats shows them as JSON, GET /metrics through
// prom-client (metrics.ts). Everything that counts goes through one of these fields (their
// shape is the API's, src/api/counters.ts).
import type { Counters } from '../api/counters.js';

export function newCounters(): Counters {
  return {
    writes: { replicated: 0, direct: 0, deletes: 0, directDeletes: 0, batched: 0 },
    replication: { acked: 0, failed: 0 },
    peerMessages: { received: 0, rejected: 0 },
    merges: { applied: 0, unchanged: 0 },
    antiEntropy: {
      rounds: 0,
      peersContacted: 0,
      exchanges: { in_sync: 0, repaired: 0, unreachable: 0, refused: 0 },
      keysPulled: 0,
      keysPushed: 0,
      bytesSent: 0,
      bytesReceived: 0,
      roundTrips: 0,
      retries: 0,
      lastRoundAt: null,
      lastRoundMs: null,
    },
    tombstonesPurged: 0,
    corrupt: 0,
    scrub: { runs: 0, rowsChecked: 0, lastRunMs: null, failed: 0 },
    hints: { pending: 0, stored: 0, replayed: 0, expired: 0, refused: 0 },
    repaired: { hint: 0, readRepair: 0, antiEntropy: 0 },
    requests: { total: 0, errors: 0 },
  };
}
