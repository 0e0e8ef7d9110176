// The fate of one message under a link's faults, decided with injected randomness and no I/O:
// how long it is delayed, whether the request or its answer is lost, whether a second copy is
// delivered. The node's peer client applies it (peers/deliver.ts); the simulator draws from the
// same model, so three real replicas and a thousand simulated ones meet the same network.
import { MAX_FAULT_LATENCY_MS, type LatencyDist, type LinkFaults } from '../../api/faults.js';

/**
 * A reordered message is held back by up to this long: on one machine a message leaves in well
 * under a millisecond, so the replication batches and exchange messages sent meanwhile overtake
 * it, as a packet held in a router's queue is overtaken by those routed around it.
 */
export const REORDER_HOLD_MAX_MS = 200;

/** What happens to one message. */
export interface MessageFate {
  /** Milliseconds before it leaves: the link's latency, plus the hold of a reordered message. */
  delayMs: number;
  /** Lost: nothing, the request (never delivered), or its answer (delivered, never heard). */
  lost: 'none' | 'request' | 'answer';
  /** A second copy of the request is delivered too. */
  duplicate: boolean;
}

/** A delivered message with no fault on it. */
export const UNHARMED: MessageFate = { delayMs: 0, lost: 'none', duplicate: false };

/** One draw of a latency distribution, in whole milliseconds, at most MAX_FAULT_LATENCY_MS. */
export function sampleLatency(latency: LatencyDist, random: () => number): number {
  let ms: number;
  switch (latency.dist) {
    case 'fixed':
      ms = latency.ms;
      break;
    case 'uniform':
      ms = latency.minMs + random() * (latency.maxMs - latency.minMs);
      break;
    case 'exponential':
      ms = -latency.meanMs * Math.log(1 - random());
      break;
  }
  return Math.min(MAX_FAULT_LATENCY_MS, Math.round(ms));
}

/** Whether an event of probability p happens (no draw when p is 0 or absent). */
function chance(p: number | undefined, random: () => number): boolean {
  return p !== undefined && p > 0 && random() < p;
}

/**
 * The fate of one message on a link with these faults. A lost message loses its request or its
 * answer with even odds: the sender cannot tell them apart, but the receiver has applied what
 * the request carried in the second case.
 */
export function messageFate(link: LinkFaults, random: () => number): MessageFate {
  let delayMs = link.latency ? sampleLatency(link.latency, random) : 0;
  if (chance(link.reorder, random)) delayMs += Math.round(random() * REORDER_HOLD_MAX_MS);
  const lost = chance(link.loss, random) ? (random() < 0.5 ? 'request' : 'answer') : 'none';
  return { delayMs, lost, duplicate: chance(link.duplicate, random) };
}
