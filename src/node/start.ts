// Composition of one node: store, clock, peers, anti-entropy and the HTTP server, started and
// stopped explicitly. Nothing here touches process (signals, IPC, exit): see process.ts; the
// HTTP edge itself is http/server.ts.
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Strategy } from '../api/strategies.js';
import type { ConflictMode } from '../api/conflicts.js';
import { listen } from '../net/listen.js';
import { DEFAULT_SCRUB_INTERVAL_MS, PEER_TIMEOUT_MS } from './constants.js';
import { NodeStartError } from './errors.js';
import type { HintSettings } from './hints/handoff.js';
import { onFirstScrape, type TreeGauges } from './http/metrics.js';
import { routes } from './http/routes.js';
import { newNodeServer, serveNode } from './http/server.js';
import { createPeerClient } from './peers/client.js';
import { recordedClient } from './peers/recorded.js';
import { MessageTap, type MessageListener } from './sync/message-tap.js';
import { Faults } from './peers/faults.js';
import { advertisedAddress, withoutSelf } from './peers/self.js';
import { hashKeys, loadHasher } from './replica/hash.js';
import { HybridClock, systemMicros } from './replica/hlc.js';
import { Store } from './replica/store.js';
import { NodeService } from './service.js';
import { newCounters } from './stats.js';
import { openDataDir } from './storage/data-dir.js';
import { Sketch } from './sync/riblt/sketch.js';
import { roundNotices } from './sync/round-notices.js';
import { treeKeying } from './replica/tree-key.js';

export interface NodeOptions {
  port: number;
  host: string;
  id?: string;
  peers: string[];
  aeIntervalMs: number;
  tombstoneTtlMs: number;
  /** Hinted handoff (--hints, --hint-window); on with a 3 h window when absent. */
  hints?: HintSettings;
  maxValueBytes: number;
  strategy: Strategy;
  /** lww (default) or siblings: how concurrent writes of a key are resolved. */
  conflicts?: ConflictMode;
  /** Peers a periodic round talks to, at random; all when absent. */
  peersPerRound?: number;
  clusterKey?: string;
  clockSkewMs: number;
  /** Keep entries in SQLite here (survives SIGKILL); in memory when absent. */
  dataDir?: string;
  /** Milliseconds between two background scrubs of the data directory (0: none). */
  scrubIntervalMs?: number;
  replicationTimeoutMs?: number;
  /**
   * false: no message is ever recorded (no tap on the peer client or the rounds), as if the
   * records were compiled out. Only the benchmark's comparison sets it; GET /messages then
   * streams nothing.
   */
  recordMessages?: boolean;
  log?: (line: string) => void;
}

export interface RunningNode {
  service: NodeService;
  host: string;
  port: number;
  address: string;
  close(): Promise<void>;
  /** Every message the node sends or is answered, as a record, until the returned call. */
  watchMessages(listener: MessageListener, closed?: () => void): () => void;
}

export async function startNode(o: NodeOptions): Promise<RunningNode> {
  const log = o.log ?? (() => undefined);
  // The tree's hashes keyed with the tree key drawn from the cluster key (public without one),
  // so every node of a cluster agrees; the index's key is random, this node's alone.
  const hasher = await loadHasher(hashKeys(o.clusterKey, randomBytes));
  // The riblt strategy keeps its coded symbols up to date on every change of the store.
  const sketch = o.strategy === 'riblt' ? new Sketch() : undefined;
  const store = new Store(hasher, sketch, undefined, o.conflicts);
  const counters = newCounters();
  // The store and its tree are rebuilt in bulk from the stored rows, O(n), each row checked
  // against its checksum; the clock resumes past the newest version.
  const scrubIntervalMs = o.scrubIntervalMs ?? DEFAULT_SCRUB_INTERVAL_MS;
  const dir = o.dataDir;
  const data =
    dir === undefined
      ? undefined
      : await openDataDir({ dir, store, scheme: hasher.scheme, counters, scrubIntervalMs, log });
  const storage = data?.storage;
  const faults = new Faults();
  const wall = systemMicros(o.clockSkewMs);
  const nowMicros = () => wall() + faults.skewMicros();
  const server = newNodeServer();
  const port = await bind(server, o).catch((error: unknown) => {
    storage?.close();
    throw error;
  });
  const address = advertisedAddress(o.host, port, hostname());
  const id = o.id ?? `node-${port}`;
  // Messages are recorded only while someone listens (the parent over IPC, GET /messages).
  const tap = new MessageTap();
  const client = createPeerClient(address, o.clusterKey, faults, o.conflicts);
  const peerClient = o.recordMessages === false ? client : recordedClient(client, id, tap);
  const peers = withoutSelf(o.peers, hostname(), port);
  if (peers.self.length > 0) log(`peers: ${peers.self.join(', ')} is this node itself, left out`);
  const clock = new HybridClock(id, nowMicros);
  if (data?.newest) clock.observe(data.newest);
  const service = new NodeService({
    id,
    address,
    peers: peers.peers,
    store,
    tree: treeKeying(o.clusterKey),
    ...(sketch ? { sketch } : {}),
    clock,
    ...(storage ? { storage } : {}),
    peerClient,
    counters,
    maxValueBytes: o.maxValueBytes,
    tombstoneTtlMs: o.tombstoneTtlMs,
    ...(o.hints ? { hints: o.hints } : {}),
    aeIntervalMs: o.aeIntervalMs,
    strategy: o.strategy,
    ...(o.peersPerRound !== undefined ? { peersPerRound: o.peersPerRound } : {}),
    replicationTimeoutMs: o.replicationTimeoutMs ?? PEER_TIMEOUT_MS,
    nowMicros,
    faults,
    onRound: roundNotices(log),
    ...(o.recordMessages === false ? {} : { tap }),
  });
  const metrics = onFirstScrape(counters, gaugesOf(store, service));
  const table = routes(service, metrics, o.clusterKey, tap);
  const served = serveNode(server, table, { id, counters, log });
  service.start();
  data?.scrub.start();

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      const drained = served.close();
      await service.stop();
      tap.close();
      await data?.scrub.stop();
      await drained;
      peerClient.close();
      storage?.close();
    })());

  const watchMessages = tap.subscribe.bind(tap);
  return { service, host: o.host, port, address, close, watchMessages };
}

/** Listens on the node's host and port; one sentence when it cannot. */
function bind(server: ReturnType<typeof newNodeServer>, o: NodeOptions): Promise<number> {
  return listen(server, o.host, o.port, {
    inUse: `Port ${o.port} on ${o.host} is already in use; choose another with --port.`,
    cannotBind: (code) =>
      `Cannot listen on ${o.host}:${o.port} (${code}); check --host and --port.`,
    error: (code, message, cause) => new NodeStartError(code, message, { cause }),
  });
}

/** What /metrics reads of the store and the service at each scrape. */
function gaugesOf(store: Store, service: NodeService): TreeGauges {
  return {
    entries: () => store.size,
    liveKeys: () => store.liveCount,
    tombstones: () => store.tombstoneCount,
    peers: () => service.peers.length,
    peersPerRound: () => service.peersPerRound,
    hintsPending: () => service.hints().pending,
  };
}
