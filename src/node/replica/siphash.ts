// HalfSipHash-1-3 (Aumasson and Bernstein's SipHash on 32-bit words, with the round counts the
// Linux kernel uses for its hash tables): a keyed hash, so that without the key nobody can
// choose inputs that collide, which a fixed hash (FNV, xxHash with a known seed) cannot
// promise. Written on 32-bit words because that is what JavaScript computes without
// allocating; strings are fed as their UTF-16 code units, two to a word, after their length,
// so no string is encoded or concatenated (every node of a cluster runs this same code).

/** One keyed hash, fed word by word, then finished as 32 or 64 bits. Reusable: start() again. */
export class HalfSip {
  readonly #k0: number;
  readonly #k1: number;
  #v0 = 0;
  #v1 = 0;
  #v2 = 0;
  #v3 = 0;
  /** Bytes fed so far (the low 8 bits end the input, as in SipHash). */
  #bytes = 0;
  /** The high half of the 64-bit result, set by finish64 (the low half is returned). */
  hi = 0;

  /** key: two 32-bit words (64 bits of key). */
  constructor(k0: number, k1: number) {
    this.#k0 = k0 | 0;
    this.#k1 = k1 | 0;
  }

  /** Begins a new input; wide: the result will be finished as 64 bits. */
  start(wide: boolean): this {
    this.#v0 = this.#k0;
    this.#v1 = wide ? this.#k1 ^ WIDE_MARK : this.#k1;
    this.#v2 = this.#k0 ^ INIT_2;
    this.#v3 = this.#k1 ^ INIT_3;
    this.#bytes = 0;
    return this;
  }

  /** Feeds one 32-bit word. */
  word(m: number): this {
    this.#v3 ^= m;
    this.#round();
    this.#v0 ^= m;
    this.#bytes += 4;
    return this;
  }

  /** Feeds a number up to 2^53 as two words (high, then low). */
  wide(n: number): this {
    return this.word(Math.floor(n / WORD_RANGE)).word(n >>> 0);
  }

  /** Feeds a string: its length, then its UTF-16 code units two to a word. */
  string(s: string): this {
    const n = s.length;
    this.word(n);
    let i = 0;
    for (; i + 1 < n; i += 2) this.word(s.charCodeAt(i) | (s.charCodeAt(i + 1) << 16));
    if (i < n) this.word(s.charCodeAt(i));
    return this;
  }

  /** The 32-bit result, unsigned. */
  finish32(): number {
    this.#end(NARROW_FINAL);
    return (this.#v1 ^ this.#v3) >>> 0;
  }

  /** The 64-bit result: its low half returned, its high half left in `hi` (both unsigned). */
  finish64(): number {
    this.#end(WIDE_FINAL);
    const lo = (this.#v1 ^ this.#v3) >>> 0;
    this.#v1 ^= SECOND_HALF;
    for (let r = 0; r < FINAL_ROUNDS; r++) this.#round();
    this.hi = (this.#v1 ^ this.#v3) >>> 0;
    return lo;
  }

  #end(final: number): void {
    const b = (this.#bytes & 0xff) << 24;
    this.#v3 ^= b;
    this.#round();
    this.#v0 ^= b;
    this.#v2 ^= final;
    for (let r = 0; r < FINAL_ROUNDS; r++) this.#round();
  }

  /** One SipRound on 32-bit words (rotations 5, 16, 8, 7, 13, 16). */
  #round(): void {
    let v0 = this.#v0;
    let v1 = this.#v1;
    let v2 = this.#v2;
    let v3 = this.#v3;
    v0 = (v0 + v1) | 0;
    v1 = ((v1 << 5) | (v1 >>> 27)) ^ v0;
    v0 = (v0 << 16) | (v0 >>> 16);
    v2 = (v2 + v3) | 0;
    v3 = ((v3 << 8) | (v3 >>> 24)) ^ v2;
    v0 = (v0 + v3) | 0;
    v3 = ((v3 << 7) | (v3 >>> 25)) ^ v0;
    v2 = (v2 + v1) | 0;
    v1 = ((v1 << 13) | (v1 >>> 19)) ^ v2;
    v2 = (v2 << 16) | (v2 >>> 16);
    this.#v0 = v0;
    this.#v1 = v1;
    this.#v2 = v2;
    this.#v3 = v3;
  }
}

/** HalfSipHash's constants: the initial state ("lyge", "tedb") and the finalisation marks. */
const INIT_2 = 0x6c796765;
const INIT_3 = 0x74656462;
const WIDE_MARK = 0xee;
const NARROW_FINAL = 0xff;
const WIDE_FINAL = 0xee;
const SECOND_HALF = 0xdd;
/** SipHash-1-3: one round per word (as fed above), three to finish. */
const FINAL_ROUNDS = 3;
const WORD_RANGE = 2 ** 32;
