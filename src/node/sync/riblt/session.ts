// The initiator's side of the rateless exchange (exchange.ts), across its messages: the
// opening (with samples, or the root alone after an exchange that ended in sync), the coded
// symbols subtracted and peeled as they come, the requests for more, and, once the difference
// decodes and matches both roots, the entries shipped and the places wanted.
import type { RootSummary } from '../wire/riblt.js';
import type { AeMessage } from '../wire/message.js';
import type { RibltOutcome } from '../../../api/reports.js';
import type { Store, StoredEntry } from '../../replica/store.js';
import { Decoder } from './decoder.js';
import { differingItems, estimateDifferingItems, fingerprints } from './estimate.js';
import { batchFromSamples } from './root-opening.js';
import type { RibltOpening } from './openings.js';
import { section, summary, symbolRun, walkInstead, type RibltSide, type Ship } from './exchange.js';
import { entriesAt } from './places.js';
import { runLength, type Sketch } from './sketch.js';
import { compareTags, itemOf, type Item } from './symbol.js';
import { differenceMismatch } from './mismatch.js';
import {
  MAX_SYMBOLS,
  MIN_NEXT_BATCH,
  NEXT_BATCH_MIN_GROWTH,
  NEXT_MARGIN,
  NEXT_SYMBOLS_PER_ITEM,
} from './constants.js';

/** The decoded items at one placement hash: our entries and items there, and theirs. */
interface Place {
  ours: StoredEntry[];
  oursItems: Item[];
  theirs: Item[];
}

/** The initiator's state across the messages of one rateless exchange. */
export class RibltSession {
  readonly #decoder = new Decoder();
  #theirs: RootSummary | null = null;
  #mine: RootSummary | null = null;
  #received = 0;
  #decoded = 0;
  #fallback: string | undefined;
  /** The difference decoded and its entries sent: the peer's next root is checked against ours. */
  #settled = false;
  /** Our sketch's count of changes when we settled (see receive). */
  #changesAtSettle = 0;
  readonly #shipped = new Set<string>();
  #opening: RibltOpening = 'samples';
  /** The responder's samples (its answer to a root-only opening), until they size a batch. */
  #theirSamples: Uint8Array | undefined;
  /** The peer's root, once it had our entries, equalled ours: the exchange ended in sync. */
  #met = false;

  /** Whether the exchange ended with both roots checked equal after the difference moved. */
  get met(): boolean {
    return this.#met;
  }

  /** Keys of the entries this side pushed once the difference decoded. */
  get shipped(): ReadonlySet<string> {
    return this.#shipped;
  }

