// What a node's service is made of: its identity, peers, store and clock, its settings, and
// the parts (peer client, storage, faults) the composition root injects.
import type { Counters } from '../api/counters.js';
import type { TreeKeying } from '../api/http.js';
import type { RoundReport } from '../api/reports.js';
import type { Strategy } from '../api/strategies.js';
import type { HintSettings } from './hints/handoff.js';
import type { PeerClient } from './peers/client.js';
import type { Faults } from './peers/faults.js';
import type { HybridClock } from './replica/hlc.js';
import type { Store } from './replica/store.js';
import type { Storage } from './storage/sqlite.js';
import type { Sketch } from './sync/riblt/sketch.js';
import type { MessageTap } from './sync/message-tap.js';

export interface ServiceOptions {
  id: string;
  address: string;
  peers: readonly string[];
  store: Store;
  /** How the store's tree is hashed, as GET /health says it. */
  tree: TreeKeying;
  /** The coded symbols kept beside the tree (riblt strategy). */
  sketch?: Sketch;
  clock: HybridClock;
  peerClient: PeerClient;
  counters: Counters;
  maxValueBytes: number;
  tombstoneTtlMs: number;
  aeIntervalMs: number;
  strategy: Strategy;
  /** Peers a periodic round talks to, at random; all when absent. */
  peersPerRound?: number;
  replicationTimeoutMs: number;
  /** Durable storage (--data-dir): every accepted entry is saved before it is acknowledged. */
  storage?: Storage;
  nowMicros: () => number;
  faults: Faults;
  /** Hinted handoff (--hints, --hint-window); on, with the default window, when absent. */
  hints?: HintSettings;
  /** Told about every round that moved keys or met a peer it could not sync with. */
  onRound?: (report: RoundReport) => void;
  /** Where the exchanges' messages are recorded while someone listens. */
  tap?: MessageTap;
}
