// Which opening a node's next rateless exchange with a peer sends: the root alone when its last
// exchange with that peer ended in sync and it has taken few changes since (identical replicas
// are then the likely case, and cost a root and an empty answer), samples otherwise. Kept in
// memory by the round scheduler: a restarted node opens its first exchange with samples.
import { ROOT_OPENING_MAX_CHANGES } from './constants.js';

/** With its samples (the responder sizes the first batch from them), or with its root alone. */
export type RibltOpening = 'samples' | 'root';

export class PeerOpenings {
  /** Per peer: this node's count of sketch changes when an exchange with it last ended in sync. */
  readonly #metAt = new Map<string, number>();

  /** The opening for `peer`, this node's sketch having counted `changes` so far. */
  choose(peer: string, changes: number): RibltOpening {
    const at = this.#metAt.get(peer);
    return at !== undefined && changes - at <= ROOT_OPENING_MAX_CHANGES ? 'root' : 'samples';
  }

  /** An exchange with `peer` ended, in sync or not (or got no answer: not). */
  ended(peer: string, inSync: boolean, changes: number): void {
    if (inSync) this.#metAt.set(peer, changes);
    else this.#metAt.delete(peer);
  }
}
