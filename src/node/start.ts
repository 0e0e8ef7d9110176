// Composition of one node: store, clock, peers, anti-entropy and the HTTP server, started and
// stopped explicitly. Nothing here touches process (signals, IPC, exit): see process.ts.
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { listen } from '../net/listen.js';
import { NodeStartError } from './errors.js';
import {
  HEADERS_TIMEOUT_MS,
  KEEP_ALIVE_TIMEOUT_MS,
  TIMEOUT_CHECK_INTERVAL_MS,
  MAX_HEADER_BYTES,
  PEER_TIMEOUT_MS,
  REQUEST_TIMEOUT_MS,
  SHUTDOWN_GRACE_MS,
  TOMBSTONE_SWEEP_MS,
} from './constants.js';
import type { Strategy } from '../api/strategies.js';
import { loadHasher } from './replica/hash.js';
import { HybridClock, systemMicros } from './replica/hlc.js';
import { DroppedError, HttpError } from './http/errors.js';
import { routes } from './http/routes.js';
import { dispatch, type Route } from './http/router.js';
import { handleExpect } from './http/expect.js';
import { createMetrics } from './http/metrics.js';
import { Faults } from './peers/faults.js';
import { createPeerClient } from './peers/client.js';
import { NodeService } from './service.js';
import { newCounters } from './stats.js';
import { openStorage } from './storage/sqlite.js';
import { restoreFrom } from './storage/restore.js';
import { Store } from './replica/store.js';
import { Sketch } from './sync/riblt/sketch.js';

/** The header naming the node that answered (every answer of a route has it). */
const NODE_HEADER = 'x-ae-node';
/** Requests on a connection not yet answered: a malformed one after them waits for their answers. */
const BUSY = Symbol('ae-busy');
type BusySocket = Socket & { [BUSY]?: number };

export interface NodeOptions {
  port: number;
  host: string;
  id?: string;
  peers: string[];
  aeIntervalMs: number;
  tombstoneTtlMs: number;
  maxValueBytes: number;
  strategy: Strategy;
  /** Peers a periodic round talks to, at random; all when absent. */
  peersPerRound?: number;
  clusterKey?: string;
  clockSkewMs: number;
  /** Keep entries in SQLite here (survives SIGKILL); in memory when absent. */
  dataDir?: string;
  replicationTimeoutMs?: number;
  log?: (line: string) => void;
}

export interface RunningNode {
  service: NodeService;
  host: string;
  port: number;
  address: string;
  close(): Promise<void>;
}

export async function startNode(o: NodeOptions): Promise<RunningNode> {
  const log = o.log ?? (() => undefined);
  const hasher = await loadHasher();
  // The riblt strategy keeps its coded symbols up to date on every change of the store.
  const sketch = o.strategy === 'riblt' ? new Sketch() : undefined;
  const store = new Store(hasher, sketch);
  const storage = o.dataDir === undefined ? undefined : await openStorage(o.dataDir);
  // The store and its tree are rebuilt in bulk from the stored rows, O(n); the clock resumes
  // past the newest version.
  const restored = storage ? restoreFrom(storage, store) : undefined;
  if (restored && restored.rehashed > 0)
    log(
      `data dir: hashed ${restored.rehashed} stored entries again (written by an older build or under another hash scheme) and stored their hashes`,
    );
  const newest = restored?.newest;
  const counters = newCounters();
  const nowMicros = systemMicros(o.clockSkewMs);

  const server = http.createServer({
    maxHeaderSize: MAX_HEADER_BYTES,
    headersTimeout: HEADERS_TIMEOUT_MS,
    requestTimeout: REQUEST_TIMEOUT_MS,
    keepAliveTimeout: KEEP_ALIVE_TIMEOUT_MS,
    connectionsCheckingInterval: TIMEOUT_CHECK_INTERVAL_MS,
  });
  let port: number;
  try {
    port = await listen(server, o.host, o.port, {
      inUse: `Port ${o.port} on ${o.host} is already in use; choose another with --port.`,
      cannotBind: (code) =>
        `Cannot listen on ${o.host}:${o.port} (${code}); check --host and --port.`,
      error: (code, message, cause) => new NodeStartError(code, message, { cause }),
    });
  } catch (error) {
    storage?.close();
    throw error;
  }
  const address = `${o.host.includes(':') ? `[${o.host}]` : o.host}:${port}`;
  const id = o.id ?? `node-${port}`;
  const faults = new Faults();
  const peerClient = createPeerClient(address, o.clusterKey, faults);

  const clock = new HybridClock(id, nowMicros);
  if (newest) clock.observe(newest);
  const service = new NodeService({
    id,
    address,
    peers: o.peers,
    store,
    ...(sketch ? { sketch } : {}),
    clock,
    ...(storage ? { storage } : {}),
    peerClient,
    counters,
    maxValueBytes: o.maxValueBytes,
    tombstoneTtlMs: o.tombstoneTtlMs,
    aeIntervalMs: o.aeIntervalMs,
    strategy: o.strategy,
    ...(o.peersPerRound !== undefined ? { peersPerRound: o.peersPerRound } : {}),
    replicationTimeoutMs: o.replicationTimeoutMs ?? PEER_TIMEOUT_MS,
    nowMicros,
    faults,
    onRound: (report) => {
      const notable = report.peers.filter((p) => p.status !== 'in_sync');
      for (const p of notable) {
        log(
          p.status === 'unreachable'
            ? `anti-entropy: ${p.peer} unreachable (${p.reason})`
            : `anti-entropy with ${p.peer}: pulled ${p.counts.pulled}, pushed ${p.counts.pushed} in ${p.roundTrips} round trips, ${p.bytes.sent + p.bytes.received} bytes${p.riblt?.fallback !== undefined ? ` (fell back to the Merkle walk: ${p.riblt.fallback})` : ''}`,
        );
      }
    },
  });
  let registry: ReturnType<typeof createMetrics> | undefined;
  const metrics = () =>
    (registry ??= createMetrics(counters, {
      entries: () => store.size,
      liveKeys: () => store.liveCount,
      tombstones: () => store.tombstoneCount,
      peers: () => o.peers.length,
      peersPerRound: () => service.peersPerRound,
    }));
  const table = routes(service, metrics, o.clusterKey);
  // A malformed request that follows one still being answered on the same connection (an
  // unframed body, a bad pipelined request) must not get its 400 written into the middle of
  // that answer: the connection is closed once the answer is out instead.
  const closeAfterAnswer = new WeakSet<Socket>();
  // Counted on the socket itself, and told by one shared listener (no closure per request).
  function answered(this: ServerResponse): void {
    const socket = this.req.socket as BusySocket;
    socket[BUSY] = (socket[BUSY] ?? 1) - 1;
    if (closeAfterAnswer.has(socket)) socket.destroySoon();
  }
  // A client that half-closes after sending (shutdown(SHUT_WR)) still reads: Node's default
  // ends the socket at the client's FIN, which lost the answer of a write that waited for peers.
  (server as http.Server & { httpAllowHalfOpen: boolean }).httpAllowHalfOpen = true;
  // Once the node stops, each answer closes its connection: a client that keeps a kept-alive
  // connection busy (a CLI writing keys, a peer replicating) would otherwise hold the stop for
  // the whole grace period (Ctrl-C during a run took ~2 s, past the 2 s the issue allows).
  let stopping = false;
  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
    if (stopping) res.setHeader('connection', 'close');
    const socket = req.socket as BusySocket;
    socket[BUSY] = (socket[BUSY] ?? 0) + 1;
    res.on('close', answered);
    void handle(table, req, res, counters, id, log);
  };
  server.on('request', onRequest);
  handleExpect(server, onRequest);
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
    if (((socket as BusySocket)[BUSY] ?? 0) > 0) closeAfterAnswer.add(socket);
    else clientError(error, socket);
  });

  const sweep = setInterval(
    () => service.purgeTombstones(),
    Math.min(TOMBSTONE_SWEEP_MS, o.tombstoneTtlMs),
  );
  sweep.unref();
  service.antiEntropy.start(o.peers);

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      clearInterval(sweep);
      stopping = true;
      const drained = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const force = setTimeout(() => server.closeAllConnections(), SHUTDOWN_GRACE_MS);
      await service.antiEntropy.stop();
      await drained;
      clearTimeout(force);
      peerClient.close();
      storage?.close();
    })());

  return { service, host: o.host, port, address, close };
}

