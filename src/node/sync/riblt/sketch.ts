// The node's RIBLT sketch: the first SKETCH_SYMBOLS coded symbols of its set of entries, kept
// up to date on every change of the store (add, replace, purge), never rebuilt. A coded symbol
// is the XOR of the items mapped to it, the XOR of their checks and how many there are, in one
// 16-byte slot: place, lo, check, then the tag (low 16 bits, XOR) and the count (high 16 bits,
// added modulo 2^16: only differences of counts modulo 16 are ever read). One slot per symbol,
// four to a cache line, so each of the ~21 symbols an item touches costs one memory access.
import { SKETCH_SYMBOLS } from './constants.js';
import {
  checkOf,
  LO_MASK,
  nextIndex,
  SEQUENCE_STEP,
  sequenceSalt,
  sequenceSeed,
  tagOf,
  type ItemSource,
} from './symbol.js';

/** 32-bit words per coded symbol in memory: place, lo, check, tag | count << 16. */
export const SYMBOL_WORDS = 4;
/** Adds one to the count half of a symbol's last word. */
export const COUNT_ONE = 1 << 16;

/** A run of coded symbols: symbol i's words at words[SYMBOL_WORDS * (i - from) ...]. */
export interface SymbolRun {
  /** Index of the first symbol. */
  from: number;
  words: Uint32Array;
}

/** Coded symbols in a run. */
export function runLength(run: SymbolRun): number {
  return run.words.length / SYMBOL_WORDS;
}

/** What the store tells of every entry it starts or stops holding. */
export interface EntryObserver {
  added(entry: ItemSource): void;
  removed(entry: ItemSource): void;
  /** An entry overwritten: previous out, entry in. */
  replaced(previous: ItemSource, entry: ItemSource): void;
}

export class Sketch implements EntryObserver {
  readonly size: number;
  readonly #words: Uint32Array;
  #items = 0;
  #changes = 0;

  constructor(size = SKETCH_SYMBOLS) {
    this.size = size;
    this.#words = new Uint32Array(SYMBOL_WORDS * size);
  }

  /** A copy (for a cloned store in the simulation: a copy of arrays, not a re-insert per entry). */
  clone(): Sketch {
    const copy = new Sketch(this.size);
    copy.#words.set(this.#words);
    copy.#items = this.#items;
    return copy;
  }

  /** Items currently in the sketch (entries of the store). */
  get items(): number {
    return this.#items;
  }

  /** Entries added, removed or replaced since it was made: tells an exchange its store moved. */
  get changes(): number {
    return this.#changes;
  }

  /** Bytes the sketch holds in memory. */
  get bytes(): number {
    return this.#words.byteLength;
  }

  added(entry: ItemSource): void {
    this.#apply(entry, COUNT_ONE);
    this.#items += 1;
    this.#changes += 1;
  }

  removed(entry: ItemSource): void {
    this.#apply(entry, -COUNT_ONE);
    this.#items -= 1;
    this.#changes += 1;
  }

  /** A copy of symbols [from, from + count) (clamped to the kept prefix). */
  run(from: number, count: number): SymbolRun {
    const start = Math.min(from, this.size);
    const end = Math.min(from + count, this.size);
    return { from: start, words: this.#words.slice(SYMBOL_WORDS * start, SYMBOL_WORDS * end) };
  }

  /** The words of symbol i (for the size estimate's samples). */
  symbol(i: number): Uint32Array {
    return this.#words.subarray(SYMBOL_WORDS * i, SYMBOL_WORDS * (i + 1));
  }

  /**
   * An overwrite: the old version's item out and the new one's in, both index sequences walked
   * together, so that the CPU overlaps two independent chains of steps instead of running one
   * after the other (the chains, not the memory, bound the cost of a write).
   */
  replaced(previous: ItemSource, entry: ItemSource): void {
    this.#changes += 1;
    const words = this.#words;
    const size = this.size;
    const a = symbolOf(previous);
    const b = symbolOf(entry);
    let stateA = sequenceSeed(a.place, a.tag, a.lo);
    let stateB = sequenceSeed(b.place, b.tag, b.lo);
    const saltA = sequenceSalt(a.place);
    const saltB = sequenceSalt(b.place);
    let i = 0;
    let j = 0;
    while (i < size && j < size) {
      put(words, i, a, -COUNT_ONE);
      put(words, j, b, COUNT_ONE);
      stateA = (stateA + SEQUENCE_STEP) | 0;
      stateB = (stateB + SEQUENCE_STEP) | 0;
      i = nextIndex(i, stateA ^ saltA);
      j = nextIndex(j, stateB ^ saltB);
    }
    for (; i < size; i = nextIndex(i, (stateA = (stateA + SEQUENCE_STEP) | 0) ^ saltA))
      put(words, i, a, -COUNT_ONE);
    for (; j < size; j = nextIndex(j, (stateB = (stateB + SEQUENCE_STEP) | 0) ^ saltB))
      put(words, j, b, COUNT_ONE);
  }

  #apply(entry: ItemSource, count: number): void {
    const words = this.#words;
    const size = this.size;
    const item = symbolOf(entry);
    // IndexSequence's steps, inline: locals instead of an object's fields on every write.
    let state = sequenceSeed(item.place, item.tag, item.lo);
    const salt = sequenceSalt(item.place);
    for (let i = 0; i < size;) {
      put(words, i, item, count);
      state = (state + SEQUENCE_STEP) | 0;
      i = nextIndex(i, state ^ salt);
    }
  }
}

/**
 * Coded symbols [from, from + count) past the kept prefix, computed from the entries themselves:
 * each entry's index sequence is walked to `from` (~2 ln(from/2) steps) and its symbols in the
 * range filled. One pass over the store, so a difference too large for the kept symbols costs a
 * scan on each side instead of a walk of the tree.
 */
export function symbolsBeyond(
  entries: Iterable<ItemSource>,
  from: number,
  count: number,
): SymbolRun {
  const words = new Uint32Array(SYMBOL_WORDS * count);
  const to = from + count;
  const item: SymbolWords = { place: 0, lo: 0, check: 0, tag: 0 };
  for (const e of entries) {
    // One item object for the whole scan: no garbage per entry.
    item.place = e.place >>> 0;
    item.tag = tagOf(e.version.wall);
    item.lo = e.lo & LO_MASK;
    item.check = checkOf(item.place, item.tag, item.lo);
    let state = sequenceSeed(item.place, item.tag, item.lo);
    const salt = sequenceSalt(item.place);
    let i = 0;
    while (i < from) i = nextIndex(i, (state = (state + SEQUENCE_STEP) | 0) ^ salt);
    for (; i < to; i = nextIndex(i, (state = (state + SEQUENCE_STEP) | 0) ^ salt))
      put(words, i - from, item, COUNT_ONE);
  }
  return { from, words };
}

/** An item's words as the sketch adds them. */
interface SymbolWords {
  place: number;
  lo: number;
  check: number;
  tag: number;
}

function symbolOf(e: ItemSource): SymbolWords {
  const place = e.place >>> 0;
  const tag = tagOf(e.version.wall);
  const lo = e.lo & LO_MASK;
  return { place, lo, check: checkOf(place, tag, lo), tag };
}

/** Adds (count > 0) or removes an item at symbol i. */
function put(words: Uint32Array, i: number, item: SymbolWords, count: number): void {
  const at = SYMBOL_WORDS * i;
  words[at]! ^= item.place;
  words[at + 1]! ^= item.lo;
  words[at + 2]! ^= item.check;
  words[at + 3] = (words[at + 3]! ^ item.tag) + count;
}
