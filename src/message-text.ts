// A message record in words, as the terminal's message lists, the page's table and its diagram
// say what a message carried.
import type { MessageRecord } from './api/messages.js';
import { count, counted, plural } from './format.js';

/** Keys named for a message of entries before "+N more". */
const KEYS_SHOWN = 2;

/** What a record says the message carried, most telling first. */
export function carriedText(r: MessageRecord): string {
  const parts: string[] = [];
  if (r.digests !== undefined)
    parts.push(
      r.probes === 1
        ? `${counted(r.digests, 'digest', 'digests')} at level ${r.level ?? 0}`
        : `${plural(r.probes ?? 0, 'subtree')}, ${counted(r.digests, 'digest', 'digests')}`,
    );
  if (r.listed !== undefined) parts.push(`${count(r.listed)} listed`);
  if (r.dumps !== undefined) parts.push(`${plural(r.dumps, 'subtree')} asked whole`);
  if (r.entries !== undefined) parts.push(keysText(r.keys ?? [], r.entries));
  if (r.wants !== undefined) parts.push(`${count(r.wants)} wanted`);
  if (r.symbols !== undefined) parts.push(counted(r.symbols, 'coded symbol', 'coded symbols'));
  if (r.places !== undefined) parts.push(`${plural(r.places, 'place')} wanted`);
  if (r.fallback !== undefined) parts.push('turns to the walk');
  // Most telling of all: it never arrived, or was turned away.
  if (r.noAnswer !== undefined) parts.unshift(`no answer (${r.noAnswer})`);
  return parts.join(', ');
}

/** "user:alice", "user:alice, user:bob +3 more": the first keys of `total` entries. */
function keysText(keys: readonly string[], total: number): string {
  const shown = keys.slice(0, KEYS_SHOWN);
  const more = total - shown.length;
  return `${shown.join(', ')}${more > 0 ? ` +${count(more)} more` : ''}`;
}
