// The node's RIBLT sketch: the first SKETCH_SYMBOLS coded symbols of its set of entries, kept
// up to date on every change of the store (add, replace, purge), never rebuilt. A coded symbol
// is the XOR of the items mapped to it, the XOR of their checks and how many there are.
import { SKETCH_SYMBOLS } from './constants.js';
import { IndexSequence, ITEM_WORDS, itemOf, type Item, type ItemSource } from './symbol.js';

/** Words per coded symbol in memory and on the wire: the item words and the check. */
export const SYMBOL_WORDS = ITEM_WORDS + 1;

/** A run of coded symbols: symbol i's words at words[SYMBOL_WORDS*i ...], its count at counts[i]. */
export interface SymbolRun {
  /** Index of the first symbol. */
  from: number;
  words: Uint32Array;
  counts: Int32Array;
}

/** What the store tells of every entry it starts or stops holding. */
export interface EntryObserver {
  added(entry: ItemSource): void;
  removed(entry: ItemSource): void;
}

export class Sketch implements EntryObserver {
  readonly size: number;
  readonly #words: Uint32Array;
  readonly #counts: Int32Array;
  #items = 0;

  constructor(size = SKETCH_SYMBOLS) {
    this.size = size;
    this.#words = new Uint32Array(SYMBOL_WORDS * size);
    this.#counts = new Int32Array(size);
  }

  /** A copy (for a cloned store in the simulation: a copy of arrays, not a re-insert per entry). */
  clone(): Sketch {
    const copy = new Sketch(this.size);
    copy.#words.set(this.#words);
    copy.#counts.set(this.#counts);
    copy.#items = this.#items;
    return copy;
  }

  /** Items currently in the sketch (entries of the store). */
  get items(): number {
    return this.#items;
  }

  /** Bytes the sketch holds in memory. */
  get bytes(): number {
    return this.#words.byteLength + this.#counts.byteLength;
  }

  added(entry: ItemSource): void {
    this.#apply(itemOf(entry), 1);
    this.#items += 1;
  }

  removed(entry: ItemSource): void {
    this.#apply(itemOf(entry), -1);
    this.#items -= 1;
  }

  /** A copy of symbols [from, from + count) (clamped to the kept prefix). */
  run(from: number, count: number): SymbolRun {
    const start = Math.min(from, this.size);
    const end = Math.min(from + count, this.size);
    return {
      from: start,
      words: this.#words.slice(SYMBOL_WORDS * start, SYMBOL_WORDS * end),
      counts: this.#counts.slice(start, end),
    };
  }

  #apply(item: Item, sign: 1 | -1): void {
    const words = this.#words;
    const seq = new IndexSequence(item);
    for (let i = seq.next(); i < this.size; i = seq.next()) {
      const at = SYMBOL_WORDS * i;
      words[at]! ^= item.place;
      words[at + 1]! ^= item.tag;
      words[at + 2]! ^= item.lo;
      words[at + 3]! ^= item.check;
      this.#counts[i]! += sign;
    }
  }
}
