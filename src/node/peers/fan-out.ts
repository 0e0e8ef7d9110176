// Replicated writes: the entries go to every peer at once (grouped with concurrent writes, one
// message per peer), and each peer acks or fails on its own. A peer that fails is handed the
// entries as hints (when hinted handoff is on), unless it refused them for good (a node of
// another conflict mode or tree key); one that acks is told to take its hints.
import type { Counters } from '../../api/counters.js';
import type { Replication } from '../../api/http.js';
import type { Entry } from '../replica/entry.js';
import { PeerReplicator, sharedEncoder } from '../sync/replication.js';
import type { Handoff } from '../hints/handoff.js';
import type { PeerClient } from './client.js';
import { replicationTimeoutMs } from './timeouts.js';

export class FanOut {
  readonly #replicators: PeerReplicator[];
  readonly #counters: Counters;
  readonly #handoff: Handoff;

  /** timeoutMs: --replication-timeout, stretched for large messages. */
  constructor(
    peers: readonly string[],
    client: PeerClient,
    parts: { timeoutMs: number; counters: Counters; handoff: Handoff },
  ) {
    const { timeoutMs, counters, handoff } = parts;
    const encode = sharedEncoder();
    this.#counters = counters;
    this.#handoff = handoff;
    this.#replicators = peers.map(
      (peer) =>
        new PeerReplicator(
          peer,
          (body) =>
            client.send(peer, body, replicationTimeoutMs(timeoutMs, body.length), 'replicate'),
          encode,
        ),
    );
  }

  /** Sends the entries to every peer; resolves once each has acked or failed. */
  async send(entries: readonly Entry[]): Promise<Replication> {
    const outcomes = await Promise.all(this.#replicators.map((r) => r.replicate(entries)));
    const replication: Replication = { acked: [], failed: [] };
    outcomes.forEach((outcome, i) => {
      const peer = this.#replicators[i]!.peer;
      if (outcome.ok) {
        replication.acked.push(peer);
        this.#handoff.answered(peer);
      } else {
        const hinted = this.#handoff.missed(peer, entries, outcome.refused);
        replication.failed.push({ peer, reason: outcome.reason, hinted });
      }
    });
    this.#counters.replication.acked += replication.acked.length;
    this.#counters.replication.failed += replication.failed.length;
    return replication;
  }
}
