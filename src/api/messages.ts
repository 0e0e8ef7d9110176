// Every message between nodes, as a record a reader can follow: who sent what to whom, when, how
// many body bytes, and what it carried. Nodes emit them (over IPC to a parent that forked them,
// or as JSON lines on GET /messages); a recording keeps them; the terminal, the page and the
// report show them.

import type { PeerMessageKind } from './repair.js';

/**
 * The step of an anti-entropy exchange a message is, in the implementation's words: the
 * initiator's opening (root probe, riblt opening, or everything at once), then what each side
 * answers: probes one level down, lists of entries, dumps, entries, wants, coded symbols, a
 * request for more of them, the placement hashes wanted, a settle, and the empty answer that ends it.
 */
export const EXCHANGE_STEPS = [
  'root',
  'open',
  'full',
  'probe',
  'list',
  'dump',
  'entries',
  'want',
  'symbols',
  'more',
  'places',
  'settle',
  'done',
] as const;
export type ExchangeStep = (typeof EXCHANGE_STEPS)[number];

/** A message outside an exchange is named as its sender names it on the wire (x-ae-kind). */
export type MessageKind = PeerMessageKind | `exchange:${ExchangeStep}`;

/** A record names at most this many of the keys a message carried; `entries` counts them all. */
export const MESSAGE_MAX_KEYS = 20;

/** Which exchange a message belongs to: the round of the node that began it, and the peer. */
export interface ExchangeRef {
  /** Id of the node that began the exchange. */
  initiator: string;
  /** That node's round (1 for its first since it started): the round report's `round`. */
  round: number;
  /** When that node started (ms since the epoch): round numbers start again at a restart. */
  incarnation: number;
  /** The peer as the round report names it (its address). */
  peer: string;
  /** 1, or 2 for the second pass a round makes with a peer to hand on what it pulled. */
  pass: number;
  /** The message's place in its exchange: 1 for the opening, 2 for its answer, … */
  seq: number;
}

export interface MessageRecord {
  type: 'message';
  /**
   * When it was sent (answers: received), in ms. From a node: since the Unix epoch, with a
   * fraction; in a recording: since the run began.
   */
  at: number;
  /** Node ids (a peer that never answered is named by its address). */
  from: string;
  to: string;
  kind: MessageKind;
  /** Body bytes (HTTP headers not counted, as the round report counts them). */
  bytes: number;
  /**
   * The peer gave no answer to use, and why in a few words (it was down or cut off, it timed
   * out, it refused the message); absent when it answered.
   */
  noAnswer?: string;
  exchange?: ExchangeRef;
  /** Entries carried, and the first MESSAGE_MAX_KEYS of their keys. */
  entries?: number;
  keys?: string[];
  /** Keys asked for (wants), and placement hashes asked for (riblt). */
  wants?: number;
  places?: number;
  /** Child digests carried for the other side to compare (probes), and subtrees probed. */
  digests?: number;
  probes?: number;
  /** Entries listed by key and version (lists), and subtrees asked for whole (dumps). */
  listed?: number;
  dumps?: number;
  /** The deepest tree level the message's probes and lists stand at. */
  level?: number;
  /** Coded symbols carried (riblt). */
  symbols?: number;
  /** Why this side turned from riblt to the Merkle walk, when this message says so. */
  fallback?: string;
}

/** The route that streams a node's message records, one JSON object a line. */
export const MESSAGES_PATH = '/messages';

/** Whether a parsed JSON value has a message record's required fields. */
export function isMessageRecord(value: unknown): value is MessageRecord {
  const v = value as Partial<MessageRecord> | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    v.type === 'message' &&
    typeof v.at === 'number' &&
    typeof v.from === 'string' &&
    typeof v.to === 'string' &&
    typeof v.kind === 'string' &&
    typeof v.bytes === 'number'
  );
}

/** The exchange step of a kind, or undefined for a replication path. */
export function stepOfKind(kind: MessageKind): ExchangeStep | undefined {
  return kind.startsWith('exchange:') ? (kind.slice(9) as ExchangeStep) : undefined;
}
