// The three repair paths beside replication (docs/http-api.md, "Three repair paths"): how an
// entry reached a node (`via`), what a replicated write's failed peers were told (`hinted`), and
// the counters and answers that report each path. Types and names only.

/** How a node got the version it holds, as GET /kv/{key} says it in `via`. */
export const VIAS = ['client', 'replication', 'hint', 'read-repair', 'anti-entropy'] as const;
export type Via = (typeof VIAS)[number];

/**
 * What a message on the peer route carries, named in its x-ae-kind header (KIND_HEADER): a
 * replicated write, a replayed hint, or a read repair's read or write. A message without the
 * header is one of an anti-entropy exchange.
 */
export const PEER_MESSAGE_KINDS = ['replicate', 'hint', 'read-repair'] as const;
export type PeerMessageKind = (typeof PEER_MESSAGE_KINDS)[number];

/** The path an entry that came in a message of this kind took (no kind: anti-entropy). */
export function viaOfKind(kind: string | undefined): Via {
  if (kind === 'replicate') return 'replication';
  if (kind === 'hint' || kind === 'read-repair') return kind;
  return 'anti-entropy';
}

/**
 * GET /stats "hints": held now, and kept, replayed, expired and refused since the node started
 * (refused: writes a peer of another conflict mode or tree key refused, never kept as hints).
 */
export interface HintCounters {
  pending: number;
  stored: number;
  replayed: number;
  expired: number;
  refused: number;
}

/** GET /stats "repaired": entries that changed this node's data, by the path that brought them. */
export interface RepairedCounters {
  hint: number;
  readRepair: number;
  antiEntropy: number;
}

/** GET /kv/{key}?read=all: the replicas written before answering, and those that did not answer. */
export interface ReadRepair {
  repaired: string[];
  unreachable: string[];
}
