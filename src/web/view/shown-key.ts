// A key as the page and the report show it: a key may be 1,024 bytes, and one that long would make
// a table's column or the tree path's boxes thousands of pixels wide, and a sentence a screenful.
// A long key shows its start, its end and its length; the whole key is its title (on hover).
import { count } from '../../format.js';

/** Keys up to this many characters are shown whole everywhere. */
const WHOLE_KEY_CHARS = 40;
/** A longer key keeps this many characters of its start and of its end. */
const KEPT_HEAD = 24;
const KEPT_TAIL = 8;

export function shownKey(key: string): string {
  if (key.length <= WHOLE_KEY_CHARS) return key;
  return `${key.slice(0, KEPT_HEAD)}…${key.slice(-KEPT_TAIL)} (${count(key.length)} characters)`;
}
