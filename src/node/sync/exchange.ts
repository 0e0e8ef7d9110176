// The anti-entropy exchange between two replicas. Pure protocol over an injected transport:
// the initiator sends its root's children; each side answers the other's message by comparing
// it with its own tree, descending one level per message (two per round trip) into the
// children that differ only; a subtree with few entries is settled by a list of (key, version)
// instead; at the end only entries whose versions differ move, in whichever direction is newer.
import {
  decodeMessage,
  emptyMessage,
  encodeMessage,
  isEmpty,
  sameChild,
  type AeMessage,
  type ListItem,
  type TreeRef,
} from './wire/message.js';
import { AE_MAX_ROUND_TRIPS } from '../constants.js';
import type { Entry } from '../replica/entry.js';
import { FANOUT } from '../tree/merkle.js';
import { follow, walkGoesOn, type Role } from './walk.js';
import type { ApplyResult, Store, StoredEntry } from '../replica/store.js';
import { compareVersions } from '../../api/version.js';
import { answerRiblt, RibltSession } from './riblt/exchange.js';
import type { RibltOutcome } from '../../api/reports.js';
import type { Sketch } from './riblt/sketch.js';

import type { Strategy } from '../../api/strategies.js';

/** An exchange that broke off: the peer kept answering past the round-trip limit. */
export class ExchangeError extends Error {
  readonly code = 'exchange_unfinished';
  constructor(message: string) {
    super(message);
    this.name = 'ExchangeError';
  }
}

/** What a side of the exchange needs: its store to read, and a merge that also records and persists. */
export interface Replica {
  readonly store: Store;
  /** The coded symbols kept up to date beside the tree (nodes running the riblt strategy). */
  readonly sketch?: Sketch;
  merge(entry: Entry): ApplyResult;
  /** Runs a step's merges together (one disk sync with durable storage). */
  transaction?<T>(fn: () => T): T;
}

/** Sends one encoded message to the peer and resolves with its encoded answer. */
export type Transport = (body: Buffer) => Promise<Buffer>;

export interface StepResult {
  reply: AeMessage;
  /** Keys of the entries received and merged in this step. */
  received: string[];
  /** Keys of the entries put in the reply. */
  shipped: string[];
  /** Deepest tree level this step compared. */
  deepest: number;
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
}

