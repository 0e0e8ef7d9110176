// How a parent talks to a node process it forked: the environment it passes and the messages
// the node sends back over IPC.
import type { NodeStartErrorCode } from './errors.js';

/** The environment variable through which nodes get the cluster key (not argv: no process list shows it). */
export const CLUSTER_KEY_ENV = 'AE_DEMO_CLUSTER_KEY';

/** Messages a node sends its parent over IPC. */
export type NodeMessage =
  | { type: 'ready'; id: string; address: string; host: string; port: number }
  | { type: 'error'; code: NodeStartErrorCode; message: string };
