// Measuring the three repair paths on a running cluster, from what the nodes themselves count
// and record: entries repaired by each path (/stats "repaired") and the body bytes of the hint
// and read-repair messages (each node's message records, GET /messages).
import type { StatsAnswer } from '../../src/api/http.js';
import type { RepairedCounters } from '../../src/api/repair.js';
import type { MessageRecord } from '../../src/api/messages.js';
import type { RoundReport } from '../../src/api/reports.js';
import type { Cluster } from '../../src/cluster/cluster.js';
import { streamMessages } from '../../src/cluster/message-stream.js';
import { until } from '../wait.js';

/** The nodes' /stats "repaired" (one reading of every node, allStats), summed. */
export function repairedTotals(stats: readonly StatsAnswer[]): RepairedCounters {
  const sum = (path: keyof RepairedCounters) => stats.reduce((n, s) => n + s.repaired[path], 0);
  return { hint: sum('hint'), readRepair: sum('readRepair'), antiEntropy: sum('antiEntropy') };
}

/** What each path repaired between two readings of repairedTotals. */
export function repairedSince(before: RepairedCounters, after: RepairedCounters): RepairedCounters {
  return {
    hint: after.hint - before.hint,
    readRepair: after.readRepair - before.readRepair,
    antiEntropy: after.antiEntropy - before.antiEntropy,
  };
}

/** Messages of one kind: how many, their body bytes, and when the last one was sent or answered. */
export interface Traffic {
  messages: number;
  bytes: number;
  /** Ms since the Unix epoch, as the node's record says (0: none yet). */
  lastAt: number;
  /** The first of them, on the same clock (0: none yet). */
  firstAt: number;
  /** Entries the messages carried. */
  entries: number;
}

/** What a path moved, as its table row shows it: the messages and their body bytes. */
export type Moved = Pick<Traffic, 'messages' | 'bytes'>;

/** The messages the sender's records show for a round: every exchange's bytes, both ways. */
export function roundTraffic(report: RoundReport): Moved {
  let bytes = 0;
  let messages = 0;
  for (const p of report.peers) {
    bytes += p.bytes.sent + p.bytes.received;
    messages += PAIR * p.roundTrips;
  }
  return { messages, bytes };
}

/** A message and its answer are recorded by its sender alike: a kind is settled in pairs. */
export const PAIR = 2;
/**
 * How long a path's last records may take to arrive after what they record was seen. A node
 * writes a record to its GET /messages stream as the message is answered: on a quiet machine it
 * arrives milliseconds after the answer, but under a whole test suite's load (several clusters
 * of node processes at once) the stream fell more than 5 s behind. 20 s, what the hints
 * themselves are given on a loaded machine: a stream that stopped misses it, a slow one does not.
 */
const SETTLE_MS = 20_000;

/**
 * The hint and read-repair messages of every node that is up, tallied as the nodes record them
 * (each message once, by its sender, with its answer). Stopped by `close`.
 */
export class PathTraffic {
  readonly #tally = new Map<string, Traffic>();
  readonly #closers: (() => void)[] = [];

  /** Opens every node's stream at once; if one is refused, closes the others and throws. */
  static async open(cluster: Cluster): Promise<PathTraffic> {
    const traffic = new PathTraffic();
    const add = (r: MessageRecord) => traffic.#add(r);
    const opened = await Promise.allSettled(
      cluster.clients.map((c) => streamMessages(c.address, c.clusterKey, add)),
    );
    for (const o of opened) if (o.status === 'fulfilled') traffic.#closers.push(o.value);
    const refused = opened.find((o) => o.status === 'rejected');
    if (refused) {
      traffic.close();
      throw refused.reason;
    }
    return traffic;
  }

  #add(r: MessageRecord): void {
    // A send the peer never answered (it was down) moved nothing: its attempts are not counted.
    if (r.noAnswer !== undefined) return;
    const t = this.of(r.kind);
    this.#tally.set(r.kind, {
      messages: t.messages + 1,
      bytes: t.bytes + r.bytes,
      lastAt: Math.max(t.lastAt, r.at),
      firstAt: t.firstAt === 0 ? r.at : Math.min(t.firstAt, r.at),
      entries: t.entries + (r.entries ?? 0),
    });
  }

  /** The messages of `kind` so far. */
  of(kind: string): Traffic {
    return this.#tally.get(kind) ?? { messages: 0, bytes: 0, lastAt: 0, firstAt: 0, entries: 0 };
  }

  /** The messages of `kind` since `before` (an earlier `of(kind)`). */
  since(kind: string, before: Traffic): Moved {
    const now = this.of(kind);
    return { messages: now.messages - before.messages, bytes: now.bytes - before.bytes };
  }

  /**
   * Waits until the records of `kind` say what the caller knows happened (`done`, which
   * `expected` puts in words), every message with its answer: the records travel apart from the
   * answers that told the caller.
   */
  async settled(
    kind: 'hint' | 'read-repair',
    expected: string,
    done: (t: Traffic) => boolean,
  ): Promise<Traffic> {
    await until(`the ${kind} message records to show ${expected}`, SETTLE_MS, async () => {
      const t = this.of(kind);
      return done(t) && t.messages % PAIR === 0;
    });
    return this.of(kind);
  }

  close(): void {
    for (const close of this.#closers.splice(0)) close();
  }
}
