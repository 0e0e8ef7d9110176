// The anti-entropy message and its binary form. One message type serves both directions: each
// side answers what the other sent (probes, lists, dumps, entries, wants) with the same kinds.
//
//   probe  [level, index] and the digests of that tree node's 16 children: 8-byte digests and
//          counts down to level SHORT_DIGEST_LEVEL - 1, 4-byte digests alone below (see
//          childDigest and sameChild)
//   list   [level, index] and (key, version, 32-bit check) of each entry below it: sent
//          instead of a probe once a subtree holds few entries
//   dump   "send me every entry below [level, index]": you have entries where I have none
//   entry  a whole entry for the other side to merge (last write wins)
//   want   "send me your entry for this key": yours is newer or I lack it
//   riblt  the rateless strategy's part (wire/riblt.ts), only in messages of format 4
//
// Wall clocks in lists and entries are written as offsets from the smallest one in the message
// (written once, after the node ids): versions that travel together are usually close in time, so an offset takes
// 3-5 bytes where a whole microsecond clock takes 8.
import { CodecError, Reader, stringBytes, varintBytes, Writer } from './codec.js';
import { readRiblt, writeRiblt, type RibltSection } from './riblt.js';
import { MAX_KEY_BYTES, MAX_NODE_ID_BYTES } from '../../../api/limits.js';
import type { Entry, StoredEntry } from '../../replica/entry.js';
import { FANOUT, MAX_LEVEL, type NodeSummary } from '../../tree/merkle.js';
import { checkDecodedKey, checkNodeId } from '../../../api/checks.js';
import type { Version } from '../../../api/version.js';

export interface TreeRef {
  level: number;
  index: number;
}

export interface Probe extends TreeRef {
  children: NodeSummary[];
}

export interface ListItem {
  key: string;
  version: Version;
  /** Low 32 bits of the entry digest: tells apart two contents at one version (duplicate node ids). */
  check: number;
}

export interface ListSection extends TreeRef {
  items: ListItem[];
}

export interface AeMessage {
  probes: Probe[];
  lists: ListSection[];
  dumps: TreeRef[];
  entries: Entry[];
  wants: string[];
  riblt?: RibltSection;
}

/** 3: wall offsets and count-free short probes (1 and 2 were the formats before them). */
const FORMAT = 3;
/** Format 3 followed by a riblt section: the Merkle walk's messages pay nothing for it. */
const FORMAT_RIBLT = 4;

/**
 * Children at this level and deeper are compared on 4 bytes of digest and no count. Level 1,
 * the root probe (16 children), keeps 8 bytes and counts: it alone decides "in sync". Below,
 * 4 bytes halve a probe (measured: 1% of 100k keys from 2.8x to ~2.1x E with level 2 kept at
 * 8; level 2 short as well saves ~1.5 kB more per exchange that reaches it). Two different
 * subtrees then look equal with probability 2^-32 per comparison (~1 in 4 million exchanges
 * at 1,000 differing keys), and the root probe still sees them differ.
 */
export const SHORT_DIGEST_LEVEL = 2;

/** A child's digest as a probe carries it: whole above SHORT_DIGEST_LEVEL, its low 32 bits from there. */
export function childDigest(digest: bigint, childLevel: number): bigint {
  return childLevel >= SHORT_DIGEST_LEVEL ? digest & 0xffffffffn : digest;
}

/**
 * Whether a probe's child (theirs) and our own child are the same subtree. Below the top levels
 * a probe carries no counts: presence and 4 bytes of digest decide, and a count would add a
 * byte per child (20% of a probe) to tell apart sets whose digests already differ.
 */
export function sameChild(theirs: NodeSummary, ours: NodeSummary, childLevel: number): boolean {
  if (childLevel >= SHORT_DIGEST_LEVEL) {
    return (
      theirs.count > 0 === ours.count > 0 && theirs.digest === childDigest(ours.digest, childLevel)
    );
  }
  return theirs.count === ours.count && theirs.digest === ours.digest;
}

