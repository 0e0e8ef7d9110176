// Every JSON answer of the node, built in one place from the node's own objects: the shapes are
// the API's (src/api/http.ts); the service and the routes call these and build none themselves.
import type { FaultState } from '../peers/faults.js';
import type {
  FaultsAnswer,
  Health,
  TreeKeying,
  HintsAnswer,
  IntervalAnswer,
  ListAnswer,
  ReadAnswer,
  RoundsAnswer,
  Snapshot,
  StatsAnswer,
  TreeLevel,
  TreeNodeView,
  WriteAnswer,
  Replication,
} from '../../api/http.js';
import type { Counters } from '../../api/counters.js';
import type { SiblingsReadAnswer, SiblingsWriteAnswer } from '../../api/conflicts.js';
import { siblingsReadView, siblingsWriteView } from './sibling-views.js';
import type { RoundRecord } from '../../api/reports.js';
import type { ListPage } from '../replica/key-order.js';
import type { Store, StoredEntry } from '../replica/store.js';
import { digestHex, join } from '../tree/digest.js';
import { FANOUT, MAX_LEVEL } from '../tree/shape.js';

/** The hash the tree uses, as GET /merkle/snapshot names it. */
const HASH_NAME = 'xxh64, XOR of entry digests';

export function healthView(
  id: string,
  address: string,
  peers: readonly string[],
  store: Store,
  tree: TreeKeying,
): Health {
  return { status: 'ok', id, address, peers, keys: store.liveCount, tree };
}

export function readView(e: StoredEntry): ReadAnswer {
  return { key: e.key, value: e.value!, version: e.version, via: e.via };
}

export function listView(
  page: ListPage,
  siblings = false,
): ListAnswer<ReadAnswer | SiblingsReadAnswer> {
  const view = siblings ? siblingsReadView : readView;
  return { items: page.items.map((e) => view(e)), next: page.next };
}

/** A write as stored: a delete has deleted: true and no value (siblings: the set after it). */
export function writeView(
  entry: StoredEntry,
  replication: Replication | null,
  siblings = false,
): WriteAnswer | SiblingsWriteAnswer {
  if (siblings) return siblingsWriteView(entry, replication);
  return entry.value === null
    ? { key: entry.key, deleted: true, version: entry.version, replication }
    : { key: entry.key, value: entry.value, version: entry.version, replication };
}

export function snapshotView(node: string, store: Store, fullExchangeBytes: number): Snapshot {
  return {
    node,
    root: digestHex(store.tree.root().digest),
    count: store.size,
    fanout: FANOUT,
    depth: store.tree.storedDepth,
    maxDepth: MAX_LEVEL,
    hash: HASH_NAME,
    liveKeys: store.liveCount,
    tombstones: store.tombstoneCount,
    fullExchangeBytes,
    children: store.tree
      .children(0, 0)
      .map((c, index) => ({ index, digest: digestHex(c.digest), count: c.count })),
  };
}

/** Every tree node of one level, in index order: what a picture of the top of the tree needs. */
export function treeLevelView(node: string, store: Store, level: number): TreeLevel {
  const { tree } = store;
  const digests: string[] = [];
  const counts: number[] = [];
  const parents = level === 0 ? [tree.root()] : [];
  if (level > 0)
    for (let p = 0; p < FANOUT ** (level - 1); p++) parents.push(...tree.children(level - 1, p));
  for (const n of parents) {
    digests.push(digestHex(n.digest));
    counts.push(n.count);
  }
  return { node, level, digests, counts };
}

/** One tree node with its children, and its entries once it holds at most entryLimit. */
export function treeNodeView(
  node: string,
  store: Store,
  at: { level: number; index: number; entryLimit: number },
): TreeNodeView {
  const { tree } = store;
  const { level, index } = at;
  const self = tree.node(level, index);
  const children =
    level < MAX_LEVEL
      ? tree.children(level, index).map((c, j) => ({
          index: index * FANOUT + j,
          digest: digestHex(c.digest),
          count: c.count,
        }))
      : [];
  const entries =
    self.count <= at.entryLimit
      ? [...tree.itemsUnder(level, index)].map((e) => ({
          key: e.key,
          version: e.version,
          deleted: store.deleted(e.value),
          digest: digestHex(join(e.hi, e.lo)),
        }))
      : null;
  return {
    node,
    level,
    index,
    digest: digestHex(self.digest),
    count: self.count,
    children,
    entries,
  };
}

export function roundsView(
  node: string,
  since: { latest: number; rounds: RoundRecord[] },
): RoundsAnswer {
  return { node, ...since };
}

export function faultsView(node: string, faults: FaultState): FaultsAnswer {
  return { node, ...faults };
}

export function intervalView(node: string, intervalMs: number): IntervalAnswer {
  return { node, intervalMs };
}

/** Hinted handoff's switch and queue (a Handoff, read through its getters). */
export function hintsView(
  node: string,
  h: { enabled: boolean; keepMs: number; pending(): number; refused: number },
): HintsAnswer {
  return { node, enabled: h.enabled, keepMs: h.keepMs, pending: h.pending(), refused: h.refused };
}

/** What GET /stats adds to the counters: who the node is and what it holds. */
export interface StatsFacts {
  node: string;
  store: Store;
  peers: readonly string[];
  peersPerRound: number;
  counters: Counters;
  /** Whether hinted handoff is on now. */
  hintsEnabled: boolean;
  peerWire: { sent: number; received: number };
}

export function statsView(f: StatsFacts): StatsAnswer {
  const { store } = f;
  return {
    node: f.node,
    keys: store.liveCount,
    tombstones: store.tombstoneCount,
    tree: { entries: store.size, depth: store.tree.storedDepth },
    peers: f.peers,
    peersPerRound: f.peersPerRound,
    ...f.counters,
    hints: { enabled: f.hintsEnabled, ...f.counters.hints },
    peerWire: f.peerWire,
    process: {
      cpuMs: cpuMs(),
      rssBytes: process.memoryUsage.rss(),
      uptimeS: Math.round(process.uptime()),
    },
  };
}

function cpuMs(): { user: number; system: number } {
  const { user, system } = process.cpuUsage();
  return { user: Math.round(user / 1000), system: Math.round(system / 1000) };
}
