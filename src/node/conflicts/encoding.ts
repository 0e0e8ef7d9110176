// The canonical text of a sibling set, and the opaque context a client carries. A set travels
// and is stored as an entry's value, so replication, the exchange, storage and the tree's
// digest carry it unchanged: one set has one text, so equal sets give equal digests.
//
//   set     := ("S" | "D") JSON [column*]            S: some value stands; D: all are deletions
//   column  := [node, counter, [sibling*]]            sorted by node, values newest first
//   sibling := [wall, logical, value | null, context]
//   context := [[node, counter]*]                     sorted by node, counters > 0
import { allDeleted, type Column, type Context, type Sibling, type SiblingSet } from './dvvset.js';

/** A set or a context that does not decode: names what is wrong. */
export class SiblingFormatError extends Error {
  readonly code = 'bad_siblings';
  constructor(message: string) {
    super(message);
    this.name = 'SiblingFormatError';
  }
}

const LIVE = 'S';
const DEAD = 'D';

/** The first character of an encoded set whose values are all deletions. */
export const DEAD_CODE = DEAD.charCodeAt(0);

/** The set as its one canonical text. */
export function encodeSet(set: SiblingSet): string {
  const body = set.map((c) => [
    c.node,
    c.counter,
    c.values.map((v) => [v.wall, v.logical, v.value, v.seen]),
  ]);
  return (allDeleted(set) ? DEAD : LIVE) + JSON.stringify(body);
}

/** A set from its text, checked field by field (it may come from a peer). */
export function decodeSet(text: string): SiblingSet {
  const mark = text[0];
  if (mark !== LIVE && mark !== DEAD)
    throw new SiblingFormatError('a sibling set starts with S or D');
  const body = parse(text.slice(1));
  if (!Array.isArray(body) || body.length === 0) throw bad('a sibling set has at least one column');
  const set = body.map(column);
  for (let i = 1; i < set.length; i++)
    if (!(set[i - 1]!.node < set[i]!.node)) throw bad('columns are sorted by node, each node once');
  if (set.every((c) => c.values.length === 0)) throw bad('a sibling set holds at least one value');
  if ((mark === DEAD) !== allDeleted(set)) throw bad('the S or D mark does not match the values');
  return set;
}

/** Whether an encoded set reads as deleted, from its first character alone. */
export function encodedDeleted(text: string): boolean {
  return text.charCodeAt(0) === DEAD_CODE;
}

/** The context as the opaque string a client gets and sends back. */
export function encodeContext(context: Context): string {
  return Buffer.from(JSON.stringify(context), 'utf8').toString('base64url');
}

/** A context a client sent, checked. */
export function decodeContext(text: string): Context {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw bad('a context is the string a read answered');
  return vector(parse(Buffer.from(text, 'base64url').toString('utf8')));
}

function column(raw: unknown): Column {
  if (!Array.isArray(raw) || raw.length !== 3) throw bad('a column is [node, counter, values]');
  const [node, counter, values] = raw as unknown[];
  if (typeof node !== 'string' || node === '') throw bad('a column names its node');
  if (!count(counter)) throw bad('a counter is a positive integer');
  if (!Array.isArray(values) || values.length > counter)
    throw bad('a column holds at most as many values as its counter');
  return { node, counter, values: values.map(sibling) };
}

function sibling(raw: unknown): Sibling {
  if (!Array.isArray(raw) || raw.length !== 4)
    throw bad('a sibling is [wall, logical, value, context]');
  const [wall, logical, value, seen] = raw as unknown[];
  if (!Number.isSafeInteger(wall) || (wall as number) < 0)
    throw bad('a wall time is a whole number');
  if (!Number.isSafeInteger(logical) || (logical as number) < 0)
    throw bad('a logical count is a whole number');
  if (value !== null && typeof value !== 'string') throw bad('a value is a string or null');
  return { wall: wall as number, logical: logical as number, value, seen: vector(seen) };
}

function vector(raw: unknown): Context {
  if (!Array.isArray(raw)) throw bad('a context is a list of [node, counter]');
  const out = raw.map((pair: unknown) => {
    if (!Array.isArray(pair) || pair.length !== 2)
      throw bad('a context is a list of [node, counter]');
    const [node, counter] = pair as unknown[];
    if (typeof node !== 'string' || node === '' || !count(counter))
      throw bad('a context pairs a node with a positive counter');
    return [node, counter] as const;
  });
  for (let i = 1; i < out.length; i++)
    if (!(out[i - 1]![0] < out[i]![0])) throw bad('a context is sorted by node, each node once');
  return out;
}

function count(n: unknown): n is number {
  return Number.isSafeInteger(n) && (n as number) > 0;
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw bad('it is not valid JSON');
  }
}

function bad(why: string): SiblingFormatError {
  return new SiblingFormatError(`Not a sibling set or context: ${why}.`);
}
