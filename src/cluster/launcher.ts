// Starting and stopping node processes: each node is this same executable's `node` command,
// spawned with an IPC channel, so (1) it tells us when it is ready instead of being polled, and
// (2) it exits by itself when we go away, however we go away. node:child_process, not execa:
// a launch must not wait for a library to load (execa was ~0.1 s of `run`'s start, and ~40 ms
// per spawn on a busy machine), and synchronous spawns let `run` start its nodes at once.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { NodeUnreachableError } from '../errors.js';
import type { NodeMessage, ParentMessage } from '../api/process.js';
import type { MessageRecord } from '../api/messages.js';

const BIN = fileURLToPath(new URL('../../../bin/ae-demo.js', import.meta.url));
/**
 * A node binds in well under a second, or rebuilds a big data directory first (~10 s at 1M keys);
 * this bounds only a node that hangs.
 */
const READY_TIMEOUT_MS = 120_000;
/**
 * V8 flags for every node this launches. A node's young generation starts at 1 MB and, under
 * a replicated-PUT load, stays near 4 MB: the written node scavenged about twice per 1,000
 * writes, ~24 µs of pauses a write (more than a fifth of its CPU per write), and each pause
 * holds every connection's answer. Starting it at 16 MB (V8's own ceiling here, so no node
 * grows larger than it could anyway) scavenges once per ~850 writes: pauses ~24 -> ~10 µs a
 * write on the written node, 19 -> 4-6 scavenges on each peer (two runs each way, alternating).
 */
const NODE_V8_FLAGS = ['--min-semi-space-size=16'];
/** After SIGTERM a node has 2 s to exit (its contract); then it is killed. */
const STOP_TIMEOUT_MS = 3_000;

export interface NodeSpec {
  /** 1-based position, for names and log prefixes. */
  index: number;
  host: string;
  port: number;
  peers: string[];
  args: string[];
  env: Record<string, string>;
}

export interface LaunchedNode {
  index: number;
  id: string;
  address: string;
  port: number;
  pid: number | undefined;
  /** Resolves when the process has exited, with how it exited. */
  exited: Promise<{ exitCode: number | undefined; signal: string | undefined }>;
  stop(): Promise<void>;
  kill(signal: NodeJS.Signals): void;
  /**
   * Every message the node sends or is answered, as records, until the returned call; resolves
   * once the node has begun to send them. One watcher a node.
   */
  watchMessages(listener: (record: MessageRecord) => void): Promise<() => void>;
}

export interface LaunchOptions {
  /** The flag that changes the ports, named in the error when one is in use. */
  portFlag: string;
  /** A script to run in place of this executable's `node` command, given the same flags. */
  entry?: string;
  onLog?: (node: number, stream: 'stdout' | 'stderr', line: string) => void;
}

