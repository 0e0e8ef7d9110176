// The rateless strategy's exchange. The initiator opens with its root and 4-bit fingerprints of
// sampled coded symbols (equal roots: one round trip). The responder estimates from them how
// many items differ, sizes a first batch of coded symbols from that (see estimate.ts) and sends
// it with its root; the initiator subtracts them from its own and peels, asking for more until
// the difference decodes. Decoded, it knows which entries differ on which side and,
// from the wall-clock hint, which version is newer: it ships its newer entries and asks for the
// peer's by place, and last write wins on each side. A difference beyond the kept symbols, or
// one that does not decode consistently, turns the exchange into the Merkle walk, with the
// reason in the round report.
import { emptyRiblt, type RibltSection, type RootSummary } from '../wire/riblt.js';
import type { AeMessage } from '../wire/message.js';
import type { RibltOutcome } from '../../../api/reports.js';
import type { Store, StoredEntry } from '../../replica/store.js';
import { Decoder } from './decoder.js';
import { estimateDifferingItems, fingerprints } from './estimate.js';
import { entriesAt, otherKeysAtPlaces } from './places.js';
import { runLength, type Sketch } from './sketch.js';
import { compareTags, itemOf, type Item } from './symbol.js';
import {
  FIRST_BATCH_EXTRA,
  FIRST_BATCH_PER_ITEM,
  MIN_NEXT_BATCH,
  NEXT_BATCH_MIN_GROWTH,
  NEXT_SYMBOLS_PER_ITEM,
} from './constants.js';

/** What the rateless exchange needs of a replica. */
export interface RibltSide {
  readonly store: Store;
  readonly sketch?: Sketch;
}

type Ship = (e: StoredEntry) => void;

function section(m: AeMessage): RibltSection {
  return (m.riblt ??= emptyRiblt());
}

function summary(store: Store): RootSummary {
  const root = store.tree.root();
  return { digest: root.digest, count: root.count };
}

/** The Merkle walk's first message, as the answer to a riblt message that cannot go on. */
function walkInstead(store: Store, reply: AeMessage): void {
  reply.probes.push({ level: 0, index: 0, children: store.tree.children(0, 0) });
}

/** The responder's part (both sides, for places): openings, requests for more, wants, settles. */
export function answerRiblt(
  side: RibltSide,
  incoming: AeMessage,
  reply: AeMessage,
  ship: Ship,
  session?: RibltSession,
) {
  const s = incoming.riblt;
  if (!s) return;
  const { store, sketch } = side;
  const fallBack = (reason: string) => {
    walkInstead(store, reply);
    section(reply).fallback = reason;
  };
  if (s.open) {
    const root = store.tree.root();
    if (root.digest !== s.open.digest || root.count !== s.open.count) {
      if (!sketch) fallBack('the peer keeps no RIBLT sketch (it runs another strategy)');
      else {
        const items = estimateDifferingItems(fingerprints(sketch), s.open.samples, sketch.size);
        const first = Math.ceil(FIRST_BATCH_PER_ITEM * items + FIRST_BATCH_EXTRA);
        if (Math.ceil(FIRST_BATCH_PER_ITEM * items) > sketch.size)
          fallBack(
            `about ${items} entries differ, more than the ${sketch.size} coded symbols kept can decode`,
          );
        else Object.assign(section(reply), { root: summary(store), symbols: sketch.run(0, first) });
      }
    }
  }
  if (s.more) {
    if (!sketch) fallBack('the peer keeps no RIBLT sketch (it runs another strategy)');
    else
      Object.assign(section(reply), {
        root: summary(store),
        symbols: sketch.run(s.more.from, s.more.count),
      });
  }
  if (s.wantPlaces.length > 0) {
    // What the peer sent in this message it holds already: not shipped back. (Where the
    // wall-clock hints of a key's two versions tie, the initiator pushes its version and wants
    // ours; if its version won, ours is now the same entry.)
    const sent = new Map(incoming.entries.map((e) => [e.key, e]));
    for (const p of s.wantPlaces)
      for (const e of entriesAt(store, p)) {
        const theirs = sent.get(e.key);
        if (!theirs || store.compare(e, theirs) !== 0) ship(e);
      }
    section(reply).settle = true;
  }
  // The initiator does not ship back what it pushed in this exchange: the peer has it (a
  // placement shared with a key the peer sent would otherwise cost a round trip for nothing).
  if (s.settle)
    for (const e of otherKeysAtPlaces(store, incoming.entries, session?.shipped)) ship(e);
}

