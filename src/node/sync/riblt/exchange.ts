// The rateless strategy's exchange. The initiator opens with its root and 4-bit fingerprints of
// sampled coded symbols (equal roots: one round trip). The responder estimates from them how
// many items differ, sizes a first batch of coded symbols from that (see estimate.ts) and sends
// it with its root. After an exchange with this peer that ended in sync the initiator opens with
// its root alone; the responder then sends a small first batch and its own samples, from which
// the initiator sizes the next (root-opening.ts). The initiator subtracts the symbols from its
// own and peels, asking for more until the difference decodes. Decoded, it knows which entries
// differ on which side and, from the wall-clock hint, which version is newer: it ships its newer
// entries and asks for the peer's by place, and last write wins on each side. A difference
// beyond the kept symbols, or one that does not decode consistently, turns the exchange into the
// Merkle walk, with the reason in the round report. This file: the responder's part and what
// both parts share; the initiator's state across the messages is session.ts.
import { emptyRiblt, type RibltSection, type RootSummary } from '../wire/riblt.js';
import type { AeMessage } from '../wire/message.js';
import type { Store, StoredEntry } from '../../replica/store.js';
import { estimateDifferingItems, fingerprints } from './estimate.js';
import { entriesAt, otherKeysAtPlaces } from './places.js';
import { symbolsBeyond, SYMBOL_WORDS, type Sketch, type SymbolRun } from './sketch.js';
import {
  FIRST_BATCH_EXTRA,
  FIRST_BATCH_MARGIN,
  FIRST_BATCH_PER_ITEM,
  MAX_SYMBOLS,
  UNSAMPLED_FIRST_BATCH,
} from './constants.js';

/** What the rateless exchange needs of a replica. */
export interface RibltSide {
  readonly store: Store;
  readonly sketch?: Sketch;
}

export type Ship = (e: StoredEntry) => void;

/** The message's riblt section, added when it has none. */
export function section(m: AeMessage): RibltSection {
  return (m.riblt ??= emptyRiblt());
}

/** The store's root as the riblt section carries it. */
export function summary(store: Store): RootSummary {
  const root = store.tree.root();
  return { digest: root.digest, count: root.count };
}

/** Coded symbols [from, from + count): the kept ones, then those computed from the entries. */
export function symbolRun(side: Required<RibltSide>, from: number, count: number): SymbolRun {
  const { store, sketch } = side;
  if (from + count <= sketch.size) return sketch.run(from, count);
  const start = Math.max(from, sketch.size);
  const beyond = symbolsBeyond(store.entries(), start, from + count - start);
  if (start === from) return beyond;
  const words = new Uint32Array(SYMBOL_WORDS * count);
  words.set(sketch.run(from, start - from).words);
  words.set(beyond.words, SYMBOL_WORDS * (start - from));
  return { from, words };
}

/** The Merkle walk's first message, as the answer to a riblt message that cannot go on. */
export function walkInstead(store: Store, reply: AeMessage): void {
  reply.probes.push({ level: 0, index: 0, children: store.tree.children(0, 0) });
}

/**
 * The responder's part (both sides, for places): openings, requests for more, wants, settles.
 * `pushed`, the keys the initiator pushed in this exchange, is given on the initiator's side only.
 */
export function answerRiblt(
  side: RibltSide,
  incoming: AeMessage,
  reply: AeMessage,
  ship: Ship,
  pushed?: ReadonlySet<string>,
): void {
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
      else if (!s.samples) {
        // The root alone: a few writes since the last exchange are the likely difference.
        Object.assign(section(reply), {
          root: summary(store),
          samples: fingerprints(sketch),
          symbols: sketch.run(0, Math.min(sketch.size, UNSAMPLED_FIRST_BATCH)),
        });
      } else {
        const items = estimateDifferingItems(fingerprints(sketch), s.samples, sketch.size);
        // Past the kept symbols the estimate is a lower bound (their samples all differ): the
        // first batch stops there, and the symbols of it size the next one.
        const first = Math.min(
          sketch.size,
          Math.ceil(
            FIRST_BATCH_PER_ITEM * items +
              FIRST_BATCH_MARGIN * Math.sqrt(items) +
              FIRST_BATCH_EXTRA,
          ),
        );
        Object.assign(section(reply), { root: summary(store), symbols: sketch.run(0, first) });
      }
    }
  }
  if (s.more) {
    if (!sketch) fallBack('the peer keeps no RIBLT sketch (it runs another strategy)');
    else
      Object.assign(section(reply), {
        root: summary(store),
        symbols: symbolRun(
          { store, sketch },
          s.more.from,
          Math.min(s.more.count, MAX_SYMBOLS - s.more.from),
        ),
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
  // The initiator does not ship back what it pushed in this exchange (`pushed`): the peer has it
  // (a placement shared with a key the peer sent would otherwise cost a round trip for nothing).
  if (s.settle) for (const e of otherKeysAtPlaces(store, incoming.entries, pushed)) ship(e);
  // The responder (no `pushed`) answers the initiator's settling message with its root as it is
  // now, entries merged: the initiator checks that the two replicas met (session.ts).
  if (s.settle && !pushed) section(reply).root = summary(store);
}
