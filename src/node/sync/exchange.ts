// The anti-entropy exchange between two replicas. Pure protocol over an injected transport:
// the initiator sends its root's children (or its riblt opening, or everything); each side
// answers the other's message by comparing it with its own tree (respond.ts), descending one
// level per message (two per round trip) into the children that differ only, until neither
// side has anything to say and only the entries whose versions differ have moved.
import { decodeMessage, emptyMessage, encodeMessage, isEmpty } from './wire/message.js';
import { AE_MAX_ROUND_TRIPS } from '../constants.js';
import { respond, type Replica } from './respond.js';
import type { Receipt, RibltOutcome } from '../../api/reports.js';
import type { AeMessage } from './wire/message.js';
import { Differing } from './receipt.js';
import { RibltSession } from './riblt/session.js';
import type { RibltOpening } from './riblt/openings.js';
import type { Strategy } from '../../api/strategies.js';
import { wireValueBytes } from '../conflicts/set-limit.js';

/** Re-exported: the exchange's callers name a side of it here; respond.ts declares it. */
export type { Replica } from './respond.js';

/** An exchange that broke off: the peer kept answering past the round-trip limit. */
export class ExchangeError extends Error {
  readonly code = 'exchange_unfinished';
  constructor(message: string) {
    super(message);
    this.name = 'ExchangeError';
  }
}

/** Sends one encoded message to the peer and resolves with its encoded answer. */
export type Transport = (body: Buffer) => Promise<Buffer>;

/** A transport that sends a message again when it goes unanswered, and counts the copies. */
export interface PeerLink {
  readonly send: Transport;
  /** Copies sent beyond the first of each message so far. */
  readonly retries: number;
}

export interface ExchangeResult {
  status: 'in_sync' | 'repaired';
  roundTrips: number;
  bytes: { sent: number; received: number };
  keys: { pulled: string[]; pushed: string[] };
  /** How many levels below the root the walk went. */
  levels: number;
  /** What the rateless strategy did (riblt only). */
  riblt?: RibltOutcome;
  /**
   * The two replicas were seen equal: their roots at the start (the opening's answer was empty),
   * or, riblt, both roots checked once the difference moved. The scheduler keeps it per peer.
   */
  endedInSync: boolean;
  receipt: Receipt;
}

/**
 * Told of each message of an exchange as it goes (the request before it is sent, the answer
 * once it came): the seam where a node that has listeners records its messages.
 */
export type ExchangeWatch = (seen: {
  message: AeMessage;
  bytes: number;
  answer: boolean;
  /** 1 for the opening, 2 for its answer, … */
  seq: number;
  /** The request (told again) got no answer to use, and why: the exchange ends here. */
  noAnswer?: string;
}) => void;

/**
 * The initiator's side: runs message after message until neither side has anything to say.
 * `opening` (riblt): the root alone when the last exchange with this peer ended in sync.
 */
export async function runExchange(
  replica: Replica,
  send: Transport,
  strategy: Strategy,
  maxValueBytes: number,
  watch?: ExchangeWatch,
  opening: RibltOpening = 'samples',
): Promise<ExchangeResult> {
  const first = emptyMessage();
  const pushed = new Set<string>();
  const session = strategy === 'riblt' ? new RibltSession() : undefined;
  if (session) {
    session.open(replica, first, opening);
  } else if (strategy === 'full') {
    for (const e of replica.store.entries()) {
      first.entries.push(e);
      pushed.add(e.key);
    }
    first.dumps.push({ level: 0, index: 0 });
  } else {
    first.probes.push({ level: 0, index: 0, children: replica.store.tree.children(0, 0) });
  }
  const result: Omit<ExchangeResult, 'receipt'> = {
    status: 'in_sync',
    roundTrips: 0,
    bytes: { sent: 0, received: 0 },
    keys: { pulled: [], pushed: [] },
    levels: 0,
    endedInSync: false,
  };
  const pulled = new Set<string>();
  const differing = new Differing(replica, strategy);
  let seq = 0;
  let message = first;
  while (!isEmpty(message)) {
    if (result.roundTrips === AE_MAX_ROUND_TRIPS) {
      throw new ExchangeError(
        `the exchange did not finish within ${AE_MAX_ROUND_TRIPS} round trips`,
      );
    }
    const body = encodeMessage(message);
    watch?.({ message, bytes: body.length, answer: false, seq: ++seq });
    differing.sent(message);
    let answer: Buffer;
    try {
      answer = await send(body);
    } catch (error) {
      watch?.({ message, bytes: body.length, answer: false, seq, noAnswer: reasonOf(error) });
      throw error;
    }
    result.roundTrips += 1;
    result.bytes.sent += body.length;
    result.bytes.received += answer.length;
    const decoded = decodeMessage(answer, wireValueBytes(replica.store.conflicts, maxValueBytes));
    watch?.({ message: decoded, bytes: answer.length, answer: true, seq: ++seq });
    differing.received(decoded);
    if (result.roundTrips === 1 && isEmpty(decoded)) result.endedInSync = true;
    const step = respond(replica, decoded, session, 'initiator');
    result.levels = Math.max(
      result.levels,
      step.deepest,
      ...message.probes.map((p) => p.level + 1),
    );
    for (const key of step.received) pulled.add(key);
    for (const key of step.shipped) pushed.add(key);
    message = step.reply;
  }
  result.keys = { pulled: [...pulled], pushed: [...pushed] };
  if (session) {
    result.riblt = session.outcome;
    if (session.met) result.endedInSync = true;
  }
  if (pulled.size > 0 || pushed.size > 0) result.status = 'repaired';
  const spent = result.bytes.sent + result.bytes.received;
  return { ...result, receipt: differing.receipt(spent) };
}

/** The responder's side of one message, as the HTTP route calls it. */
export function answer(replica: Replica, body: Buffer, maxValueBytes: number): Buffer {
  const limit = wireValueBytes(replica.store.conflicts, maxValueBytes);
  return encodeMessage(respond(replica, decodeMessage(body, limit)).reply);
}

/** Why a request got no answer, in a few words. */
function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
