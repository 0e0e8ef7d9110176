// The node as a process: start, announce readiness (stdout line, and an IPC message when a
// parent forked it), stop cleanly on SIGINT/SIGTERM or when the parent goes away.
import { NodeStartError } from './errors.js';
import type { NodeMessage, ParentMessage } from '../api/process.js';
import { SHUTDOWN_GRACE_MS } from './constants.js';
import { startNode, type NodeOptions, type RunningNode } from './start.js';

/** Hard limit on shutdown: the grace period for requests, plus a margin. */
const EXIT_DEADLINE_MS = SHUTDOWN_GRACE_MS + 400;

export async function runNodeProcess(
  options: NodeOptions,
  print: (line: string) => void,
): Promise<void> {
  // Handlers go in before anyone can learn we are ready: a parent that stops us the instant
  // it hears "ready" must find them installed (the kernel does not wait for our next line).
  let node: RunningNode | undefined;
  let stopping = false;
  let wake: () => void = () => undefined;
  const stopped = new Promise<void>((resolve) => (wake = resolve));
  const stop = (why: string) => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`${node ? `node ${node.service.id}` : 'node'} stopping (${why})\n`);
    setTimeout(() => process.exit(0), EXIT_DEADLINE_MS).unref();
    void (node ? node.close() : Promise.resolve()).then(wake, wake);
  };
  const onSignal = (signal: NodeJS.Signals) => stop(signal);
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  // Forked with IPC: the channel closes when the parent exits, however it exits (a parent that
  // died while this process was still loading closed it before anyone listened).
  if (process.send) {
    if (process.connected) process.once('disconnect', () => stop('parent exited'));
    else stop('parent exited');
  }

  try {
    node = await startNode({ ...options, log: (line) => process.stderr.write(`${line}\n`) });
  } catch (error) {
    if (error instanceof NodeStartError)
      send({ type: 'error', code: error.code, message: error.message });
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    if (process.connected) process.disconnect();
    throw error;
  }
  if (stopping) {
    await node.close();
    return;
  }
  const { service } = node;
  const some = service.peersPerRound < service.peers.length;
  const peers =
    service.peers.length > 0
      ? `${service.peers.join(', ')}${some ? ` (${service.peersPerRound} at random per round)` : ''}`
      : 'none';
  print(`node ${service.id} listening on ${node.address}, peers ${peers}`);
  const unwatch = messagesOnRequest(node);
  send({ type: 'ready', id: service.id, address: node.address, host: node.host, port: node.port });
  await stopped;
  unwatch();
  if (process.connected) process.disconnect();
}

function send(message: NodeMessage): void {
  if (process.send && process.connected) process.send(message);
}

/** While the parent asks for them ({type: 'messages', on}), every message record goes to it. */
function messagesOnRequest(node: RunningNode): () => void {
  let unwatch: (() => void) | undefined;
  const onParent = (m: unknown) => {
    const asked = m as Partial<ParentMessage> | null;
    if (asked?.type !== 'messages') return;
    unwatch?.();
    unwatch = asked.on
      ? node.watchMessages((record) => send({ type: 'message', record }))
      : undefined;
    send({ type: 'watching', on: asked.on === true });
  };
  process.on('message', onParent);
  return () => {
    process.off('message', onParent);
    unwatch?.();
  };
}
