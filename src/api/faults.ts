// The network faults a node can be told to inject (POST /admin/faults), as data: what the CLI,
// chaos and the page send, and what GET /admin/faults answers. The model that turns them into a
// fate for each message is the node's (src/node/peers/fault-model.ts); the simulator reuses it.

/** How long a message is delayed on a link: always the same, evenly spread, or exponential. */
export type LatencyDist =
  | { dist: 'fixed'; ms: number }
  | { dist: 'uniform'; minMs: number; maxMs: number }
  | { dist: 'exponential'; meanMs: number };

/** A distribution in the words simulate's --latency takes: "uniform:2-20" (ms). */
export function latencyWords(l: LatencyDist): string {
  switch (l.dist) {
    case 'fixed':
      return `fixed:${l.ms}`;
    case 'uniform':
      return `uniform:${l.minMs}-${l.maxMs}`;
    case 'exponential':
      return `exponential:${l.meanMs}`;
  }
}

/** The faults on one link (this node to one peer): each a probability from 0 to 1 but latency. */
export interface LinkFaults {
  latency?: LatencyDist;
  /** A message (the request or its answer) is lost: the sender waits out its timeout. */
  loss?: number;
  /** A message is delivered twice; the second copy's answer is not awaited. */
  duplicate?: number;
  /** A message is held back, so messages sent after it overtake it. */
  reorder?: number;
}

/** The link key that stands for every peer of the node. */
export const EVERY_PEER = '*';

/** POST /admin/faults: each field given replaces that part of the node's faults. */
export interface FaultsRequest {
  /** Faults per link, by peer address, or EVERY_PEER for the links to every peer. */
  links?: Record<string, LinkFaults>;
  /** Peers this node does not hear: their messages and their answers never reach it. */
  deaf?: string[];
  /** Offset of the node's wall clock (its hybrid clock's source), in milliseconds. */
  skewMs?: number;
  /** Seed of the node's fault randomness, so a run's message fates replay. */
  seed?: number;
}

/** The largest latency a fault may add to one message (a minute: longer than any timeout). */
export const MAX_FAULT_LATENCY_MS = 60_000;
/** The largest clock skew, as --clock-skew-ms accepts: a day either way. */
export const MAX_FAULT_SKEW_MS = 86_400_000;
