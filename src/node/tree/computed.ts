// Tree nodes below the stored depth, computed when an exchange asks for them: from the few
// entries of the leaf above them, the same digest and count a stored level would hold.
import { join } from './digest.js';
import { FANOUT, indexAt, type NodeSummary, type TreeItem } from './shape.js';

/** The digest (XOR of the items' digests) and count of a tree node holding these items. */
export function summaryOf(items: Iterable<TreeItem>): NodeSummary {
  let hi = 0;
  let lo = 0;
  let count = 0;
  for (const item of items) {
    hi ^= item.hi;
    lo ^= item.lo;
    count += 1;
  }
  return { digest: join(hi, lo), count };
}

/** The FANOUT children of tree node [level, index], from the items under it. */
export function childrenOf(items: Iterable<TreeItem>, level: number, index: number): NodeSummary[] {
  const childLevel = level + 1;
  const first = index * FANOUT;
  const words = new Uint32Array(2 * FANOUT);
  const counts = new Uint32Array(FANOUT);
  for (const item of items) {
    const j = indexAt(item.place, childLevel) - first;
    words[2 * j]! ^= item.hi;
    words[2 * j + 1]! ^= item.lo;
    counts[j]! += 1;
  }
  return Array.from({ length: FANOUT }, (_, j) => ({
    digest: join(words[2 * j]!, words[2 * j + 1]!),
    count: counts[j]!,
  }));
}