async function handle(
  table: Route[],
  req: IncomingMessage,
  res: ServerResponse,
  counters: ReturnType<typeof newCounters>,
  id: string,
  log: (line: string) => void,
): Promise<void> {
  counters.requests.total += 1;
  try {
    const reply = await dispatch(table, req);
    // Text goes out as a string: node:http then sends the head and the body in one write,
    // with no Buffer made for the body first.
    const body: Buffer | string = Buffer.isBuffer(reply.body)
      ? reply.body
      : typeof reply.body === 'string'
        ? reply.body
        : JSON.stringify(reply.body);
    const type = Buffer.isBuffer(reply.body)
      ? 'application/octet-stream'
      : typeof reply.body === 'string'
        ? 'text/plain; charset=utf-8'
        : 'application/json';
    // Every answer names its node. Given to writeHead, not setHeader: a header set beforehand
    // makes writeHead validate and merge two header sets on every request.
    res.writeHead(reply.status ?? 200, {
      [NODE_HEADER]: id,
      'content-type': type,
      'content-length': typeof body === 'string' ? Buffer.byteLength(body) : body.length,
      ...reply.headers,
    });
    res.end(body);
  } catch (error) {
    if (error instanceof DroppedError) {
      res.destroy();
      return;
    }
    counters.requests.errors += 1;
    const httpError =
      error instanceof HttpError
        ? error
        : new HttpError(500, 'internal', 'The node failed to handle this request; see its log.');
    if (!(error instanceof HttpError))
      log(
        `error handling ${req.method} ${req.url?.slice(0, 200)}: ${(error as Error).stack ?? String(error)}`,
      );
    if (res.headersSent) {
      res.destroy();
      return;
    }
    const body = Buffer.from(JSON.stringify(httpError.body()));
    res.writeHead(httpError.status, {
      [NODE_HEADER]: id,
      'content-type': 'application/json',
      'content-length': body.length,
      ...httpError.headers,
    });
    res.end(body);
    // After a 413 the rest of the body is not read: close the connection once the answer is out.
    const socket = req.socket as Socket | null;
    if (httpError.status === 413 && socket) res.once('finish', () => socket.destroySoon());
  }
}

/** Malformed requests and oversized headers never reach a route: answer them in the spec's shape. */
function clientError(error: NodeJS.ErrnoException, socket: Socket): void {
  if (!socket.writable || error.code === 'ECONNRESET') {
    socket.destroy();
    return;
  }
  const [status, message] =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'The request headers are too large.']
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'The request took too long to arrive.']
        : [400, 'The request is not valid HTTP.'];
  const body = JSON.stringify({ error: { code: 'bad_request', message } });
  // An answer to HEAD carries no body, even one that failed to parse.
  const head =
    (error as { rawPacket?: Buffer }).rawPacket?.subarray(0, 5).toString('latin1') === 'HEAD ';
  socket.end(
    `HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${head ? '' : body}`,
  );
}
