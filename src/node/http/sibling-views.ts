// The answers of a node in siblings mode, built from a stored set: every live value, the
// opaque context that supersedes them all, and each sibling with its dot and what it had seen.
import type { SiblingView, SiblingsReadAnswer, SiblingsWriteAnswer } from '../../api/conflicts.js';
import type { Replication } from '../../api/http.js';
import { join, values, type Dotted } from '../conflicts/dvvset.js';
import { encodeContext } from '../conflicts/encoding.js';
import { setOf } from '../conflicts/entry.js';
import type { StoredEntry } from '../replica/store.js';

/** GET /kv/{key}: the set's live values, its context, and its siblings. */
export function siblingsReadView(e: StoredEntry): SiblingsReadAnswer {
  const set = setOf(e);
  const all = values(set);
  const live = all.flatMap((s) => (s.value === null ? [] : [s.value]));
  return {
    key: e.key,
    values: live,
    ...(live.length === 1 ? { value: live[0]! } : {}),
    context: encodeContext(join(set)),
    version: e.version,
    siblings: all.map(siblingView),
  };
}

/** A write's answer: the set after it; deleted: true when every sibling is a delete. */
export function siblingsWriteView(
  e: StoredEntry,
  replication: Replication | null,
): SiblingsWriteAnswer {
  const view = siblingsReadView(e);
  return {
    ...view,
    ...(view.siblings.every((s) => s.deleted) ? { deleted: true } : {}),
    replication,
  };
}

/** A deleted key's 404 adds its context (so a write can supersede the deletes) and siblings. */
export function deletedSet(e: StoredEntry): Pick<SiblingsReadAnswer, 'context' | 'siblings'> {
  const { context, siblings } = siblingsReadView(e);
  return { context, siblings };
}

function siblingView(s: Dotted): SiblingView {
  return {
    ...(s.value === null ? { deleted: true } : { value: s.value }),
    node: s.node,
    counter: s.counter,
    wall: s.wall,
    seen: Object.fromEntries(s.seen),
  };
}
