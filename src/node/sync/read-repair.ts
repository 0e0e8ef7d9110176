// Read repair (GET /kv/{key}?read=all): the key is read from this node and every peer at once,
// every answer is merged here by the store's one order (so the newest wins, or sibling sets
// join), and before the read is answered the result is written to every peer that answered
// with something else, or nothing. A peer that does not answer is listed, never waited for
// past its timeout.
import type { ReadRepair } from '../../api/repair.js';
import type { PeerClient } from '../peers/client.js';
import { replicationTimeoutMs } from '../peers/timeouts.js';
import type { Entry } from '../replica/entry.js';
import type { LocalReplica } from '../replica/local.js';
import type { StoredEntry } from '../replica/store.js';
import { decodeMessage, emptyMessage, encodeMessage } from './wire/message.js';
import { wireValueBytes } from '../conflicts/set-limit.js';

export interface ReadRepairParts {
  /** This node's address, listed when this node was the one repaired. */
  self: string;
  peers: readonly string[];
  local: LocalReplica;
  /** Sends a message of kind "read-repair" to a peer; resolves with its answer. */
  send: (peer: string, body: Buffer) => Promise<Buffer>;
  maxValueBytes: number;
}

/** What a read from all replicas found: the entry this node now holds, and who was repaired. */
export interface ReadAll {
  entry: StoredEntry | undefined;
  readRepair: ReadRepair;
}

export async function readAll(key: string, p: ReadRepairParts): Promise<ReadAll> {
  const { answered, unreachable } = await askAll(key, p);
  const merged = p.local.transaction(() =>
    answered.map((a) => (a.entry ? p.local.merge(a.entry, 'read-repair') : 'unchanged')),
  );
  const repaired = merged.includes('applied') ? [p.self] : [];
  const store = p.local.store;
  const entry = store.get(key);
  if (entry) {
    const stale = answered.filter((a) => !a.entry || store.compare(entry, a.entry) !== 0);
    const back = await writeBack(entry, stale, p);
    repaired.push(...back.repaired);
    unreachable.push(...back.unreachable);
  }
  return { entry, readRepair: { repaired, unreachable } };
}

/** A peer's answer to the read: the entry it holds of the key, or none. */
interface PeerRead {
  peer: string;
  entry: Entry | undefined;
}

/** The peers that answered the read (in the order of `peers`), and those that did not. */
async function askAll(key: string, p: ReadRepairParts) {
  const ask = emptyMessage();
  ask.wants.push(key);
  const body = encodeMessage(ask);
  const limit = wireValueBytes(p.local.store.conflicts, p.maxValueBytes);
  const reads = await Promise.all(
    p.peers.map(async (peer): Promise<PeerRead | string> => {
      try {
        const reply = decodeMessage(await p.send(peer, body), limit);
        return { peer, entry: reply.entries.find((e) => e.key === key) };
      } catch {
        return peer; // no answer
      }
    }),
  );
  const answered = reads.filter((r) => typeof r !== 'string');
  const unreachable = reads.filter((r) => typeof r === 'string');
  return { answered, unreachable };
}

/** Writes the entry to these peers at once: those that took it, and those that did not answer. */
async function writeBack(
  entry: StoredEntry,
  peers: readonly PeerRead[],
  p: ReadRepairParts,
): Promise<ReadRepair> {
  const write = emptyMessage();
  write.entries.push(entry);
  const body = encodeMessage(write);
  const outcome: ReadRepair = { repaired: [], unreachable: [] };
  await Promise.all(
    peers.map(async ({ peer }) => {
      try {
        await p.send(peer, body);
        outcome.repaired.push(peer);
      } catch {
        outcome.unreachable.push(peer);
      }
    }),
  );
  return outcome;
}

/** A node's read repair: its messages go as replication's do, timed by their size. */
export function nodeReadRepair(
  o: {
    address: string;
    peers: readonly string[];
    peerClient: PeerClient;
    replicationTimeoutMs: number;
    maxValueBytes: number;
  },
  local: LocalReplica,
): (key: string) => Promise<ReadAll> {
  const send = (peer: string, body: Buffer) => {
    const timeoutMs = replicationTimeoutMs(o.replicationTimeoutMs, body.length);
    return o.peerClient.send(peer, body, timeoutMs, 'read-repair');
  };
  const parts = { self: o.address, peers: o.peers, local, send, maxValueBytes: o.maxValueBytes };
  return (key) => readAll(key, parts);
}
