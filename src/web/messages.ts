// The messages between nodes as the page keeps them: each message of an exchange, hint or read
// repair in order (the sequence diagram's arrows and its table), and replication folded into one
// band per pair of nodes (thousands of background writes would bury the exchange). Pure: the
// page and the report fold the same records the same way.
import type { MessageRecord } from '../api/messages.js';

/** Messages kept one by one, the newest; older ones live on only in the counts. */
export const MAX_MESSAGES = 2_000;

/** Replication from one node to another, folded: how many messages, how many bytes, when. */
export interface Band {
  from: string;
  to: string;
  kind: MessageRecord['kind'];
  count: number;
  bytes: number;
  /** ms since the run began: the first and the last message of the band. */
  first: number;
  last: number;
}

export interface MessageState {
  /** Kept one by one, in arrival order (at most MAX_MESSAGES, the newest). */
  list: MessageRecord[];
  /** Messages no longer in `list`. */
  dropped: number;
  bands: Band[];
}

export function initialMessages(): MessageState {
  return { list: [], dropped: 0, bands: [] };
}

/**
 * Adds one record: replication to its band, anything else to the list (a replication that got
 * no answer too: it is drawn on its own, as every unanswered message is).
 */
export function addMessage(state: MessageState, record: MessageRecord): void {
  if (record.kind === 'replicate' && record.noAnswer === undefined) {
    let band = state.bands.find(
      (b) => b.from === record.from && b.to === record.to && b.kind === record.kind,
    );
    if (!band) {
      band = {
        from: record.from,
        to: record.to,
        kind: record.kind,
        count: 0,
        bytes: 0,
        first: record.at,
        last: record.at,
      };
      state.bands.push(band);
    }
    band.count += 1;
    band.bytes += record.bytes;
    band.first = Math.min(band.first, record.at);
    band.last = Math.max(band.last, record.at);
    return;
  }
  state.list.push(record);
  if (state.list.length > MAX_MESSAGES) {
    state.dropped += state.list.length - MAX_MESSAGES;
    state.list.splice(0, state.list.length - MAX_MESSAGES);
  }
}
