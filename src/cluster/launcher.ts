// Starting and stopping node processes: each node is this same executable's `node` command,
// forked with execa and an IPC channel, so (1) it tells us when it is ready instead of being
// polled, and (2) it exits by itself when we go away, however we go away.
import { fileURLToPath } from 'node:url';
import type { ResultPromise } from 'execa';
import { NodeUnreachableError } from '../errors.js';
import type { NodeMessage } from '../node/process.js';

const BIN = fileURLToPath(new URL('../../../bin/ae-demo.js', import.meta.url));
/** A node binds in well under a second, or rebuilds a big data directory first (~10 s at 1M keys); this bounds only a node that hangs. */
const READY_TIMEOUT_MS = 120_000;
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
}

export interface LaunchOptions {
  /** The flag that changes the ports, named in the error when one is in use. */
  portFlag: string;
  onLog?: (node: number, stream: 'stdout' | 'stderr', line: string) => void;
}

export async function launchNode(spec: NodeSpec, options: LaunchOptions): Promise<LaunchedNode> {
  const args = [
    BIN,
    'node',
    '--port',
    String(spec.port),
    '--host',
    spec.host,
    '--peers',
    spec.peers.join(','),
    ...spec.args,
  ];
  const { execa } = await import('execa');
  const child: ResultPromise = execa(process.execPath, args, {
    ipc: true,
    serialization: 'json',
    reject: false,
    cleanup: true,
    stdin: 'ignore',
    buffer: false,
    env: { NO_COLOR: '1', ...spec.env },
  });
  const exited = child.then(
    (r) => ({ exitCode: r.exitCode, signal: r.signal }),
    () => ({ exitCode: undefined, signal: undefined }),
  );
  let lastError = '';
  pipeLines(child, spec.index, (node, stream, line) => {
    if (stream === 'stderr' && line.trim() !== '') lastError = line.replace(/^error: /, '');
    options.onLog?.(node, stream, line);
  });

  const ready = child.getOneMessage({ filter: (m) => isMessage(m) }) as Promise<NodeMessage>;
  const failed = exited.then(() => ({ type: 'exit' as const }));
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<{ type: 'timeout' }>((resolve) => {
    timer = setTimeout(() => resolve({ type: 'timeout' }), READY_TIMEOUT_MS);
  });
  const first = await Promise.race([
    ready.catch(() => ({ type: 'exit' as const })),
    failed,
    timeout,
  ]);
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
  };
}

function isMessage(m: unknown): boolean {
  const type = (m as { type?: unknown } | null)?.type;
  return type === 'ready' || type === 'error';
}

function pipeLines(
  child: ResultPromise,
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
