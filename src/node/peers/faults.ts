// Fault injection, so scenarios can cut nodes apart without root: a node "partitioned" from a
// peer neither sends to it nor accepts its internal requests, as a dropped network would. A
// sender is recognised by the address it gives, which may name it differently from this node's
// peer list (ae-1:9999 for ae-1.ae:9999 in a pod): see self.ts.
import { sameNode } from './self.js';

export class Faults {
  readonly #cut = new Set<string>();

  partition(peers: readonly string[]): void {
    for (const p of peers) this.#cut.add(p);
  }

  /** Heals the named peers, or every cut when none is named. */
  heal(peers?: readonly string[]): void {
    if (!peers) this.#cut.clear();
    else for (const p of peers) this.#cut.delete(p);
  }

  isCut(peer: string): boolean {
    if (this.#cut.has(peer)) return true;
    for (const cut of this.#cut) if (sameNode(cut, peer)) return true;
    return false;
  }

  cut(): string[] {
    return [...this.#cut];
  }
}
