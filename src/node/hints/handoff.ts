// Hinted handoff as the node runs it: a replicated write a peer did not take is kept for it
// (when hints are on), and replayed to it once it answers again. The queue and the replay loop
// are the parts (queue.ts, replay.ts); this joins them to the node's switch and its peers.
import type { HintCounters } from '../../api/repair.js';
import type { PeerClient } from '../peers/client.js';
import { replicationTimeoutMs } from '../peers/timeouts.js';
import type { Entry } from '../replica/entry.js';
import { encodeParts } from '../sync/replication.js';
import type { RoundTimer } from '../sync/scheduler.js';
import { HintQueue, type HintStorage, type StoredHint } from './queue.js';
import { HintReplayer } from './replay.js';

export interface HandoffOptions {
  /** --hints on|off; switched at run time by POST /admin/hints. */
  enabled: boolean;
  peers: readonly string[];
  windowMs: number;
  tombstoneTtlMs: number;
  nowMicros: () => number;
  counters: HintCounters;
  /** With --data-dir: where hints are kept, and the hints kept before this start. */
  storage?: HintStorage & { all(): StoredHint[] };
  /** Sends one batch of hints to a peer (a message of entries, kind "hint"). */
  send: (peer: string, entries: readonly Entry[]) => Promise<unknown>;
  timer?: RoundTimer;
}

export class Handoff {
  enabled: boolean;
  readonly #queue: HintQueue;
  readonly #replayer: HintReplayer;

  constructor(o: HandoffOptions) {
    this.enabled = o.enabled;
    this.#queue = new HintQueue({
      windowMs: o.windowMs,
      tombstoneTtlMs: o.tombstoneTtlMs,
      nowMicros: o.nowMicros,
      counters: o.counters,
      ...(o.storage ? { storage: o.storage } : {}),
    });
    if (o.storage) {
      const configured = new Set(o.peers);
      const [mine, strangers] = partition(o.storage.all(), (h) => configured.has(h.peer));
      // Hints for a peer this node no longer has could never be delivered: dropped.
      for (const { peer, entry } of strangers) o.storage.remove(peer, [entry.key]);
      this.#queue.restore(mine);
    }
    this.#replayer = new HintReplayer({
      queue: this.#queue,
      peers: o.peers,
      send: o.send,
      ...(o.timer ? { timer: o.timer } : {}),
    });
  }

  /**
   * Keeps the entries a peer did not take, when hints are on; says whether it did. Entries the
   * peer `refused` for good are no pending repair: counted as refused, and not kept.
   */
  missed(peer: string, entries: readonly Entry[], refused = false): boolean {
    if (!this.enabled) return false;
    if (refused) {
      this.#queue.refused(peer, entries.length);
      return false;
    }
    this.#queue.add(peer, entries);
    return true;
  }

  /** The peer took a message: its hints, if any, go now. */
  answered(peer: string): void {
    this.#replayer.wake(peer);
  }

  /** Hints held for this peer now (for every peer without one). */
  pending(peer?: string): number {
    return this.#queue.pending(peer);
  }

  /** Hints refused for good since the node started, counted and not kept (HintQueue.refused). */
  get refused(): number {
    return this.#queue.refusedCount;
  }

  /** How long a hint is kept (the window, never past the tombstone ttl). */
  get keepMs(): number {
    return this.#queue.keepMs;
  }

  start(): void {
    this.#replayer.start();
  }

  stop(): Promise<void> {
    return this.#replayer.stop();
  }
}

/** The node's settings of hinted handoff (--hints, --hint-window). */
export interface HintSettings {
  enabled: boolean;
  windowMs: number;
}

/** A node's handoff: hints go to a peer as replication does, one message of entries a batch. */
export function nodeHandoff(
  settings: HintSettings,
  o: {
    peers: readonly string[];
    peerClient: PeerClient;
    replicationTimeoutMs: number;
    tombstoneTtlMs: number;
    nowMicros: () => number;
    counters: { hints: HintCounters };
    storage?: { hints: HandoffOptions['storage'] & object };
  },
): Handoff {
  return new Handoff({
    ...settings,
    peers: o.peers,
    tombstoneTtlMs: o.tombstoneTtlMs,
    nowMicros: o.nowMicros,
    counters: o.counters.hints,
    ...(o.storage ? { storage: o.storage.hints } : {}),
    send: (peer, entries) => {
      const body = encodeParts([entries]);
      const timeoutMs = replicationTimeoutMs(o.replicationTimeoutMs, body.length);
      return o.peerClient.send(peer, body, timeoutMs, 'hint');
    },
  });
}

function partition<T>(items: readonly T[], test: (item: T) => boolean): [T[], T[]] {
  const yes: T[] = [];
  const no: T[] = [];
  for (const item of items) (test(item) ? yes : no).push(item);
  return [yes, no];
}
