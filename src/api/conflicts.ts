// The conflict modes, apart from the store: the CLI's flags list them, and the answers of a
// node in siblings mode carry every concurrent value with what its writer had seen.
import type { Replication } from './http.js';

/**
 * lww: last write wins by version (one value a key). siblings: concurrent writes are all kept,
 * with dotted version vectors, until a client writes with a context that covers them.
 */
export type ConflictMode = 'lww' | 'siblings';

/** Every mode, the default first. */
export const CONFLICT_MODES: readonly ConflictMode[] = ['lww', 'siblings'];

/** One concurrent value of a key (or a delete), with the write that made it. */
export interface SiblingView {
  /** The value; absent for a delete, which has deleted: true. */
  value?: string;
  deleted?: true;
  /** The write's dot: the node that accepted it, and which of its writes of the key it was. */
  node: string;
  counter: number;
  /** The accepting node's clock at the write. */
  wall: number;
  /** What the writer had seen: node -> how many of its writes of the key. */
  seen: Record<string, number>;
}

/** GET /kv/{key} in siblings mode (and each item of GET /kv). */
export interface SiblingsReadAnswer {
  key: string;
  /** The live values, one per sibling that is not a delete. */
  values: string[];
  /** Exactly one live value: it, as in lww mode. */
  value?: string;
  /** Opaque: send it back with a write to supersede every value read here. */
  context: string;
  /** The newest write among the siblings. */
  version: { wall: number; logical: number; node: string };
  siblings: SiblingView[];
}

/** PUT or DELETE /kv/{key}[/direct] in siblings mode: the key's set after the write. */
export interface SiblingsWriteAnswer extends SiblingsReadAnswer {
  /** Every sibling is a delete. */
  deleted?: true;
  replication: Replication | null;
}
