// Talking to peers: node:http with a kept-alive Agent (post.ts), a socket cap per peer and a
// timeout on every call, so a dead or silent peer costs a bounded wait and never a stall.
import http from 'node:http';
import {
  CLUSTER_KEY_HEADER,
  CONFLICTS_HEADER,
  FROM_HEADER,
  KIND_HEADER,
  TREE_KEY_HEADER,
} from '../../api/headers.js';
import type { ConflictMode } from '../../api/conflicts.js';
import type { PeerMessageKind } from '../../api/repair.js';
import { MAX_SOCKETS_PER_PEER } from '../constants.js';
import { PeerRefusedError } from '../errors.js';
import type { Faults } from './faults.js';
import { networkReason } from '../../net/network-reason.js';
import { post, target, type Answer, type Target } from './post.js';
import { deliver } from './deliver.js';
import { treeKeyFingerprint } from '../replica/tree-key.js';

/** The internal route that takes an anti-entropy message (replication is a message of entries). */
export const EXCHANGE_PATH = '/internal/exchange';
/** The reason a cut-off peer is reported with. */
export const CUT_REASON = 'network cut (fault injection)';

export class PeerError extends Error {
  readonly code = 'peer_unreachable';
  readonly peer: string;
  constructor(peer: string, reason: string, options?: { cause?: unknown }) {
    super(reason, options);
    this.name = 'PeerError';
    this.peer = peer;
  }
}

export interface PeerClient {
  /**
   * Posts an encoded message to a peer's exchange route; resolves with the encoded answer.
   * `kind` names what it carries (no kind: a message of an anti-entropy exchange).
   */
  send(peer: string, body: Buffer, timeoutMs: number, kind?: PeerMessageKind): Promise<Buffer>;
  /** A peer's node id, once it has answered a message. */
  idOf(peer: string): string | undefined;
  /** Bytes on the wire to and from peers (headers included), for the cost of an exchange. */
  wireBytes(): { sent: number; received: number };
  close(): void;
}

/** An agent that counts the bytes its sockets write and read, including those still open. */
class CountingAgent extends http.Agent {
  readonly closed = { sent: 0, received: 0 };
  readonly open = new Set<import('node:net').Socket>();

  override createConnection(
    ...args: Parameters<http.Agent['createConnection']>
  ): ReturnType<http.Agent['createConnection']> {
    const socket = super.createConnection(...args) as import('node:net').Socket;
    this.open.add(socket);
    socket.once('close', () => {
      this.open.delete(socket);
      this.closed.sent += socket.bytesWritten;
      this.closed.received += socket.bytesRead;
    });
    return socket;
  }

  totals(): { sent: number; received: number } {
    let { sent, received } = this.closed;
    for (const s of this.open) {
      sent += s.bytesWritten;
      received += s.bytesRead;
    }
    return { sent, received };
  }
}

/** The client one node uses for its messages to peers; each call's timeout is the caller's. */
export function createPeerClient(
  self: string,
  clusterKey: string | undefined,
  faults: Faults,
  conflicts: ConflictMode = 'lww',
): PeerClient {
  const agent = new CountingAgent({ keepAlive: true, maxSockets: MAX_SOCKETS_PER_PEER });
  const headers = {
    'content-type': 'application/octet-stream',
    [FROM_HEADER]: self,
    ...(clusterKey ? { [CLUSTER_KEY_HEADER]: clusterKey } : {}),
    // The tree key this node hashes with, by its fingerprint; none: the public hashes.
    ...(clusterKey ? { [TREE_KEY_HEADER]: treeKeyFingerprint(clusterKey) } : {}),
    // Said only when not lww: an lww node's messages are byte for byte what they were.
    ...(conflicts !== 'lww' ? { [CONFLICTS_HEADER]: conflicts } : {}),
  };
  const kinded = new Map<PeerMessageKind, Record<string, string>>();
  const headersOf = (kind: PeerMessageKind | undefined) => {
    if (kind === undefined) return headers;
    let h = kinded.get(kind);
    if (h === undefined) kinded.set(kind, (h = { ...headers, [KIND_HEADER]: kind }));
    return h;
  };
  const targets = new Map<string, Target>();
  const ids = new Map<string, string>();
  const closed = new AbortController();
  const postTo = (
    peer: string,
    body: Buffer,
    timeoutMs: number,
    kind: PeerMessageKind | undefined,
  ): Promise<Answer> => {
    let to = targets.get(peer);
    if (to === undefined) {
      to = target(`http://${peer}${EXCHANGE_PATH}`, agent);
      targets.set(peer, to);
    }
    const fate = faults.fate(peer);
    const once = (ms: number) => post(to, headersOf(kind), body, ms);
    return fate ? deliver(fate, timeoutMs, once, closed.signal) : once(timeoutMs);
  };
  return {
    wireBytes: () => agent.totals(),
    idOf: (peer) => ids.get(peer),
    async send(peer, body, timeoutMs, kind) {
      if (faults.isCut(peer)) throw new PeerError(peer, CUT_REASON);
      let response: Answer;
      try {
        response = await postTo(peer, body, timeoutMs, kind);
        if (response.node !== undefined) ids.set(peer, response.node);
      } catch (error) {
        throw new PeerError(peer, networkReason(error, timeoutMs), { cause: error });
      }
      if (response.status !== 200) {
        const { code, message } = errorOf(response.body);
        throw new PeerRefusedError(peer, response.status, code, message);
      }
      return response.body;
    },
    close() {
      closed.abort();
      agent.destroy();
    },
  };
}

/** A peer's error answer's code and sentence ({"error": {"code", "message"}}), when it has them. */
function errorOf(body: Buffer): { code?: string; message?: string } {
  try {
    const { error } = JSON.parse(body.toString('utf8')) as {
      error?: { code?: unknown; message?: unknown };
    };
    return {
      ...(typeof error?.code === 'string' ? { code: error.code.slice(0, 100) } : {}),
      ...(typeof error?.message === 'string' ? { message: error.message.slice(0, 300) } : {}),
    };
  } catch {
    return {};
  }
}