/** Answers one incoming message: merge what came, then compare and say what differs. */
export function respond(
  replica: Replica,
  incoming: AeMessage,
  session?: RibltSession,
  role: Role = 'responder',
): StepResult {
  const { store } = replica;
  const tree = store.tree;
  const reply = emptyMessage();
  const shippedKeys = new Set<string>();
  const ship = (e: StoredEntry): void => {
    if (shippedKeys.has(e.key)) return;
    shippedKeys.add(e.key);
    reply.entries.push(e);
  };
  let deepest = 0;

  const received: string[] = [];
  const mergeAll = () => {
    for (const entry of incoming.entries) {
      replica.merge(entry);
      received.push(entry.key);
      // Ours is newer than what the peer thought was (a wrong hint, or a write meanwhile).
      const mine = store.get(entry.key);
      if (mine && store.compare(mine, entry) > 0) ship(mine);
    }
  };
  if (replica.transaction && incoming.entries.length > 1) replica.transaction(mergeAll);
  else mergeAll();
  for (const key of incoming.wants) {
    const mine = store.get(key);
    if (mine) ship(mine);
  }
  answerRiblt(replica, incoming, reply, ship, session);
  session?.receive(replica, incoming, reply, ship);
  for (const d of incoming.dumps) {
    for (const e of tree.itemsUnder(d.level, d.index)) ship(e);
  }
  // Differing subtrees both sides hold: listed or probed once all are known (see walk.ts).
  const followed: (TreeRef & { count: number })[] = [];
  for (const probe of incoming.probes) {
    const mine = tree.children(probe.level, probe.index);
    const childLevel = probe.level + 1;
    deepest = Math.max(deepest, childLevel);
    for (let j = 0; j < FANOUT; j++) {
      const theirs = probe.children[j]!;
      const ours = mine[j]!;
      if (sameChild(theirs, ours, childLevel)) continue;
      const child: TreeRef = { level: childLevel, index: probe.index * FANOUT + j };
      if (theirs.count === 0) {
        for (const e of tree.itemsUnder(child.level, child.index)) ship(e);
      } else if (ours.count === 0) {
        reply.dumps.push(child);
      } else {
        followed.push({ ...child, count: ours.count });
      }
    }
  }
  const goesOn = walkGoesOn(followed);
  for (const child of followed) {
    const { level, index } = child;
    if (follow(child.count, level, role, goesOn) === 'list') {
      reply.lists.push({ level, index, items: [...tree.itemsUnder(level, index)].map(listItem) });
    } else {
      reply.probes.push({ level, index, children: tree.children(level, index) });
    }
  }
  for (const list of incoming.lists) {
    deepest = Math.max(deepest, list.level);
    const mine = new Map<string, StoredEntry>();
    for (const e of tree.itemsUnder(list.level, list.index)) mine.set(e.key, e);
    for (const item of list.items) {
      const ours = mine.get(item.key);
      if (!ours) {
        reply.wants.push(item.key);
        continue;
      }
      mine.delete(item.key);
      const order = compareVersions(ours.version, item.version);
      if (order > 0) ship(ours);
      else if (order < 0) reply.wants.push(item.key);
      else if (check(ours) !== item.check) {
        // Same version, different content: only duplicate node ids do this. Swap both; the
        // merge's tie-break (tombstone, then value digest) picks the same winner on each side.
        ship(ours);
        reply.wants.push(item.key);
      }
    }
    for (const ours of mine.values()) ship(ours);
  }
  return { reply, received, shipped: [...shippedKeys], deepest };
}

/** The initiator's side: runs message after message until neither side has anything to say. */
export async function runExchange(
  replica: Replica,
  send: Transport,
  strategy: Strategy,
  maxValueBytes: number,
): Promise<ExchangeResult> {
  const first = emptyMessage();
  const pushed = new Set<string>();
  const session = strategy === 'riblt' ? new RibltSession() : undefined;
  if (session) {
    session.open(replica, first);
  } else if (strategy === 'full') {
    for (const e of replica.store.entries()) {
      first.entries.push(e);
      pushed.add(e.key);
    }
    first.dumps.push({ level: 0, index: 0 });
  } else {
    first.probes.push({ level: 0, index: 0, children: replica.store.tree.children(0, 0) });
  }
  const result: ExchangeResult = {
    status: 'in_sync',
    roundTrips: 0,
    bytes: { sent: 0, received: 0 },
    keys: { pulled: [], pushed: [] },
    levels: 0,
  };
  const pulled = new Set<string>();
  let message = first;
  while (!isEmpty(message)) {
    if (result.roundTrips === AE_MAX_ROUND_TRIPS) {
      throw new ExchangeError(
        `the exchange did not finish within ${AE_MAX_ROUND_TRIPS} round trips`,
      );
    }
    const body = encodeMessage(message);
    const answer = await send(body);
    result.roundTrips += 1;
    result.bytes.sent += body.length;
    result.bytes.received += answer.length;
    const step = respond(replica, decodeMessage(answer, maxValueBytes), session, 'initiator');
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
  if (session) result.riblt = session.outcome;
  if (pulled.size > 0 || pushed.size > 0) result.status = 'repaired';
  return result;
}

/** The responder's side of one message, as the HTTP route calls it. */
export function answer(replica: Replica, body: Buffer, maxValueBytes: number): Buffer {
  return encodeMessage(respond(replica, decodeMessage(body, maxValueBytes)).reply);
}

function listItem(e: StoredEntry): ListItem {
  return { key: e.key, version: e.version, check: check(e) };
}

function check(e: StoredEntry): number {
  return e.lo >>> 0;
}
