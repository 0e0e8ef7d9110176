// The node's anti-entropy: the scheduler (scheduler.ts) set up from the node's options, its
// messages sent through the peer client with each message's timeout, sent again when lost.
import type { Counters } from '../../api/counters.js';
import type { RoundReport } from '../../api/reports.js';
import type { Strategy } from '../../api/strategies.js';
import type { PeerClient } from '../peers/client.js';
import type { Replica } from './exchange.js';
import type { MessageTap } from './message-tap.js';
import { RetryingLink, RoundTripEstimate } from './retry.js';
import { AntiEntropy, realTimer } from './scheduler.js';

export interface NodeRoundsOptions {
  id: string;
  peerClient: PeerClient;
  strategy: Strategy;
  peersPerRound?: number;
  maxValueBytes: number;
  aeIntervalMs: number;
  counters: Counters;
}

/** Rounds of this node's replica: `onRound` told of each, `beforeRound` run before each. */
export function nodeAntiEntropy(
  o: NodeRoundsOptions,
  replica: Replica,
  hooks: { onRound: (report: RoundReport) => void; beforeRound: () => void; tap?: MessageTap },
): AntiEntropy {
  // One estimate for every peer: the node's peers share its network and its load.
  const estimate = new RoundTripEstimate();
  return new AntiEntropy({
    node: o.id,
    replica,
    transport: (peer) =>
      new RetryingLink({
        send: (body, timeoutMs) => o.peerClient.send(peer, body, timeoutMs),
        estimate,
        now: () => performance.now(),
        timer: realTimer,
      }),
    strategy: o.strategy,
    ...(o.peersPerRound !== undefined ? { peersPerRound: o.peersPerRound } : {}),
    maxValueBytes: o.maxValueBytes,
    intervalMs: o.aeIntervalMs,
    counters: o.counters,
    idOf: (peer) => o.peerClient.idOf(peer),
    ...hooks,
  });
}
