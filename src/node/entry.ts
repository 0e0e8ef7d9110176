// Entries as stored and as sent between peers, with a strict decoder for what peers send.
import type { Version } from './version.js';
import { checkKey, checkNodeId } from './validate.js';

/** A key's state on one node: a value, or a tombstone (value null), at a version. */
export interface Entry {
  readonly key: string;
  readonly value: string | null;
  readonly version: Version;
}

/** Compact form on internal routes: [key, wall, logical, node, value or null for a tombstone]. */
export type WireEntry = [string, number, number, string, string | null];

export function toWire(e: Entry): WireEntry {
  return [e.key, e.version.wall, e.version.logical, e.version.node, e.value];
}

/** Decodes one wire entry, or returns a sentence saying why it is malformed. */
export function fromWire(raw: unknown): Entry | string {
  if (!Array.isArray(raw) || raw.length !== 5) return 'an entry must be [key, wall, logical, node, value]';
  const [key, wall, logical, node, value] = raw as unknown[];
  if (typeof key !== 'string' || !checkKey(key).ok) return 'an entry has an invalid key';
  if (!isCount(wall) || !isCount(logical)) return `entry "${key}" has an invalid version`;
  if (typeof node !== 'string' || !checkNodeId(node).ok) return `entry "${key}" has an invalid node id`;
  if (value !== null && typeof value !== 'string') return `entry "${key}" has a value that is neither a string nor null`;
  return { key, value, version: { wall, logical, node } };
}

function isCount(n: unknown): n is number {
  return typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;
}
