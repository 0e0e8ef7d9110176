// The anti-entropy message and its bytes, as docs/wire.md writes them down. One message type
// serves both directions: each side answers what the other sent with the same kinds of section.
//
//   probe  [level, index] and the digests of that tree node's 16 children (probe.ts)
//   list   [level, index] and (key, version, 32-bit check) of each entry below it: sent
//          instead of a probe once a subtree holds few entries
//   dump   "send me every entry below [level, index]": you have entries where I have none
//   entry  a whole entry for the other side to merge (last write wins)
//   want   "send me your entry for this key": yours is newer or I lack it
//   riblt  the rateless strategy's part (riblt.ts), behind its tag after the other sections
//
// Wall clocks in lists and entries are written as offsets from the smallest one in the message
// (written once, after the node ids): versions that travel together are usually close in time,
// so an offset takes 3-5 bytes where a whole microsecond clock takes 8. The keys of list items
// and wants are written against the key before them (keys.ts); an entry's key is written whole.
import { CodecError, Reader, Writer } from './codec.js';
import { readBody, readVersion, writeBody, writeVersion } from './entry.js';
import { KeyReader, KeyWriter } from './keys.js';
import { shortChildren } from './probe.js';
import { readRiblt, writeRiblt, type RibltSection } from './riblt.js';
import { MAX_KEY_BYTES, MAX_NODE_ID_BYTES } from '../../../api/limits.js';
import type { Entry } from '../../replica/entry.js';
import { FANOUT, MAX_LEVEL, type NodeSummary } from '../../tree/shape.js';
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

/**
 * The layout's version, the first byte of every message and nothing else. 9: the layout of
 * format 3 (wall offsets, count-free short probes) with the riblt section behind a tag,
 * 10-byte coded symbols (5 had 15-byte ones) and up to 2^20 of them (6 stopped at 65,536;
 * 7 mapped items to symbols by their check, 8 and 9 by their tag and low bits), a version's
 * node reference and logical in one varint, an entry's kind in its value's length (entry.ts;
 * 8 gave each its own), list items' and wants' keys against the key before (keys.ts), and the
 * riblt samples a part of their own, so that an opening may carry the root alone (8 always
 * carried them); earlier builds sent formats 1 to 4, where 4 meant "format 3 and a riblt
 * section". A message of any other version is refused as another build's (unsupported_version).
 */
export const WIRE_VERSION = 9;
/**
 * Opens the riblt section after the five counted sections. A tag instead of a flag in the head:
 * the Merkle walk's messages pay nothing for it, and a later section gets a tag of its own.
 */
const RIBLT_TAG = 1;

export function emptyMessage(): AeMessage {
  return { probes: [], lists: [], dumps: [], entries: [], wants: [] };
}

/**
 * "Nothing more": no section and no riblt part asking for anything. The settle flag asks the
 * peer about the places of the entries sent, so alone it asks nothing: the initiator builds
 * such a message when the symbols decode to no difference (another exchange made the replicas
 * equal meanwhile), and sending it would only compare roots that settling found equal. A root
 * or a fallback reason never goes alone (a root answers, a fallback carries the root probe).
 */
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
    if (ref === undefined) nodes.set(id, (ref = nodes.size));
    return ref;
  };
  const base = baseWall(m);
  const version = (w: Writer, v: Version): Writer => writeVersion(w, v, base, nodeRef(v.node));
  const body = new Writer();
  body.varint(m.probes.length);
  for (const p of m.probes) writeProbe(body, p);
  body.varint(m.lists.length);
  const listKeys = new KeyWriter();
  for (const l of m.lists) {
    body.u8(l.level).varint(l.index).varint(l.items.length);
    for (const item of l.items)
      version(listKeys.write(body, item.key), item.version).u32(item.check);
  }
  body.varint(m.dumps.length);
  for (const d of m.dumps) body.u8(d.level).varint(d.index);
  body.varint(m.entries.length);
  for (const e of m.entries) {
    writeBody(version(body.string(e.key), e.version), e.value);
  }
  body.varint(m.wants.length);
  const wantKeys = new KeyWriter();
  for (const k of m.wants) wantKeys.write(body, k);
  if (m.riblt) writeRiblt(body.u8(RIBLT_TAG), m.riblt);

  const head = new Writer().u8(WIRE_VERSION).varint(nodes.size);
  for (const id of nodes.keys()) head.string(id);
  // Only versions refer to nodes: a message with none (a probe) carries no base either.
  if (nodes.size > 0) head.varint(base);
  return Buffer.concat([head.finish(), body.finish()]);
}

