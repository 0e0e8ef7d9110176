// The peeling decoder. It subtracts the peer's coded symbols from ours, index by index: what is
// left is a sketch of the symmetric difference, items only we hold counted +1, items only the
// peer holds -1. A symbol left holding one item ("pure": count ±1, its check matches its words
// and the item's index sequence goes through it) gives that item away; removing the item from
// every other symbol it maps to can make
// those pure in turn. Decoding is complete when symbol 0, which every item maps to, is empty.
// Symbols arrive in batches: each batch is first cleared of the items already decoded.
import { checkOf, IndexSequence, itemKey, type Item } from './symbol.js';
import { runLength, SYMBOL_WORDS, type SymbolRun } from './sketch.js';

/** The tag half of a symbol's last word. */
const TAG_HALF = 0xffff;

/** Counts travel as their low 8 bits: the difference of two counts is then read as a signed byte. */
export function countByte(n: number): number {
  return (n << 24) >> 24;
}

interface Peeled {
  item: Item;
  sign: 1 | -1;
  seq: IndexSequence;
  /** The first index of its sequence not yet removed (>= the symbols held). */
  pending: number;
}

/**
 * Holds the difference symbols as words place, lo, check, tag (SYMBOL_WORDS a symbol) and the
 * counts apart, signed.
 */
export class Decoder {
  #words = new Uint32Array(0);
  #counts = new Int32Array(0);
  #m = 0;
  readonly #peeled: Peeled[] = [];
  readonly #seen = new Set<string>();
  #failure: string | null = null;
  /** Per index, whether the raw difference symbol was empty (no differing item maps there). */
  #rawEmpty: boolean[] = [];

  /** Symbols subtracted so far. */
  get symbols(): number {
    return this.#m;
  }

  /** Why the symbols cannot be decoded consistently, if they cannot. */
  get failure(): string | null {
    return this.#failure;
  }

  /** Every item of the difference is out: symbol 0 is empty, and so is every other one. */
  get complete(): boolean {
    return this.#m > 0 && this.#failure === null && this.#empty(0);
  }

  /** Items peeled so far (the whole difference once complete; how far it got if never). */
  get peeled(): number {
    return this.#peeled.length;
  }

  /** Items only we hold (+1) and only the peer holds (-1). */
  get local(): Item[] {
    return this.#peeled.filter((p) => p.sign === 1).map((p) => p.item);
  }

  get remote(): Item[] {
    return this.#peeled.filter((p) => p.sign === -1).map((p) => p.item);
  }

