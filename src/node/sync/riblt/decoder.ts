// The peeling decoder. It subtracts the peer's coded symbols from ours, index by index: what is
// left is a sketch of the symmetric difference, items only we hold counted +1, items only the
// peer holds -1. A symbol left holding one item ("pure": count ±1, its check matches its words
// and the item's index sequence goes through it) gives that item away; removing the item from
// every other symbol it maps to can make
// those pure in turn. Decoding is complete when symbol 0, which every item maps to, is empty.
// Symbols arrive in batches: each batch is first cleared of the items already decoded.
// The first LOW_INDICES symbols hold most items each; a mixture there reads a count of ±1 again
// and again as items leave it, and each time the short check could pass by chance. So they are
// tried only when no other symbol is pure (once per stall, not once per removal).
import { checkOf, IndexSequence, itemKey, type Item } from './symbol.js';
import { runLength, SYMBOL_WORDS, type SymbolRun } from './sketch.js';

/** The tag half of a symbol's last word. */
const TAG_HALF = 0xffff;
/**
 * Symbols below this index are peeled only when nothing else is pure. An item maps to ~2 ln(m/64)
 * symbols above it (7 at m = 2,000), so at most the last item or two of a difference are taken
 * there; the mixtures of the first symbols are then tried a few times an exchange, not on every
 * one of the thousands of removals that pass through them.
 */
export const LOW_INDICES = 32;
/** Bits of a count on the wire: a pure symbol reads ±1 modulo 2^COUNT_BITS. */
export const COUNT_BITS = 4;

/** Counts travel as their low COUNT_BITS: the difference of two is read as a signed nibble. */
export function countNibble(n: number): number {
  return (n << (32 - COUNT_BITS)) >> (32 - COUNT_BITS);
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
  #trials = 0;
  #rejected = 0;

  /** Symbols tested for purity with a count of ±1 (each a chance for a mixture to pass the check). */
  get trials(): number {
    return this.#trials;
  }

  /** Of those, mixtures whose check passed but whose false item does not map there. */
  get rejected(): number {
    return this.#rejected;
  }

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
      this.#counts[start + k] = countNibble((a >>> 16) - (b >>> 16));
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
    for (let i = Math.max(start, LOW_INDICES); i < this.#m; i++) if (this.#pure(i)) queue.push(i);
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
  estimateItems(): { items: number; atLeast: boolean } {
    const groups: { rho: number; n: number; empty: number }[] = [];
    for (let lo = 1; lo < this.#m; lo *= 2) {
      const hi = Math.min(this.#m, 2 * lo);
      let empty = 0;
      for (let i = lo; i < hi; i++) if (this.#rawEmpty[i]) empty += 1;
      groups.push({ rho: 1 / (1 + (lo + hi - 1) / 4), n: hi - lo, empty });
    }
    const expectedEmpty = (d: number) => groups.reduce((sum, g) => sum + g.n * (1 - g.rho) ** d, 0);
    const observed = groups.reduce((sum, g) => sum + g.empty, 0);
    if (observed === 0) return { items: 2 * this.#m, atLeast: true }; // saturated: at least this many
    let lo = 0;
    let hi = 8 * this.#m;
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (expectedEmpty(mid) > observed) lo = mid;
      else hi = mid;
    }
    return { items: hi, atLeast: false };
  }

  #peel(queue: number[]): void {
    for (;;) {
      while (queue.length > 0 && this.#failure === null) this.#peelAt(queue.pop()!, queue);
      if (this.#failure !== null) return;
      // A stall: the first symbols are tried now, one peel at a time.
      let peeled = false;
      for (let i = 0; i < Math.min(LOW_INDICES, this.#m) && !peeled; i++)
        peeled = this.#peelAt(i, queue);
      if (!peeled) return;
    }
  }

  /** The item a pure symbol holds. */
  #itemAt(i: number): Item {
    const at = SYMBOL_WORDS * i;
    return {
      place: this.#words[at]!,
      lo: this.#words[at + 1]!,
      check: this.#words[at + 2]!,
      tag: this.#words[at + 3]!,
    };
  }

  /** Whether the item a pure-looking symbol holds maps to it (a mixture's false item rarely does). */
  #mapped(i: number): boolean {
    if (mapsTo(this.#itemAt(i), i)) return true;
    this.#rejected += 1;
    return false;
  }

  /** Peels the item symbol i holds, if it is pure; whether it did. */
  #peelAt(i: number, queue: number[]): boolean {
    if (!this.#pure(i) || !this.#mapped(i)) return false;
    const item = this.#itemAt(i);
    const sign = this.#counts[i] === 1 ? 1 : -1;
    const key = itemKey(item);
    if (this.#seen.has(key)) {
      this.#failure = 'an item decoded twice (a hash collision)';
      return false;
    }
    this.#seen.add(key);
    const seq = new IndexSequence(item);
    let j = seq.next();
    for (; j < this.#m; j = seq.next()) {
      this.#remove(j, item, sign);
      if (j !== i && j >= LOW_INDICES && this.#pure(j)) queue.push(j);
    }
    this.#peeled.push({ item, sign, seq, pending: j });
    return true;
  }

  #remove(i: number, item: Item, sign: 1 | -1): void {
    const at = SYMBOL_WORDS * i;
    this.#words[at]! ^= item.place;
    this.#words[at + 1]! ^= item.lo;
    this.#words[at + 2]! ^= item.check;
    this.#words[at + 3]! ^= item.tag;
    this.#counts[i] = countNibble(this.#counts[i]! - sign);
  }

  #pure(i: number): boolean {
    const c = this.#counts[i];
    if (c !== 1 && c !== -1) return false;
    this.#trials += 1;
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
