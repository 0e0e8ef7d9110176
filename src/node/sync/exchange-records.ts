// An exchange's messages as records: the watch the scheduler hands runExchange when someone
// listens. The initiator records both directions (its request, and the answer it got), so one
// exchange's records add up to exactly the bytes its round report gives for that peer; a request
// that got no answer is recorded with why (noAnswer), and counts in no report.
import type { ExchangeRef, MessageRecord } from '../../api/messages.js';
import type { ExchangeWatch } from './exchange.js';
import { carried, stepOf } from './message-record.js';
import type { MessageTap } from './message-tap.js';

export interface ExchangeSides {
  /** This node's id. */
  self: string;
  /** The peer as the node knows it (its address), and its id once learned. */
  peer: string;
  peerId: string;
}

export function recordExchange(
  tap: MessageTap,
  sides: ExchangeSides,
  ref: Omit<ExchangeRef, 'seq' | 'initiator' | 'peer'>,
): ExchangeWatch {
  // A request is held until its answer comes (then both are told) or it is known to have none.
  let pending: MessageRecord | undefined;
  return ({ message, bytes, answer, seq, noAnswer }) => {
    if (noAnswer !== undefined) {
      if (pending) tap.emit({ ...pending, noAnswer });
      pending = undefined;
      return;
    }
    const record: MessageRecord = {
      type: 'message',
      at: tap.now(),
      from: answer ? sides.peerId : sides.self,
      to: answer ? sides.self : sides.peerId,
      kind: `exchange:${stepOf(message, seq === 1)}`,
      bytes,
      exchange: { initiator: sides.self, peer: sides.peer, ...ref, seq },
      ...carried(message),
    };
    if (!answer) {
      pending = record;
      return;
    }
    if (pending) tap.emit(pending);
    pending = undefined;
    tap.emit(record);
  };
}
