// How large a key's sibling set may grow, and what may cross the wire. In siblings mode an
// entry's value is its whole set (every sibling with its vector, as one text), so it outgrows
// --max-value-bytes long before any one value does: a peer that decoded it under the value
// limit would refuse it, and the key could never replicate or be repaired. So a client's write
// is refused (413) when it would make its key's set larger than SET_VALUES values, before it is
// stored or acknowledged; and nodes take sets from each other up to a message's own limit.
import type { ConflictMode } from '../../api/conflicts.js';
import { INTERNAL_BODY_LIMIT_BYTES } from '../constants.js';

/**
 * A key's set may take this many times --max-value-bytes (8 MiB at the default): room for a few
 * dozen concurrent writes of ordinary values, while the union of the sets of 32 nodes that each
 * wrote up to it concurrently still fits one peer message (256 MiB).
 */
export const SET_VALUES = 8;

/** The largest set text (UTF-8 bytes) a client's write may leave its key with. */
export function maxSetBytes(maxValueBytes: number): number {
  return maxValueBytes * SET_VALUES;
}

/**
 * The largest value an entry may carry between nodes: the client's value limit in lww mode; in
 * siblings mode a set, merged from what several nodes wrote, bounded by the message itself.
 */
export function wireValueBytes(mode: ConflictMode, maxValueBytes: number): number {
  return mode === 'siblings' ? INTERNAL_BODY_LIMIT_BYTES : maxValueBytes;
}

/** A client's write that would make its key's sibling set larger than maxSetBytes. */
export class SetTooLargeError extends Error {
  readonly code = 'payload_too_large';
  constructor(key: string, siblings: number, bytes: number, limit: number) {
    super(
      `"${key}" would hold ${siblings} siblings in ${bytes} bytes, more than the ${limit} ` +
        `bytes a key's siblings may take together (${SET_VALUES} x --max-value-bytes); read ` +
        'it and write with its context to resolve them first.',
    );
    this.name = 'SetTooLargeError';
  }
}