  get outcome(): RibltOutcome {
    return {
      opening: this.#opening,
      symbols: this.#received,
      decoded: this.#decoded,
      ...(this.#fallback !== undefined ? { fallback: this.#fallback } : {}),
    };
  }

  /** The first message: our root, with symbol samples or alone (the walk, when we keep no sketch). */
  open(side: RibltSide, first: AeMessage, opening: RibltOpening = 'samples'): void {
    if (!side.sketch) {
      this.#fallback = 'this node keeps no RIBLT sketch';
      walkInstead(side.store, first);
      return;
    }
    this.#opening = opening;
    const s = section(first);
    s.open = summary(side.store);
    if (opening === 'samples') s.samples = fingerprints(side.sketch);
  }

  /**
   * Subtracts the peer's symbols and decodes; then asks for more, settles, or walks instead.
   * `applied`: how many of the incoming entries changed our store (merged before this call).
   */
  receive(side: RibltSide, incoming: AeMessage, reply: AeMessage, ship: Ship, applied = 0): void {
    const s = incoming.riblt;
    if (!s) return;
    if (s.fallback !== undefined) this.#fallback ??= s.fallback;
    const { store, sketch } = side;
    const fallBack = (reason: string) => {
      this.#fallback ??= reason;
      walkInstead(store, reply);
    };
    if (this.#settled && s.root && !s.symbols && sketch) {
      // The peer's root once it had our entries, and ours now with its: the check that catches
      // what the short symbols let through (two versions of a key made the same item). Only
      // when nothing more is to move (the next message would change a root) and nothing but
      // this answer's entries changed our store since we settled. An exchange with another peer
      // in the same round may have: the roots then differ by what it brought, which says
      // nothing of a collision, and the round's second pass hands that on to this peer (and
      // checks again). The peer's own changes meanwhile we cannot see: the reason names both.
      const elsewhere = sketch.changes - this.#changesAtSettle - applied;
      const met = sameRoot(summary(store), s.root);
      this.#met = reply.entries.length === 0 && met;
      if (reply.entries.length === 0 && elsewhere === 0 && !met)
        fallBack(
          'the roots still differ once the decoded difference moved ' +
            '(a hash collision, or the peer changed meanwhile)',
        );
      return;
    }
    if (!s.symbols) return;
    const mine = summary(store);
    if (!sketch || !s.root) return fallBack('the peer sent coded symbols out of turn');
    if (this.#theirs && !sameRoot(this.#theirs, s.root))
      return fallBack('the peer changed during the exchange');
    if (this.#mine && !sameRoot(this.#mine, mine))
      return fallBack('this node changed during the exchange');
    if (s.symbols.from !== this.#decoder.symbols)
      return fallBack('the peer sent coded symbols out of order');
    this.#theirs = s.root;
    this.#mine = mine;
    if (s.samples) this.#theirSamples = s.samples;
    const n = runLength(s.symbols);
    this.#received += n;
    this.#decoder.add(symbolRun({ store, sketch }, s.symbols.from, n), s.symbols);
    if (this.#decoder.failure !== null) return fallBack(this.#decoder.failure);
    if (this.#decoder.complete) {
      this.#changesAtSettle = sketch.changes;
      const failure = this.#settle(store, mine, s.root, reply, ship);
      if (failure !== null) fallBack(failure);
      return;
    }
    const more = this.#more(sketch);
    if (typeof more === 'string') return fallBack(more);
    section(reply).more = more;
  }

  /**
   * The next batch to ask for, or why the walk instead. The first after a root-only opening is
   * sized from the two sides' samples (the responder sent its own); the others from the symbols.
   */
  #more(sketch: Sketch): { from: number; count: number } | string {
    const samples = this.#theirSamples;
    this.#theirSamples = undefined;
    const m = this.#decoder.symbols;
    if (samples) {
      const sampled = estimateDifferingItems(fingerprints(sketch), samples, sketch.size);
      return batchFromSamples(m, sampled, sketch.size);
    }
    return nextBatch(m, this.#decoder.estimateItems(), this.#decoder.peeled);
  }

  /** Checks the decoded difference against both roots, then ships ours and wants theirs. */
  #settle(
    store: Store,
    mine: RootSummary,
    theirs: RootSummary,
    reply: AeMessage,
    ship: Ship,
  ): string | null {
    const local = this.#decoder.local;
    const remote = this.#decoder.remote;
    const mismatch = differenceMismatch(local, remote, mine, theirs);
    if (mismatch !== null) return mismatch;
    // Nothing decoded, yet the roots differ: two versions of a key made the same item (tags tied,
    // low bits agreed), which the counts and low bits above cannot see. Settling would move
    // nothing and send no message to check the roots after: the walk finds the key.
    if (local.length + remote.length === 0 && !sameRoot(mine, theirs))
      return 'the roots differ where no coded symbol does (two versions of a key made one item)';
    const places = new Map<number, Place>();
    const at = (p: number) => {
      let g = places.get(p);
      if (!g) places.set(p, (g = { ours: [], oursItems: [], theirs: [] }));
      return g;
    };
    for (const item of local) {
      const entry = entriesAt(store, item.place).find((e) => sameItem(itemOf(e), item));
      if (!entry) return 'a decoded entry is not one of ours (a hash collision)';
      at(item.place).ours.push(entry);
      at(item.place).oursItems.push(item);
    }
    for (const item of remote) at(item.place).theirs.push(item);
    const out = section(reply);
    for (const [place, g] of places) {
      let push = g.theirs.length === 0;
      let want = g.ours.length === 0;
      if (store.siblings) {
        push = want = true; // two sets: each may hold siblings the other lacks, both move
      } else if (g.ours.length === 1 && g.theirs.length === 1) {
        // One key, a version on each side: the wall-clock hint says which is newer.
        const order = compareTags(g.oursItems[0]!.tag, g.theirs[0]!.tag);
        push = order >= 0;
        want = order <= 0;
      } else if (!push && !want) {
        push = want = true; // two keys share the place: both ways, the places settle the rest
      }
      if (push)
        for (const e of g.ours) {
          ship(e);
          this.#shipped.add(e.key);
        }
      if (want) out.wantPlaces.push(place);
    }
    out.settle = true;
    this.#settled = true;
    this.#decoded = local.length + remote.length;
    return null;
  }
}

/**
 * The batch after m symbols that did not decode, sized from the estimate of the items they
 * hold (NEXT_SYMBOLS_PER_ITEM each and a margin), or why the walk instead: a difference past `max` symbols.
 * The estimate counts every empty symbol of the m compared whole (close, unless none was
 * empty) and, where it says something, how many items peeled.
 */
export function nextBatch(
  m: number,
  estimate: { items: number; atLeast: boolean },
  peeled: number,
  max = MAX_SYMBOLS,
): { from: number; count: number } | string {
  const items = differingItems(m, estimate, peeled);
  const want = Math.ceil(NEXT_SYMBOLS_PER_ITEM * items + NEXT_MARGIN * Math.sqrt(items));
  if (m >= max || want > max) {
    const about = `${estimate.atLeast ? 'more than' : 'about'} ${items}`;
    return (
      `${about} differing items (a key's two versions are two), more than ${max} coded ` +
      `symbols decode (${peeled} decoded in ${m})`
    );
  }
  const count = Math.min(
    max - m,
    Math.max(MIN_NEXT_BATCH, Math.ceil(NEXT_BATCH_MIN_GROWTH * m), want - m),
  );
  return { from: m, count };
}

function sameRoot(a: RootSummary, b: RootSummary): boolean {
  return a.digest === b.digest && a.count === b.count;
}

function sameItem(a: Item, b: Item): boolean {
  return a.place === b.place && a.tag === b.tag && a.lo === b.lo;
}