  /** Adds our and the peer's symbols for the next indices (both runs start at `symbols`). */
  add(ours: SymbolRun, theirs: SymbolRun): void {
    const n = runLength(theirs);
    if (ours.from !== this.#m || theirs.from !== this.#m || runLength(ours) !== n)
      throw new Error('Decoder.add: the runs do not continue the symbols held');
    const start = this.#m;
    this.#grow(start + n);
    for (let k = 0; k < n; k++) {
      const at = SYMBOL_WORDS * k;
      const to = SYMBOL_WORDS * (start + k);
      for (let w = 0; w < 3; w++) this.#words[to + w] = ours.words[at + w]! ^ theirs.words[at + w]!;
      const a = ours.words[at + 3]!;
      const b = theirs.words[at + 3]!;
      this.#words[to + 3] = (a ^ b) & TAG_HALF;
      this.#counts[start + k] = countByte((a >>> 16) - (b >>> 16));
      this.#rawEmpty.push(this.#empty(start + k));
    }
    this.#m = start + n;
    for (const p of this.#peeled) {
      while (p.pending < this.#m) {
        this.#remove(p.pending, p.item, p.sign);
        p.pending = p.seq.next();
      }
    }
    const queue: number[] = [];
    for (let i = start; i < this.#m; i++) if (this.#pure(i)) queue.push(i);
    this.#peel(queue);
    if (this.#failure === null && this.#empty(0)) {
      for (let i = 1; i < this.#m; i++) {
        if (!this.#empty(i)) {
          this.#failure = 'symbol 0 decoded but others did not (a hash collision)';
          break;
        }
      }
    }
  }

  /**
   * How many items differ, from the symbols that were empty before peeling: symbol i is empty
   * with probability (1 - 1/(1 + i/2))^D when D items differ. With thousands of symbols this is
   * within a few percent, so the batch after one that did not decode can be sized closely.
   */
  estimateItems(): number {
    const groups: { rho: number; n: number; empty: number }[] = [];
    for (let lo = 1; lo < this.#m; lo *= 2) {
      const hi = Math.min(this.#m, 2 * lo);
      let empty = 0;
      for (let i = lo; i < hi; i++) if (this.#rawEmpty[i]) empty += 1;
      groups.push({ rho: 1 / (1 + (lo + hi - 1) / 4), n: hi - lo, empty });
    }
    const expectedEmpty = (d: number) => groups.reduce((sum, g) => sum + g.n * (1 - g.rho) ** d, 0);
    const observed = groups.reduce((sum, g) => sum + g.empty, 0);
    if (observed === 0) return 2 * this.#m; // saturated: at least this many
    let lo = 0;
    let hi = 8 * this.#m;
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (expectedEmpty(mid) > observed) lo = mid;
      else hi = mid;
    }
    return hi;
  }

  #peel(queue: number[]): void {
    while (queue.length > 0 && this.#failure === null) {
      const i = queue.pop()!;
      if (!this.#pure(i)) continue;
      const at = SYMBOL_WORDS * i;
      const item: Item = {
        place: this.#words[at]!,
        lo: this.#words[at + 1]!,
        check: this.#words[at + 2]!,
        tag: this.#words[at + 3]!,
      };
      // A mixture whose check matched by chance is still told apart: a real item maps to i.
      if (!mapsTo(item, i)) continue;
      const sign = this.#counts[i] === 1 ? 1 : -1;
      const key = itemKey(item);
      if (this.#seen.has(key)) {
        this.#failure = 'an item decoded twice (a hash collision)';
        return;
      }
      this.#seen.add(key);
      const seq = new IndexSequence(item);
      let j = seq.next();
      for (; j < this.#m; j = seq.next()) {
        this.#remove(j, item, sign);
        if (j !== i && this.#pure(j)) queue.push(j);
      }
      this.#peeled.push({ item, sign, seq, pending: j });
    }
  }

  #remove(i: number, item: Item, sign: 1 | -1): void {
    const at = SYMBOL_WORDS * i;
    this.#words[at]! ^= item.place;
    this.#words[at + 1]! ^= item.lo;
    this.#words[at + 2]! ^= item.check;
    this.#words[at + 3]! ^= item.tag;
    this.#counts[i] = countByte(this.#counts[i]! - sign);
  }

  #pure(i: number): boolean {
    const c = this.#counts[i];
    if (c !== 1 && c !== -1) return false;
    const at = SYMBOL_WORDS * i;
    const w = this.#words;
    return checkOf(w[at]!, w[at + 3]!, w[at + 1]!) === w[at + 2];
  }

  #empty(i: number): boolean {
    const at = SYMBOL_WORDS * i;
    const w = this.#words;
    return this.#counts[i] === 0 && (w[at]! | w[at + 1]! | w[at + 2]! | w[at + 3]!) === 0;
  }

  #grow(m: number): void {
    if (m <= this.#counts.length) return;
    const cap = Math.max(m, 2 * this.#counts.length);
    const words = new Uint32Array(SYMBOL_WORDS * cap);
    words.set(this.#words.subarray(0, SYMBOL_WORDS * this.#m));
    const counts = new Int32Array(cap);
    counts.set(this.#counts.subarray(0, this.#m));
    this.#words = words;
    this.#counts = counts;
  }
}

/** Whether the item's index sequence goes through symbol i. */
function mapsTo(item: Item, i: number): boolean {
  const seq = new IndexSequence(item);
  let j = seq.next();
  while (j < i) j = seq.next();
  return j === i;
}
