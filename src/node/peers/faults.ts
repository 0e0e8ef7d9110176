// Fault injection, so scenarios can cut nodes apart without root: a node "partitioned" from a
// peer neither sends to it nor accepts its internal requests, as a dropped network would.

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
    return this.#cut.has(peer);
  }

  cut(): string[] {
    return [...this.#cut];
  }
}
