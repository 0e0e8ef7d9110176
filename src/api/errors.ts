// The codes a node puts in its error answers and in the message it sends when it cannot start:
// stable, snake_case, for programs to act on.
import type { Version } from './version.js';

/** Every code a node puts in an error answer. */
export type NodeErrorCode =
  | 'bad_request'
  | 'invalid_key'
  | 'invalid_value'
  | 'not_found'
  | 'method_not_allowed'
  | 'payload_too_large'
  | 'expectation_failed'
  | 'unauthorized'
  | 'unsupported_version'
  | 'peer_unreachable'
  | 'conflict_mode_mismatch'
  | 'tree_key_mismatch'
  | 'internal';

/** Any answer other than 200: a code and one sentence (a 404 of a deleted key adds its version). */
export interface ErrorAnswer {
  error: { code: NodeErrorCode; message: string };
  key?: string;
  deleted?: true;
  version?: Version;
}

/** Why a node could not start: its port is taken, it cannot bind, or its data dir fails. */
export type NodeStartErrorCode = 'port_in_use' | 'node_start_failed' | 'storage_unavailable';
