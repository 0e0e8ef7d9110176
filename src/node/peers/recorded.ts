// The messages a node sends outside an exchange (a replicated write, a replayed hint, a read
// repair), recorded with their acknowledgements while someone listens: the kind the sender names,
// the body's bytes, the keys it carried; one that got no answer (the peer down, cut off, too slow)
// is recorded too, with why. Without a listener a message goes out as it did.
import { MESSAGE_MAX_KEYS, type MessageRecord } from '../../api/messages.js';
import type { MessageTap } from '../sync/message-tap.js';
import { decodeMessage } from '../sync/wire/message.js';
import type { PeerClient } from './client.js';

/** The client, with each message that names its kind recorded on the tap. */
export function recordedClient(client: PeerClient, self: string, tap: MessageTap): PeerClient {
  return {
    ...client,
    async send(peer, body, timeoutMs, kind) {
      if (kind === undefined || !tap.listening) return client.send(peer, body, timeoutMs, kind);
      const at = tap.now();
      const sent = { type: 'message', at, from: self, kind, bytes: body.length } as const;
      let answer: Buffer;
      try {
        answer = await client.send(peer, body, timeoutMs, kind);
      } catch (error) {
        // Sent, and no answer came: recorded all the same, with why.
        const noAnswer = (error as Error).message;
        tap.emit({ ...sent, to: client.idOf(peer) ?? peer, noAnswer, ...carried(body) });
        throw error;
      }
      const to = client.idOf(peer) ?? peer;
      tap.emit({ ...sent, to, ...carried(body) });
      tap.emit({ type: 'message', at: tap.now(), from: to, to: self, kind, bytes: answer.length });
      return answer;
    },
  };
}

/** The entries a message of entries carried (the body is this node's own: it decodes). */
function carried(body: Buffer): Pick<MessageRecord, 'entries' | 'keys'> {
  const { entries } = decodeMessage(body, Number.MAX_SAFE_INTEGER);
  return { entries: entries.length, keys: entries.slice(0, MESSAGE_MAX_KEYS).map((e) => e.key) };
}
