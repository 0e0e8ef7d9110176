// The node as a process: start, announce readiness (stdout line, and an IPC message when a
// parent forked it), stop cleanly on SIGINT/SIGTERM or when the parent goes away.
import { AeError } from '../errors.js';
import { SHUTDOWN_GRACE_MS } from './constants.js';
import { startNode, type NodeOptions } from './server.js';

/** Messages a node sends its parent over IPC. */
export type NodeMessage =
  | { type: 'ready'; id: string; address: string; host: string; port: number }
  | { type: 'error'; code: string; message: string };

/** Hard limit on shutdown: the grace period for requests, plus a margin. */
const EXIT_DEADLINE_MS = SHUTDOWN_GRACE_MS + 400;

export async function runNodeProcess(options: NodeOptions, print: (line: string) => void): Promise<void> {
  let node;
  try {
    node = await startNode({ ...options, log: (line) => process.stderr.write(`${line}\n`) });
  } catch (error) {
    if (process.send && error instanceof AeError) send({ type: 'error', code: error.code, message: error.message });
    throw error;
  }
  const { service } = node;
  const peers = service.peers.length > 0 ? service.peers.join(', ') : 'none';
  print(`node ${service.id} listening on ${node.address}, peers ${peers}`);
  send({ type: 'ready', id: service.id, address: node.address, host: node.host, port: node.port });

  await new Promise<void>((resolve) => {
    const stop = (why: string) => {
      process.stderr.write(`node ${service.id} stopping (${why})\n`);
      setTimeout(() => process.exit(0), EXIT_DEADLINE_MS).unref();
      void node.close().then(resolve, resolve);
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
    // Forked with IPC: the channel closes when the parent exits, however it exits.
    if (process.send) process.once('disconnect', () => stop('parent exited'));
  });
  if (process.connected) process.disconnect();
}

function send(message: NodeMessage): void {
  if (process.send && process.connected) process.send(message);
}