export function emptyMessage(): AeMessage {
  return { probes: [], lists: [], dumps: [], entries: [], wants: [] };
}

export function isEmpty(m: AeMessage): boolean {
  const r = m.riblt;
  const riblt = r !== undefined && (r.open || r.symbols || r.more || r.wantPlaces.length > 0);
  return (
    !riblt &&
    m.probes.length + m.lists.length + m.dumps.length + m.entries.length + m.wants.length === 0
  );
}

export function encodeMessage(m: AeMessage): Buffer {
  const nodes = new Map<string, number>();
  const nodeRef = (id: string): number => {
    let ref = nodes.get(id);
    if (ref === undefined) {
      ref = nodes.size;
      nodes.set(id, ref);
    }
    return ref;
  };
  const base = baseWall(m);
  const body = new Writer();
  body.varint(m.probes.length);
  for (const p of m.probes) {
    body.u8(p.level).varint(p.index);
    let bitmap = 0;
    p.children.forEach((c, j) => {
      if (c.count > 0) bitmap |= 1 << j;
    });
    body.u16(bitmap);
    const short = p.level + 1 >= SHORT_DIGEST_LEVEL;
    for (const c of p.children) {
      if (c.count === 0) continue;
      if (short) body.u32(Number(c.digest & 0xffffffffn));
      else body.u64(c.digest).varint(c.count);
    }
  }
  body.varint(m.lists.length);
  for (const l of m.lists) {
    body.u8(l.level).varint(l.index).varint(l.items.length);
    for (const item of l.items) {
      body
        .string(item.key)
        .varint(item.version.wall - base)
        .varint(item.version.logical)
        .varint(nodeRef(item.version.node))
        .u32(item.check);
    }
  }
  body.varint(m.dumps.length);
  for (const d of m.dumps) body.u8(d.level).varint(d.index);
  body.varint(m.entries.length);
  for (const e of m.entries) {
    const v = e.version;
    body
      .string(e.key)
      .varint(v.wall - base)
      .varint(v.logical)
      .varint(nodeRef(v.node));
    if (e.value === null) body.u8(0);
    else body.u8(1).string(e.value);
  }
  body.varint(m.wants.length);
  for (const k of m.wants) body.string(k);
  if (m.riblt) writeRiblt(body, m.riblt);

  const head = new Writer().u8(m.riblt ? FORMAT_RIBLT : FORMAT).varint(nodes.size);
  for (const id of nodes.keys()) head.string(id);
  // Only versions refer to nodes: a message with none (a probe) carries no base either.
  if (nodes.size > 0) head.varint(base);
  return Buffer.concat([head.finish(), body.finish()]);
}

/**
 * What encodeMessage makes of a message carrying every entry of a store and a dump of the root
 * (the first message of the full-data exchange), counted without encoding: the cost of
 * shipping one node's data once. Two passes: the wall offsets depend on the smallest wall.
 */
export function fullMessageBytes(store: { entries(): Iterable<StoredEntry> }): number {
  let base = Infinity;
  for (const e of store.entries()) if (e.wall < base) base = e.wall;
  const nodes = new Map<string, number>();
  let count = 0;
  let bytes = 0;
  for (const e of store.entries()) {
    let ref = nodes.get(e.node);
    if (ref === undefined) nodes.set(e.node, (ref = nodes.size));
    count += 1;
    bytes += stringBytes(e.key) + varintBytes(e.wall - base) + varintBytes(e.logical);
    bytes += varintBytes(ref) + 1 + (e.value === null ? 0 : stringBytes(e.value));
  }
  let head = 1 + varintBytes(nodes.size);
  for (const id of nodes.keys()) head += stringBytes(id);
  if (nodes.size > 0) head += varintBytes(base);
  // Section counts: no probes, no lists, one dump (level 0, index 0), the entries, no wants.
  return head + 1 + 1 + 3 + varintBytes(count) + bytes + 1;
}