/** The initiator's state across the messages of one rateless exchange. */
export class RibltSession {
  readonly #decoder = new Decoder();
  #theirs: RootSummary | null = null;
  #mine: RootSummary | null = null;
  #received = 0;
  #decoded = 0;
  #fallback: string | undefined;
  readonly #shipped = new Set<string>();

  /** Keys of the entries this side pushed once the difference decoded. */
  get shipped(): ReadonlySet<string> {
    return this.#shipped;
  }

  get outcome(): RibltOutcome {
    return {
      symbols: this.#received,
      decoded: this.#decoded,
      ...(this.#fallback !== undefined ? { fallback: this.#fallback } : {}),
    };
  }

  /** The first message: our root and symbol samples (or the walk, when we keep no sketch). */
  open(side: RibltSide, first: AeMessage): void {
    if (!side.sketch) {
      this.#fallback = 'this node keeps no RIBLT sketch';
      walkInstead(side.store, first);
      return;
    }
    section(first).open = { ...summary(side.store), samples: fingerprints(side.sketch) };
  }

  /** Subtracts the peer's symbols and decodes; then asks for more, settles, or walks instead. */
  receive(side: RibltSide, incoming: AeMessage, reply: AeMessage, ship: Ship): void {
    const s = incoming.riblt;
    if (!s) return;
    if (s.fallback !== undefined) this.#fallback ??= s.fallback;
    if (!s.symbols) return;
    const { store, sketch } = side;
    const fallBack = (reason: string) => {
      this.#fallback ??= reason;
      walkInstead(store, reply);
    };
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
    const n = runLength(s.symbols);
    this.#received += n;
    this.#decoder.add(sketch.run(s.symbols.from, n), s.symbols);
    if (this.#decoder.failure !== null) return fallBack(this.#decoder.failure);
    if (this.#decoder.complete) {
      const failure = this.#settle(store, mine, s.root, reply, ship);
      if (failure !== null) fallBack(failure);
      return;
    }
    const m = this.#decoder.symbols;
    if (m >= sketch.size)
      return fallBack(
        `the difference needs more than the ${sketch.size} coded symbols kept (${this.#decoder.peeled} items decoded in them)`,
      );
    const need = Math.ceil(NEXT_SYMBOLS_PER_ITEM * this.#decoder.estimateItems()) - m;
    const count = Math.min(
      sketch.size - m,
      Math.max(MIN_NEXT_BATCH, Math.ceil(NEXT_BATCH_MIN_GROWTH * m), need),
    );
    section(reply).more = { from: m, count };
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
    if (local.length - remote.length !== mine.count - theirs.count)
      return 'the decoded difference does not match the entry counts (a hash collision)';
    let lo = 0;
    for (const i of [...local, ...remote]) lo ^= i.lo;
    if (
      lo >>> 0 !==
      (Number(mine.digest & 0xffffffffn) ^ Number(theirs.digest & 0xffffffffn)) >>> 0
    )
      return 'the decoded difference does not match the roots (a hash collision)';
    const places = new Map<number, { ours: StoredEntry[]; oursItems: Item[]; theirs: Item[] }>();
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
      if (g.ours.length === 1 && g.theirs.length === 1) {
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
    this.#decoded = local.length + remote.length;
    return null;
  }
}

function sameRoot(a: RootSummary, b: RootSummary): boolean {
  return a.digest === b.digest && a.count === b.count;
}

function sameItem(a: Item, b: Item): boolean {
  return a.place === b.place && a.tag === b.tag && a.lo === b.lo;
}
