// Tombstones ordered by wall time (a binary min-heap): the oldest is found in O(1) and removed
// in O(log n), whatever order tombstones arrive in (local deletes, peers, a data directory).
import type { StoredEntry } from './entry.js';

export class ExpiryQueue {
  readonly #heap: StoredEntry[] = [];

  /** A copy sharing the (immutable) entries, for a cloned store. */
  clone(): ExpiryQueue {
    const copy = new ExpiryQueue();
    copy.#heap.push(...this.#heap);
    return copy;
  }

  get size(): number {
    return this.#heap.length;
  }

  push(entry: StoredEntry): void {
    const heap = this.#heap;
    heap.push(entry);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (heap[parent]!.wall <= entry.wall) break;
      heap[i] = heap[parent]!;
      i = parent;
    }
    heap[i] = entry;
  }

  /** Removes and returns the oldest entry if its wall time is before `before`. */
  popBefore(before: number): StoredEntry | undefined {
    const heap = this.#heap;
    const top = heap[0];
    if (!top || top.wall >= before) return undefined;
    const last = heap.pop()!;
    if (heap.length > 0) {
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        if (left >= heap.length) break;
        const right = left + 1;
        const child = right < heap.length && heap[right]!.wall < heap[left]!.wall ? right : left;
        if (heap[child]!.wall >= last.wall) break;
        heap[i] = heap[child]!;
        i = child;
      }
      heap[i] = last;
    }
    return top;
  }
}
