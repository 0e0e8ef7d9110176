// One step of the exchange, on either side: merge the entries that came, ship what was wanted,
// then compare the other side's probes and lists with this side's tree and say what differs:
// the children that differ are probed one level deeper or listed (walk.ts), a list is settled
// entry by entry, and only entries whose versions differ move, in whichever direction is newer.
import {
  emptyMessage,
  type AeMessage,
  type ListItem,
  type ListSection,
  type Probe,
} from './wire/message.js';
import type { TreeRef } from './wire/message.js';
import { sameChild } from './wire/probe.js';
import type { Entry } from '../replica/entry.js';
import { FANOUT } from '../tree/shape.js';
import { follow, walkGoesOn, type Role } from './walk.js';
import type { ApplyResult, Store, StoredEntry } from '../replica/store.js';
import { compareVersions } from '../../api/version.js';
import { answerRiblt } from './riblt/exchange.js';
import type { RibltSession } from './riblt/session.js';
import type { Sketch } from './riblt/sketch.js';

/** What a side of the exchange needs: its store to read, and a merge that also records and persists. */
export interface Replica {
  readonly store: Store;
  /** The coded symbols kept up to date beside the tree (nodes running the riblt strategy). */
  readonly sketch?: Sketch;
  merge(entry: Entry): ApplyResult;
  /** Runs a step's merges together (one disk sync with durable storage). */
  transaction?<T>(fn: () => T): T;
}

export interface StepResult {
  reply: AeMessage;
  /** Keys of the entries received and merged in this step. */
  received: string[];
  /** Keys of the entries put in the reply. */
  shipped: string[];
  /** Deepest tree level this step compared. */
  deepest: number;
}

/** Puts one of our entries in the reply, once per key. */
type Ship = (e: StoredEntry) => void;

/** Answers one incoming message: merge what came, then compare and say what differs. */
export function respond(
  replica: Replica,
  incoming: AeMessage,
  session?: RibltSession,
  role: Role = 'responder',
): StepResult {
  const { store } = replica;
  const reply = emptyMessage();
  const shippedKeys = new Set<string>();
  const ship: Ship = (e) => {
    if (shippedKeys.has(e.key)) return;
    shippedKeys.add(e.key);
    reply.entries.push(e);
  };
  const { received, applied } = mergeIncoming(replica, incoming.entries, ship);
  for (const key of incoming.wants) {
    const mine = store.get(key);
    if (mine) ship(mine);
  }
  answerRiblt(replica, incoming, reply, ship, session?.shipped);
  session?.receive(replica, incoming, reply, ship, applied);
  for (const d of incoming.dumps) for (const e of store.tree.itemsUnder(d.level, d.index)) ship(e);
  const probed = answerProbes(store, incoming.probes, reply, ship, role);
  const listed = answerLists(store, incoming.lists, reply, ship);
  return { reply, received, shipped: [...shippedKeys], deepest: Math.max(probed, listed) };
}

/**
 * Merges the entries that came (in one transaction when there are several); returns their keys
 * and how many of them changed our store.
 */
function mergeIncoming(
  replica: Replica,
  entries: readonly Entry[],
  ship: Ship,
): { received: string[]; applied: number } {
  const { store } = replica;
  const received: string[] = [];
  let applied = 0;
  const mergeAll = () => {
    for (const entry of entries) {
      if (replica.merge(entry) === 'applied') applied += 1;
      received.push(entry.key);
      // Ours is newer than what the peer thought was (a wrong hint, or a write meanwhile).
      const mine = store.get(entry.key);
      if (mine && store.compare(mine, entry) > 0) ship(mine);
    }
  };
  if (replica.transaction && entries.length > 1) replica.transaction(mergeAll);
  else mergeAll();
  return { received, applied };
}

/**
 * Compares each probe's children with ours: a child only we hold is shipped, one only they
 * hold is asked for with a dump, and the differing subtrees both sides hold are listed or
 * probed once all are known (see walk.ts). Returns the deepest level compared.
 */
function answerProbes(
  store: Store,
  probes: readonly Probe[],
  reply: AeMessage,
  ship: Ship,
  role: Role,
): number {
  const tree = store.tree;
  let deepest = 0;
  const followed: (TreeRef & { count: number })[] = [];
  for (const probe of probes) {
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
  for (const { level, index, count } of followed) {
    if (follow(count, level, role, goesOn) === 'list') {
      reply.lists.push({ level, index, items: [...tree.itemsUnder(level, index)].map(listItem) });
    } else {
      reply.probes.push({ level, index, children: tree.children(level, index) });
    }
  }
  return deepest;
}

/**
 * Settles each list against our entries under the same tree node: ships ours where newer or
 * missing on their side, wants theirs where newer or missing here. Returns the deepest level.
 */
function answerLists(
  store: Store,
  lists: readonly ListSection[],
  reply: AeMessage,
  ship: Ship,
): number {
  let deepest = 0;
  for (const list of lists) {
    deepest = Math.max(deepest, list.level);
    const mine = new Map<string, StoredEntry>();
    for (const e of store.tree.itemsUnder(list.level, list.index)) mine.set(e.key, e);
    for (const item of list.items) {
      const ours = mine.get(item.key);
      if (!ours) {
        reply.wants.push(item.key);
        continue;
      }
      mine.delete(item.key);
      const order = compareVersions(ours.version, item.version);
      if (store.siblings && (order !== 0 || check(ours) !== item.check)) {
        // Two different sets: each may hold siblings the other lacks, so both move and merge.
        ship(ours);
        reply.wants.push(item.key);
      } else if (order > 0) ship(ours);
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
  return deepest;
}

function listItem(e: StoredEntry): ListItem {
  return { key: e.key, version: e.version, check: check(e) };
}

function check(e: StoredEntry): number {
  return e.lo >>> 0;
}
