// The items a RIBLT sketch is made of, and the coded-symbol index sequence each item maps to.
// An item stands for one entry (a key at one version) in 3 values: the key's 32-bit placement
// hash (the tree's), the low 8 bits of the entry digest (so that two versions of a key in one
// step of the tag still make different items) and a 16-bit wall-clock tag (a hint that lets the
// decoding side choose last-write-wins direction itself). A 20-bit check, a hash of the three,
// tells a coded symbol holding exactly one item ("pure") from a mixture; the roots compared once
// the decoded difference has moved catch what a short check lets through (see session.ts).
//
// Mapping (Yang, Gilad, Alizadeh, SIGCOMM 2024): every item goes to coded symbol 0, and then to
// a pseudo-random increasing sequence of indices, index i being hit with probability
// 1 / (1 + i/2). The sequence depends on the item only (all 64 bits of place and check), so both
// sides compute the same one and two items of a difference never share it.

/**
 * The wall-clock tag is the version's sixteenth of a second modulo 2^16: 16 bits, not 32, keep a
 * coded symbol at 16 bytes (one per 16-byte slot, four to a cache line) and 15 on the wire.
 * Serial arithmetic orders two tags right while the versions are less than ~34 minutes apart;
 * beyond that a wrong hint costs an extra entry in the reply (the receiver ships its newer one
 * back), never an entry. Two versions in one step tie: the initiator pushes its own and wants
 * the peer's, which wastes the pushed entry when the peer's is newer.
 */
export const TAG_BITS = 16;
const TAG_MASK = (1 << TAG_BITS) - 1;
/**
 * Bits of the entry digest in an item. Two versions of one key make the same item only if their
 * tags tie (versions less than 1/16 s apart, modulo ~34 minutes) and these bits agree: 1 in 256
 * of such ties; the difference is then invisible to the symbols, and the roots compared after
 * settling send the exchange to the walk.
 */
export const LO_BITS = 8;
export const LO_MASK = (1 << LO_BITS) - 1;
/**
 * Bits of the check. A mixture of items whose count reads ±1 passes it by chance once in 2^20
 * and must then also lie on the false item's index sequence; the decoder peels symbols of the
 * first LOW_INDICES only when nothing else is pure, so the many mixtures there are rarely
 * tried. Counted in the decoder's unit test: 200 seeded differences of 1,000 items, ~790,000
 * tries, no mixture passed.
 */
export const CHECK_BITS = 20;
export const CHECK_MASK = (1 << CHECK_BITS) - 1;
/**
 * Microseconds of wall clock (a version's unit) per tag step: 1/16 s. With whole seconds (a
 * ~9-hour window), a key rewritten within a second of its last write tied: the bench's grid at
 * 10k keys, whose divergences follow the load within a second or two, read 1.5-2.0 x E for
 * ~1.25 when nothing ties; divergences seconds apart are what the demo and the bench make.
 */
const TAG_UNIT_MICROS = 62_500;

/** What the sketch needs of an entry (a StoredEntry has all of it). */
export interface ItemSource {
  readonly place: number;
  readonly lo: number;
  readonly version: { readonly wall: number };
}

/** One item: the three summed values and their check. */
export interface Item {
  place: number;
  tag: number;
  lo: number;
  check: number;
}

/** The 16-bit wall-clock tag of a version. */
export function tagOf(wall: number): number {
  return Math.floor(wall / TAG_UNIT_MICROS) & TAG_MASK;
}

/** The item of an entry. */
export function itemOf(e: ItemSource): Item {
  const place = e.place >>> 0;
  const tag = tagOf(e.version.wall);
  const lo = e.lo & LO_MASK;
  return { place, tag, lo, check: checkOf(place, tag, lo) };
}

