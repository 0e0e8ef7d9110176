// The rateless strategy's part of an anti-entropy message (behind its tag): an opening with
// a root, samples of the sender's coded symbols (in the opening, or in the answer to one that
// came without them), coded symbols, a request for more, wanted places, and the flags that tell
// the other side to settle whole places or that the sender fell back to the Merkle walk.
import { CodecError, type Reader, type Writer } from './codec.js';
import { SAMPLE_BYTES } from '../riblt/estimate.js';
import { MAX_SYMBOLS } from '../riblt/constants.js';
import { runLength, SYMBOL_WORDS, type SymbolRun } from '../riblt/sketch.js';

export interface RootSummary {
  digest: bigint;
  count: number;
}

export interface RibltSection {
  /** The initiator's opening: its root (with `samples`, or alone after an exchange that ended in sync). */
  open?: RootSummary;
  /** Fingerprints of the sender's sampled coded symbols, to estimate how many items differ. */
  samples?: Uint8Array;
  /** The sender's root when it sent these symbols. */
  root?: RootSummary;
  symbols?: SymbolRun;
  /** "Send me your symbols [from, from + count)". */
  more?: { from: number; count: number };
  /** "Send me every entry you hold at these placement hashes." */
  wantPlaces: number[];
  /** The entries sent settle their places: ship back what you hold there under other keys. */
  settle: boolean;
  /** Why the sender turned to the Merkle walk (its message carries the root probe). */
  fallback?: string;
}

const OPEN = 1;
const ROOT = 2;
const SYMBOLS = 4;
const MORE = 8;
const SETTLE = 16;
const FALLBACK = 32;
const SAMPLES = 64;
/** Every flag above, or'ed: a section with any other bit set comes from another build. */
const ALL_FLAGS = 127;
/** A fallback reason is one short sentence. */
const MAX_REASON_BYTES = 256;

export function emptyRiblt(): RibltSection {
  return { wantPlaces: [], settle: false };
}

export function writeRiblt(w: Writer, s: RibltSection): void {
  const flags =
    (s.open ? OPEN : 0) |
    (s.root ? ROOT : 0) |
    (s.symbols ? SYMBOLS : 0) |
    (s.more ? MORE : 0) |
    (s.settle ? SETTLE : 0) |
    (s.fallback !== undefined ? FALLBACK : 0) |
    (s.samples ? SAMPLES : 0);
  w.u8(flags);
  if (s.open) w.u64(s.open.digest).varint(s.open.count);
  if (s.root) w.u64(s.root.digest).varint(s.root.count);
  if (s.symbols) {
    // 10 bytes a symbol: place, tag, lo, then the check (20 bits) and the count's low 4 bits in
    // three bytes (the receiver reads only the difference of two counts, as a signed nibble).
    const { from, words } = s.symbols;
    const n = runLength(s.symbols);
    w.varint(from).varint(n);
    for (let at = 0; at < SYMBOL_WORDS * n; at += SYMBOL_WORDS) {
      const last = words[at + 3]!;
      const check = words[at + 2]!;
      w.u32(words[at]!)
        .u16(last & 0xffff)
        .u8(words[at + 1]! & 0xff);
      w.u16(check >>> 4).u8(((check & 0xf) << 4) | ((last >>> 16) & 0xf));
    }
  }
  if (s.more) w.varint(s.more.from).varint(s.more.count);
  if (s.fallback !== undefined) w.string(s.fallback);
  if (s.samples) for (const b of s.samples) w.u8(b);
  w.varint(s.wantPlaces.length);
  for (const p of s.wantPlaces) w.u32(p);
}

export function readRiblt(r: Reader): RibltSection {
  const flags = r.u8();
  if (flags > ALL_FLAGS) throw new CodecError('unknown flags in the riblt section');
  const s = emptyRiblt();
  const root = (): RootSummary => ({ digest: r.u64(), count: r.varint() });
  if (flags & OPEN) s.open = root();
  if (flags & ROOT) s.root = root();
  if (flags & SYMBOLS) {
    const from = r.varint();
    const n = r.varint();
    if (from + n > MAX_SYMBOLS)
      throw new CodecError('coded symbols beyond the most an exchange sends');
    const words = new Uint32Array(SYMBOL_WORDS * n);
    for (let at = 0; at < SYMBOL_WORDS * n; at += SYMBOL_WORDS) {
      words[at] = r.u32();
      const tag = r.u16();
      words[at + 1] = r.u8();
      const high = r.u16();
      const low = r.u8();
      words[at + 2] = (high << 4) | (low >>> 4);
      words[at + 3] = tag | ((low & 0xf) << 16);
    }
    s.symbols = { from, words };
  }
  if (flags & MORE) {
    const from = r.varint();
    const count = r.varint();
    if (from + count > MAX_SYMBOLS)
      throw new CodecError('coded symbols beyond the most an exchange sends');
    s.more = { from, count };
  }
  s.settle = (flags & SETTLE) !== 0;
  if (flags & FALLBACK) s.fallback = r.string(MAX_REASON_BYTES);
  if (flags & SAMPLES) {
    const samples = new Uint8Array(SAMPLE_BYTES);
    for (let i = 0; i < SAMPLE_BYTES; i++) samples[i] = r.u8();
    s.samples = samples;
  }
  for (let n = r.varint(); n > 0; n--) s.wantPlaces.push(r.u32());
  return s;
}
