// How a parent talks to a node process it forked: the environment it passes and the messages
// the node sends back over IPC.
import type { NodeStartErrorCode } from './errors.js';
import type { MessageRecord } from './messages.js';

/** The environment variable through which nodes get the cluster key (not argv: no process list shows it). */
export const CLUSTER_KEY_ENV = 'AE_DEMO_CLUSTER_KEY';

/** Messages a node sends its parent over IPC. */
export type NodeMessage =
  | { type: 'ready'; id: string; address: string; host: string; port: number }
  | { type: 'error'; code: NodeStartErrorCode; message: string }
  /** A message between nodes, sent while the parent asked for them. */
  | { type: 'message'; record: MessageRecord }
  /** The answer to the parent's ask: message records flow (on) or have stopped. */
  | { type: 'watching'; on: boolean };

/** Messages a parent sends a node it forked: start or stop sending message records. */
export type ParentMessage = { type: 'messages'; on: boolean };
