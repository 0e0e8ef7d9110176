// The items a RIBLT sketch is made of, and the coded-symbol index sequence each item maps to.
// An item stands for one entry (a key at one version) in 3 words: the key's 32-bit placement
// hash (the tree's), the version's wall clock in milliseconds (low 32 bits: a hint that lets
// the decoding side choose last-write-wins direction itself) and the low 32 bits of the entry
// digest (so two contents never make the same item). A 4th word, a hash of the first three,
// tells a coded symbol holding exactly one item ("pure") from a mixture.
//
// Mapping (Yang, Gilad, Alizadeh, SIGCOMM 2024): every item goes to coded symbol 0, and then to
// a pseudo-random increasing sequence of indices, index i being hit with probability
// 1 / (1 + i/2). The sequence depends on the item only, so both sides compute the same one.

/** Words per item in a coded symbol's sum: place, wall-clock hint, content check. */
export const ITEM_WORDS = 3;

/** What the sketch needs of an entry (a StoredEntry has all of it). */
export interface ItemSource {
  readonly place: number;
  readonly lo: number;
  readonly version: { readonly wall: number };
}

/** One item: the three summed words and their check. */
export interface Item {
  place: number;
  tag: number;
  lo: number;
  check: number;
}

/** The item of an entry. */
export function itemOf(e: ItemSource): Item {
  const place = e.place >>> 0;
  const tag = Math.floor(e.version.wall / 1000) >>> 0;
  const lo = e.lo >>> 0;
  return { place, tag, lo, check: checkOf(place, tag, lo) };
}

/** A 32-bit hash of the item's words: XOR-ing items together does not preserve it. */
export function checkOf(place: number, tag: number, lo: number): number {
  let h = Math.imul(place ^ 0x9e3779b9, 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 15) ^ tag, 0xc2b2ae35);
  h = Math.imul(h ^ (h >>> 13) ^ lo, 0x27d4eb2f);
  return fmix(h) >>> 0;
}

/** Two items with the same words are the same entry; compares as a map key. */
export function itemKey(i: Item): string {
  return `${i.place}:${i.tag}:${i.lo}`;
}

/**
 * Newer-than hint between two wall-clock tags of one key: positive when a is later. Serial
 * arithmetic, so it is right while two versions are less than ~24 days apart; beyond that a
 * wrong hint costs an extra message (the receiver ships its newer entry back), never an entry.
 */
export function compareTags(a: number, b: number): number {
  return (a - b) | 0;
}

/** The increasing coded-symbol indices of one item; starts at 0. */
export class IndexSequence {
  #state: number;
  #last = 0;
  #started = false;

  constructor(item: Item) {
    this.#state = fmix(item.check ^ 0x5bd1e995 ^ Math.imul(item.place, 0x2545f491)) | 0;
  }

  /** The index the last call returned (0 before the first). */
  get current(): number {
    return this.#last;
  }

  next(): number {
    if (!this.#started) {
      this.#started = true;
      return 0;
    }
    // splitmix32 step: a uniform 32-bit r.
    this.#state = (this.#state + 0x9e3779b9) | 0;
    const r = fmix(this.#state) >>> 0;
    // Gap to the next index: (i + 1.5) * ((1 - u)^(-1/2) - 1) with u uniform in [0, 1), which
    // makes index j appear with probability 1 / (1 + j/2) (the paper's mapping).
    const gap = Math.ceil((this.#last + 1.5) * (65536 / Math.sqrt(r + 1) - 1));
    this.#last += Math.max(1, gap);
    return this.#last;
  }
}

function fmix(x: number): number {
  let h = x;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return h ^ (h >>> 16);
}