export async function launchNode(spec: NodeSpec, options: LaunchOptions): Promise<LaunchedNode> {
  const args = [
    ...NODE_V8_FLAGS,
    ...(options.entry === undefined ? [BIN, 'node'] : [options.entry]),
    '--port',
    String(spec.port),
    '--host',
    spec.host,
    '--peers',
    spec.peers.join(','),
    ...spec.args,
  ];
  const child = spawn(process.execPath, args, {
    // A process group of its own: a terminal's Ctrl-C reaches the command alone, which stops
    // its nodes itself (and ends its story first), instead of every node printing its own
    // "stopping" line, or failing a request, before the command even sees the signal.
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    serialization: 'json',
    env: { ...process.env, NO_COLOR: '1', ...spec.env },
  });
  const exited = exitOf(child);
  stopAtExit(child, exited);
  let lastError = '';
  pipeLines(child, spec.index, (node, stream, line) => {
    if (stream === 'stderr' && line.trim() !== '') lastError = line.replace(/^error: /, '');
    options.onLog?.(node, stream, line);
  });

  const ready = firstMessage(child);
  const failed = exited.then(() => ({ type: 'exit' as const }));
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<{ type: 'timeout' }>((resolve) => {
    timer = setTimeout(() => resolve({ type: 'timeout' }), READY_TIMEOUT_MS);
  });
  const first = await Promise.race([ready, failed, timeout]);
  clearTimeout(timer);

  if (first.type !== 'ready') {
    child.kill('SIGKILL');
    await exited;
    if (first.type === 'error' && first.code === 'port_in_use') {
      throw new NodeUnreachableError(
        'port_in_use',
        `Port ${spec.port} is already in use on ${spec.host}; choose other ports with ${options.portFlag}.`,
      );
    }
    const why =
      first.type === 'error'
        ? first.message
        : first.type === 'timeout'
          ? `it was not ready after ${READY_TIMEOUT_MS} ms`
          : `it exited before it was ready${lastError ? ` (${lastError})` : ''}`;
    throw new NodeUnreachableError(
      'node_start_failed',
      `Node ${spec.index} (port ${spec.port}) could not start: ${why}`,
    );
  }

  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const killer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    await exited;
    clearTimeout(killer);
  };
  return {
    index: spec.index,
    id: first.id,
    address: first.address,
    port: first.port,
    pid: child.pid,
    exited,
    stop,
    kill: (signal) => child.kill(signal),
    watchMessages: (listener) => watchOverIpc(child, listener),
  };
}

/** Asks the node for its message records over IPC and waits for its answer (or its exit). */
async function watchOverIpc(
  child: ChildProcess,
  listener: (record: MessageRecord) => void,
): Promise<() => void> {
  const onMessage = (m: unknown) => {
    const message = m as NodeMessage | null;
    if (message?.type === 'message') listener(message.record);
  };
  const ask = (on: boolean) => {
    if (child.connected) child.send({ type: 'messages', on } satisfies ParentMessage);
  };
  child.on('message', onMessage);
  const answered = new Promise<void>((resolve) => {
    const onAnswer = (m: unknown) => {
      if ((m as NodeMessage | null)?.type !== 'watching') return;
      child.off('message', onAnswer);
      resolve();
    };
    child.on('message', onAnswer);
    child.once('disconnect', resolve);
  });
  ask(true);
  await answered;
  return () => {
    child.off('message', onMessage);
    ask(false);
  };
}

function isMessage(m: unknown): m is NodeMessage {
  const type = (m as { type?: unknown } | null)?.type;
  return type === 'ready' || type === 'error';
}

/** The node's first ready or error message (it never settles if the node exits without one). */
function firstMessage(child: ChildProcess): Promise<NodeMessage> {
  return new Promise((resolve) => {
    const listen = (m: unknown) => {
      if (!isMessage(m)) return;
      child.off('message', listen);
      resolve(m);
    };
    child.on('message', listen);
  });
}

/** How the process ended, once its output has been read to the end (or it could not start). */
function exitOf(child: ChildProcess): LaunchedNode['exited'] {
  return new Promise((resolve) => {
    const done = (code: number | null, signal: NodeJS.Signals | null) =>
      resolve({ exitCode: code ?? undefined, signal: signal ?? undefined });
    child.once('close', done);
    child.once('error', () => done(null, null));
  });
}

/** Nodes still running when this process exits are sent SIGTERM (as execa's cleanup did). */
const running = new Set<ChildProcess>();
let exitHooked = false;

function stopAtExit(child: ChildProcess, exited: Promise<unknown>): void {
  if (!exitHooked) {
    exitHooked = true;
    process.once('exit', () => {
      for (const c of running) c.kill('SIGTERM');
    });
  }
  running.add(child);
  void exited.then(() => running.delete(child));
}

function pipeLines(
  child: ChildProcess,
  index: number,
  onLog: NonNullable<LaunchOptions['onLog']>,
): void {
  for (const stream of ['stdout', 'stderr'] as const) {
    const source = child[stream];
    if (!source) continue;
    let pending = '';
    source.setEncoding('utf8');
    source.on('data', (chunk: string) => {
      pending += chunk;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) onLog(index, stream, line);
    });
  }
}