/** Decodes and validates a message; throws CodecError on anything malformed. */
export function decodeMessage(buf: Buffer, maxValueBytes: number): AeMessage {
  const r = new Reader(buf);
  const version = r.u8();
  if (version !== WIRE_VERSION)
    throw new CodecError(
      `it is version ${version}, and this node speaks version ${WIRE_VERSION} only`,
      'unsupported_version',
    );
  const nodes: string[] = [];
  for (let n = r.varint(); n > 0; n--) nodes.push(valid(checkNodeId(r.string(MAX_NODE_ID_BYTES))));
  const base = nodes.length > 0 ? r.varint() : 0;
  // The readers have checked the length and the UTF-8 (fatal decoder): checkedKey does the rest.
  const checkedKey = (k: string): string => valid(checkDecodedKey(k));
  const key = (): string => checkedKey(r.string(MAX_KEY_BYTES));
  const listKeys = new KeyReader();
  const wantKeys = new KeyReader();
  const versionOf = (): Version => readVersion(r, base, nodes);

  const m = emptyMessage();
  for (let n = r.varint(); n > 0; n--) m.probes.push(readProbe(r));
  for (let n = r.varint(); n > 0; n--) {
    const at = readRef(r, MAX_LEVEL);
    const items: ListItem[] = [];
    for (let k = r.varint(); k > 0; k--)
      items.push({ key: checkedKey(listKeys.read(r)), version: versionOf(), check: r.u32() });
    m.lists.push({ ...at, items });
  }
  for (let n = r.varint(); n > 0; n--) m.dumps.push(readRef(r, MAX_LEVEL));
  for (let n = r.varint(); n > 0; n--) {
    const k = key();
    const v = versionOf();
    m.entries.push({ key: k, version: v, value: readBody(r, maxValueBytes) });
  }
  for (let n = r.varint(); n > 0; n--) m.wants.push(checkedKey(wantKeys.read(r)));
  if (!r.done) {
    const tag = r.u8();
    if (tag !== RIBLT_TAG) throw new CodecError(`a section has the unknown tag ${tag}`);
    m.riblt = readRiblt(r);
  }
  if (!r.done) throw new CodecError('the message has trailing bytes');
  return m;
}

/** A probe: where, a bitmap of the non-empty children, then each of those (see probe.ts). */
function writeProbe(w: Writer, p: Probe): void {
  w.u8(p.level).varint(p.index);
  let bitmap = 0;
  p.children.forEach((c, j) => {
    if (c.count > 0) bitmap |= 1 << j;
  });
  w.u16(bitmap);
  const short = shortChildren(p.level);
  for (const c of p.children) {
    if (c.count === 0) continue;
    if (short) w.u32(Number(c.digest & 0xffffffffn));
    else w.u64(c.digest).varint(c.count);
  }
}

function readProbe(r: Reader): Probe {
  const at = readRef(r, MAX_LEVEL - 1);
  const bitmap = r.u16();
  const short = shortChildren(at.level);
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
  return { ...at, children };
}

/** A tree node's level and index, which must exist at maxLevel or above. */
function readRef(r: Reader, maxLevel: number): TreeRef {
  const level = r.u8();
  const index = r.varint();
  if (level > maxLevel || index >= FANOUT ** level)
    throw new CodecError(`tree node [${level}, ${index}] does not exist`);
  return { level, index };
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
