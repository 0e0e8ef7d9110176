// The node's HTTP edge on node:http: limits against slow and oversized clients, one answer per
// request even when a client half-closes or sends a malformed request behind a good one, HEAD
// answered like GET without a body, and a stop that lets requests in flight finish.
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { Counters } from '../../api/counters.js';
import {
  HEADERS_TIMEOUT_MS,
  KEEP_ALIVE_TIMEOUT_MS,
  MAX_HEADER_BYTES,
  REQUEST_TIMEOUT_MS,
  SHUTDOWN_GRACE_MS,
  TIMEOUT_CHECK_INTERVAL_MS,
} from '../constants.js';
import { DroppedError } from '../errors.js';
import { NODE_HEADER } from '../../api/headers.js';
import { Connections } from './connections.js';
import { HttpError } from './errors.js';
import { handleExpect } from './expect.js';
import { dispatch, type Route } from './router.js';
import { clientErrorText, encodeError, encodeReply } from './send.js';

export interface ServeOptions {
  /** The node's id, named in every answer. */
  id: string;
  counters: Counters;
  log: (line: string) => void;
}

export interface ServedNode {
  /** Stops taking requests; those in flight get SHUTDOWN_GRACE_MS before connections are cut. */
  close(): Promise<void>;
}

/** A server with the node's limits, not yet listening. */
export function newNodeServer(): http.Server {
  const server = http.createServer({
    maxHeaderSize: MAX_HEADER_BYTES,
    headersTimeout: HEADERS_TIMEOUT_MS,
    requestTimeout: REQUEST_TIMEOUT_MS,
    keepAliveTimeout: KEEP_ALIVE_TIMEOUT_MS,
    connectionsCheckingInterval: TIMEOUT_CHECK_INTERVAL_MS,
  });
  // A client that half-closes after sending (shutdown(SHUT_WR)) still reads: Node's default
  // ends the socket at the client's FIN, which lost the answer of a write that waited for peers.
  (server as http.Server & { httpAllowHalfOpen: boolean }).httpAllowHalfOpen = true;
  return server;
}

/** Answers the server's requests from the route table until close(). */
export function serveNode(server: http.Server, table: Route[], o: ServeOptions): ServedNode {
  const connections = new Connections();
  // One shared listener for every answer (no closure per request).
  function answered(this: ServerResponse): void {
    connections.answered(this.req.socket);
  }
  // Once the node stops, each answer closes its connection: a client that keeps a kept-alive
  // connection busy (a CLI writing keys, a peer replicating) would otherwise hold the stop for
  // the whole grace period (Ctrl-C during a run took ~2 s).
  let stopping = false;
  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
    if (stopping) res.setHeader('connection', 'close');
    connections.started(req.socket);
    res.on('close', answered);
    void handle(table, req, res, o);
  };
  server.on('request', onRequest);
  handleExpect(server, onRequest);
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
    if (connections.malformed(socket)) clientError(error, socket);
  });

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      stopping = true;
      const drained = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const force = setTimeout(() => server.closeAllConnections(), SHUTDOWN_GRACE_MS);
      await drained;
      clearTimeout(force);
    })());
  return { close };
}

async function handle(
  table: Route[],
  req: IncomingMessage,
  res: ServerResponse,
  o: ServeOptions,
): Promise<void> {
  o.counters.requests.total += 1;
  try {
    const reply = await dispatch(table, req);
    if (reply.stream) {
      res.writeHead(reply.status ?? 200, { [NODE_HEADER]: o.id, ...reply.headers });
      // The head goes out now: the client learns the stream is open before anything is in it.
      res.flushHeaders();
      if (req.method === 'HEAD') res.end();
      else reply.stream(res);
      return;
    }
    const { status, headers, body } = encodeReply(reply, o.id);
    // Headers given to writeHead, not setHeader: a header set beforehand makes writeHead
    // validate and merge two header sets on every request. node:http sends no body for HEAD.
    res.writeHead(status, headers);
    res.end(body);
  } catch (error) {
    fail(error, req, res, o);
  }
}

/** A route that threw: its HttpError as the answer, anything else as a logged 500. */
function fail(error: unknown, req: IncomingMessage, res: ServerResponse, o: ServeOptions): void {
  if (error instanceof DroppedError) {
    res.destroy();
    return;
  }
  o.counters.requests.errors += 1;
  const httpError =
    error instanceof HttpError
      ? error
      : new HttpError(500, 'internal', 'The node failed to handle this request; see its log.');
  if (!(error instanceof HttpError))
    o.log(
      `error handling ${req.method} ${req.url?.slice(0, 200)}: ${(error as Error).stack ?? String(error)}`,
    );
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const { status, headers, body } = encodeError(httpError, o.id);
  res.writeHead(status, headers);
  res.end(body);
  // After a 413 the rest of the body is not read: close the connection once the answer is out.
  const socket = req.socket as Socket | null;
  if (status === 413 && socket) res.once('finish', () => socket.destroySoon());
}

/** Malformed requests and oversized headers never reach a route: answer them in the spec's shape. */
function clientError(error: NodeJS.ErrnoException, socket: Socket): void {
  if (!socket.writable || error.code === 'ECONNRESET') {
    socket.destroy();
    return;
  }
  socket.end(clientErrorText(error as { code?: string; rawPacket?: Buffer }));
}
