// Fault injection, so scenarios and chaos can break the network without root. A node
// "partitioned" from a peer neither sends to it nor accepts its internal requests, as a dropped
// network would; a node "deaf" to a peer drops that peer's requests and never hears its answers
// (one direction of a link down: the peer still hears this node). Links can also delay, lose,
// duplicate and reorder messages (fault-model.ts), and the node's wall clock can be skewed. A
// sender is recognised by the address it gives, which may name it differently from this node's
// peer list (ae-1:9999 for ae-1.ae:9999 in a pod: see self.ts; 127.0.0.1:P for localhost:P: the
// addresses the entry resolved to when it was cut, see alias.ts).
import { EVERY_PEER, type FaultsRequest, type LinkFaults } from '../../api/faults.js';
import { rng } from '../../random.js';
import { messageFate, type MessageFate } from './fault-model.js';
import { sameNode } from './self.js';

export type { FaultsRequest };

/** Other names of peer entries: the addresses each resolved to when it was cut. */
export type Aliases = ReadonlyMap<string, readonly string[]>;

/** Seed of a node's fault randomness until a request gives one. */
const DEFAULT_FAULT_SEED = 1;

/** Everything a node injects, as GET /admin/faults shows it. */
export interface FaultState {
  cut: string[];
  deaf: string[];
  links: Record<string, LinkFaults>;
  skewMs: number;
}

/** Whether a set of addresses holds this peer under any of its names (`aliases`: resolved ones). */
function holds(set: ReadonlySet<string>, peer: string, aliases: Aliases): boolean {
  if (set.has(peer)) return true;
  for (const p of set) if (sameNode(p, peer) || aliases.get(p)?.includes(peer)) return true;
  return false;
}

export class Faults {
  readonly #cut = new Set<string>();
  readonly #deaf = new Set<string>();
  readonly #links = new Map<string, LinkFaults>();
  /** Other names of a peer entry (the addresses it resolved to when it was cut). */
  readonly #aliases = new Map<string, readonly string[]>();
  #skewMs = 0;
  #random: () => number;

  constructor(random: () => number = rng(DEFAULT_FAULT_SEED)) {
    this.#random = random;
  }

  /** Cuts these entries; `aliases` are other names of an entry its senders may give. */
  partition(peers: readonly string[], aliases: Aliases = new Map()): void {
    for (const p of peers) {
      this.#cut.add(p);
      const other = aliases.get(p);
      if (other) this.#aliases.set(p, other);
    }
  }

  /** Replaces each part of the faults the request gives; the others stay as they are. */
  set(request: FaultsRequest): void {
    if (request.seed !== undefined) this.#random = rng(request.seed);
    if (request.skewMs !== undefined) this.#skewMs = request.skewMs;
    if (request.deaf !== undefined) {
      this.#deaf.clear();
      for (const p of request.deaf) this.#deaf.add(p);
    }
    if (request.links !== undefined) {
      this.#links.clear();
      for (const [peer, link] of Object.entries(request.links)) this.#links.set(peer, link);
    }
  }

  /** Heals the named peers (their cut, deafness and link faults), or every fault when none is named. */
  heal(peers?: readonly string[]): void {
    if (!peers) {
      this.#cut.clear();
      this.#deaf.clear();
      this.#links.clear();
      this.#aliases.clear();
      this.#skewMs = 0;
      return;
    }
    for (const p of peers) {
      this.#cut.delete(p);
      this.#deaf.delete(p);
      this.#links.delete(p);
    }
  }

  isCut(peer: string): boolean {
    return holds(this.#cut, peer, this.#aliases);
  }

  /** Whether a request from this peer is dropped unread: the node is cut off from it or deaf to it. */
  drops(from: string): boolean {
    return this.isCut(from) || holds(this.#deaf, from, this.#aliases);
  }

  /** The fate of this node's next message to a peer (undefined: no fault on that link). */
  fate(peer: string): MessageFate | undefined {
    const deaf = holds(this.#deaf, peer, this.#aliases);
    const link = this.#link(peer);
    if (!deaf && link === undefined) return undefined;
    const fate = messageFate(link ?? {}, this.#random);
    return deaf && fate.lost === 'none' ? { ...fate, lost: 'answer' } : fate;
  }

  /** The clock's offset in microseconds, added to the node's wall source. */
  skewMicros(): number {
    return this.#skewMs * 1000;
  }

  cut(): string[] {
    return [...this.#cut];
  }

  state(): FaultState {
    return {
      cut: this.cut(),
      deaf: [...this.#deaf],
      links: Object.fromEntries(this.#links),
      skewMs: this.#skewMs,
    };
  }

  #link(peer: string): LinkFaults | undefined {
    const exact = this.#links.get(peer);
    if (exact) return exact;
    for (const [p, link] of this.#links) if (p !== EVERY_PEER && sameNode(p, peer)) return link;
    return this.#links.get(EVERY_PEER);
  }
}