/** Decodes and validates a message; throws CodecError on anything malformed. */
export function decodeMessage(buf: Buffer, maxValueBytes: number): AeMessage {
  const r = new Reader(buf);
  const format = r.u8();
  if (format !== FORMAT && format !== FORMAT_RIBLT)
    throw new CodecError('unknown anti-entropy message format');
  const nodes: string[] = [];
  for (let n = r.varint(); n > 0; n--) nodes.push(valid(checkNodeId(r.string(MAX_NODE_ID_BYTES))));
  const node = (): string => {
    const id = nodes[r.varint()];
    if (id === undefined) throw new CodecError('a node reference is out of range');
    return id;
  };
  // r.string has checked the length and the UTF-8 (fatal decoder): checkDecodedKey does the rest.
  const key = (): string => valid(checkDecodedKey(r.string(MAX_KEY_BYTES)));
  const ref = (maxLevel: number): TreeRef => {
    const level = r.u8();
    const index = r.varint();
    if (level > maxLevel || index >= FANOUT ** level)
      throw new CodecError(`tree node [${level}, ${index}] does not exist`);
    return { level, index };
  };
  const base = nodes.length > 0 ? r.varint() : 0;
  const version = (): Version => {
    const wall = base + r.varint();
    if (!Number.isSafeInteger(wall))
      throw new CodecError('a wall clock in the message is too large');
    return { wall, logical: r.varint(), node: node() };
  };

  const m = emptyMessage();
  for (let n = r.varint(); n > 0; n--) {
    const at = ref(MAX_LEVEL - 1);
    const bitmap = r.u16();
    const short = at.level + 1 >= SHORT_DIGEST_LEVEL;
    const children: NodeSummary[] = [];
    for (let j = 0; j < FANOUT; j++) {
      if (bitmap & (1 << j)) {
        // A short child's count is not sent: 1 stands for "present" (see sameChild).
        const digest = short ? BigInt(r.u32()) : r.u64();
        const count = short ? 1 : r.varint();
        if (count === 0) throw new CodecError('a probe marks an empty child as present');
        children.push({ digest, count });
      } else {
        children.push({ digest: 0n, count: 0 });
      }
    }
    m.probes.push({ ...at, children });
  }
  for (let n = r.varint(); n > 0; n--) {
    const at = ref(MAX_LEVEL);
    const items: ListItem[] = [];
    for (let k = r.varint(); k > 0; k--)
      items.push({ key: key(), version: version(), check: r.u32() });
    m.lists.push({ ...at, items });
  }
  for (let n = r.varint(); n > 0; n--) m.dumps.push(ref(MAX_LEVEL));
  for (let n = r.varint(); n > 0; n--) {
    const k = key();
    const v = version();
    const kind = r.u8();
    if (kind > 1) throw new CodecError('an entry is neither a value nor a tombstone');
    m.entries.push({ key: k, version: v, value: kind === 0 ? null : r.string(maxValueBytes) });
  }
  for (let n = r.varint(); n > 0; n--) m.wants.push(key());
  if (format === FORMAT_RIBLT) m.riblt = readRiblt(r);
  if (!r.done) throw new CodecError('the message has trailing bytes');
  return m;
}

/** The smallest wall clock among the message's lists and entries (0 when it has none). */
function baseWall(m: AeMessage): number {
  let base = Infinity;
  for (const l of m.lists) for (const item of l.items) base = Math.min(base, item.version.wall);
  for (const e of m.entries) base = Math.min(base, e.version.wall);
  return base === Infinity ? 0 : base;
}

function valid<T>(checked: { ok: true; value: T } | { ok: false; message: string }): T {
  if (!checked.ok) throw new CodecError(checked.message);
  return checked.value;
}
