// Keys in UTF-8 byte order, as GET /kv lists them: the comparison, and one page of a sorted key
// array from after a cursor, under a prefix.
import type { StoredEntry } from './entry.js';

export interface ListPage {
  items: StoredEntry[];
  next: string | null;
}

/**
 * UTF-8 byte order, which is code point order. JavaScript compares UTF-16 code units, which
 * differs only when a surrogate (U+D800-U+DFFF) meets a unit from U+E000-U+FFFF.
 */
export function compareUtf8(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    if (x >= 0xd800 && y >= 0xd800) return codeUnitRank(x) - codeUnitRank(y);
    return x - y;
  }
  return a.length - b.length;
}

function codeUnitRank(unit: number): number {
  return unit >= 0xd800 && unit <= 0xdfff ? unit + 0x2800 : unit;
}

/**
 * Up to `limit` live entries of `keys` (sorted by compareUtf8) under `prefix`, from after
 * `cursor`, with the cursor of the next page when more follow. `get` reads a key's entry.
 */
export function pageOf(
  keys: readonly string[],
  get: (key: string) => StoredEntry,
  prefix: string,
  limit: number,
  cursor: string | null,
  deleted: (value: string | null) => boolean = (value) => value === null,
): ListPage {
  let lo = 0;
  let hi = keys.length;
  const from = cursor !== null && compareUtf8(cursor, prefix) >= 0 ? cursor : prefix;
  const inclusive = from !== cursor;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const c = compareUtf8(keys[mid]!, from);
    if (c < 0 || (c === 0 && !inclusive)) lo = mid + 1;
    else hi = mid;
  }
  const items: StoredEntry[] = [];
  for (let i = lo; i < keys.length; i++) {
    const key = keys[i]!;
    if (!key.startsWith(prefix)) break;
    const entry = get(key);
    if (deleted(entry.value)) continue;
    if (items.length === limit) return { items, next: items[items.length - 1]!.key };
    items.push(entry);
  }
  return { items, next: null };
}