/** A CHECK_BITS hash of the item's values: XOR-ing items together does not preserve it. */
export function checkOf(place: number, tag: number, lo: number): number {
  let h = Math.imul(place ^ 0x9e3779b9, 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 15) ^ tag, 0xc2b2ae35);
  h = Math.imul(h ^ (h >>> 13) ^ lo, 0x27d4eb2f);
  return fmix(h) & CHECK_MASK;
}

/** Two items with the same values are the same entry; compares as a map key. */
export function itemKey(i: Item): string {
  return `${i.place}:${i.tag}:${i.lo}`;
}

/** Newer-than hint between two tags of one key: positive when a is later (serial arithmetic). */
export function compareTags(a: number, b: number): number {
  return ((a - b) << (32 - TAG_BITS)) >> (32 - TAG_BITS);
}

/**
 * The index sequence's generator: 64 bits of state, as in the reference (a 64-bit hash of the
 * item seeds its generator), in two 32-bit halves. With 32 bits, two of the ~18,000 items of a
 * 1% difference at 1M keys shared a seed in ~4% of exchanges (the birthday bound): their
 * sequences were then the same, every symbol held both, and no count of symbols could peel
 * them apart (all 65,536 were sent, then the walk). The halves: a counter that starts here,
 * from the item's tag and low digest bits (24 bits, so one key's versions never share it)...
 * Not from the check: with 20-bit checks two of the ~80,000 keys rewritten or deleted at 10% of
 * 1M keys had versions with equal checks in ~8% of exchanges (one bench run decoded all but
 * those two in 2^20 symbols, then walked).
 */
export function sequenceSeed(place: number, tag: number, lo: number): number {
  return fmix(((tag << LO_BITS) | lo) ^ 0x5bd1e995 ^ Math.imul(place, 0x2545f491)) | 0;
}

/**
 * ... and a salt from the place alone, XOR-ed into the counter before it is mixed. Salt and
 * seed together give back place, tag and low bits (fmix is a bijection), so two items share a
 * sequence only if they are the same item: one key's versions differ in tag or low bits, hence
 * in every mixed value; other keys differ in salt.
 */
export function sequenceSalt(place: number): number {
  return fmix(place ^ 0x165667b1) | 0;
}

/** The counter advances by this before each index after 0. */
export const SEQUENCE_STEP = 0x9e3779b9;

/**
 * The index after `last`, from the advanced counter XOR the salt: the gap is
 * (last + 1.5) * ((1 - u)^(-1/2) - 1) with u uniform in [0, 1), which makes index j appear with
 * probability 1 / (1 + j/2) (the paper's mapping; the reference computes it the same way).
 * The state does not depend on the indices, so the CPU works out the next square root while
 * the last index is still being used: the chain from index to index is a multiply and an add.
 */
export function nextIndex(last: number, salted: number): number {
  const r = fmix(salted) >>> 0;
  const gap = Math.ceil((last + 1.5) * (65536 / Math.sqrt(r + 1) - 1));
  return last + (gap > 1 ? gap : 1);
}

/**
 * The increasing coded-symbol indices of one item; starts at 0 (the decoder's: it resumes an
 * item's sequence batch after batch; the sketch runs the same steps inline).
 */
export class IndexSequence {
  #state = 0;
  #salt = 0;
  #last = 0;
  #started = false;

  constructor(item?: Pick<Item, 'place' | 'tag' | 'lo'>) {
    if (item) this.reset(item.place, item.tag, item.lo);
  }

  /** Starts over with the sequence of the item with this place, tag and low bits. */
  reset(place: number, tag: number, lo: number): void {
    this.#state = sequenceSeed(place, tag, lo);
    this.#salt = sequenceSalt(place);
    this.#last = 0;
    this.#started = false;
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
    this.#state = (this.#state + SEQUENCE_STEP) | 0;
    this.#last = nextIndex(this.#last, this.#state ^ this.#salt);
    return this.#last;
  }
}

/** The murmur3 finaliser: a 32-bit mix. */
export function fmix(x: number): number {
  let h = x;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return h ^ (h >>> 16);
}
