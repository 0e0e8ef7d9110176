// The live view's HTTP server, on 127.0.0.1 only: the page, its stylesheet and scripts (all
// served from ae-demo's own build; nothing from a CDN), the event stream (Server-Sent Events)
// POST /next for the page's Next button, and POST /action for its controls.
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { NodeUnreachableError } from '../errors.js';
import { listen } from '../net/listen.js';
import type { Outcome } from './actions/perform.js';
import type { Recorder } from './recorder.js';
import { shell } from './view/page.js';
import { CSS } from './view/style.js';

/** A comment line this often keeps an idle event stream open through anything in between. */
const HEARTBEAT_MS = 15_000;
/** How soon a page that lost the stream tries again (EventSource does the retrying). */
const RETRY_MS = 1_000;
/** The page's scripts, compiled by tsconfig.web.json: dist/src/web/server.js -> dist/web/. */
const SCRIPTS_ROOT = fileURLToPath(new URL('../../web/', import.meta.url));
const SCRIPT_PATH = /^\/js\/((?:[a-z0-9-]+\/)*[a-z0-9-]+\.js)$/;
/** Only the page itself may call us: no other site's page, and no DNS rebinding. */
const LOCAL_HOSTS = /^(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/;
/** An action's JSON: a key and a value typed on the page, with room for JSON escapes. */
const ACTION_BODY_LIMIT_BYTES = 16 * 1024;
const SECURITY_HEADERS = {
  'content-security-policy':
    "default-src 'self'; img-src 'self' data:; style-src 'self'; " +
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

export interface WebServerOptions {
  host: string;
  port: number;
  recorder: Recorder;
  /** The page pressed Next; true when something was waiting for it. */
  onNext: () => boolean;
  /** The page's controls asked for something; null while they are not shown. */
  onAction?: (request: unknown) => Promise<Outcome | null>;
}

export interface WebServer {
  url: string;
  port: number;
  /** Whether a page has connected and been sent what happened so far. */
  readonly viewed: boolean;
  whenViewed(): Promise<void>;
  close(): Promise<void>;
}

export async function startWebServer(o: WebServerOptions): Promise<WebServer> {
  const streams = new Set<ServerResponse>();
  let viewed = false;
  let markViewed = () => {};
  const firstView = new Promise<void>((resolve) => {
    markViewed = () => {
      viewed = true;
      resolve();
    };
  });
  const server = createServer((req, res) => {
    handle(req, res, o, streams, markViewed).catch((error: unknown) => {
      if (!res.headersSent)
        send(res, 500, 'text/plain; charset=utf-8', `ae-demo: ${(error as Error).message}\n`);
      else res.destroy();
    });
  });
  const port = await listen(server, o.host, o.port, {
    inUse:
      `Port ${o.port} is in use, so the live view cannot start there; ` +
      'pass another --web-port, or 0 for any free port.',
    error: (code, message, cause) => new NodeUnreachableError(code, message, { cause }),
  });
  const heartbeat = setInterval(() => {
    for (const res of streams) res.write(': still here\n\n');
  }, HEARTBEAT_MS);
  heartbeat.unref();
  return {
    url: `http://${o.host}:${port}/`,
    port,
    get viewed() {
      return viewed;
    },
    whenViewed: () => firstView,
    close: async () => {
      clearInterval(heartbeat);
      for (const res of streams) res.end();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

async function handle(
  req: IncomingMessage,
  res: ServerResponse,
  o: WebServerOptions,
  streams: Set<ServerResponse>,
  viewed: () => void,
): Promise<void> {
  if (!LOCAL_HOSTS.test(req.headers.host ?? ''))
    return send(
      res,
      421,
      'text/plain; charset=utf-8',
      'ae-demo: this page answers only to 127.0.0.1 and localhost.\n',
    );
  const url = new URL(req.url ?? '/', 'http://localhost');
  const route = `${req.method} ${url.pathname}`;
  if (route === 'GET /') return send(res, 200, 'text/html; charset=utf-8', shell());
  if (route === 'GET /style.css') return send(res, 200, 'text/css; charset=utf-8', CSS);
  if (route === 'GET /events') {
    stream(req, res, o.recorder, streams);
    return viewed();
  }
  if (route === 'POST /next') {
    // A custom header cannot be sent cross-site without a CORS preflight, which we never allow.
    if (req.headers['x-ae-demo'] !== 'next')
      return send(
        res,
        403,
        'application/json',
        JSON.stringify({
          error: { code: 'forbidden', message: 'POST /next needs the header x-ae-demo: next.' },
        }),
      );
    return send(res, 200, 'application/json', JSON.stringify({ advanced: o.onNext() }));
  }
  if (route === 'POST /action') return action(req, res, o);
  const script = req.method === 'GET' ? SCRIPT_PATH.exec(url.pathname) : null;
  if (script) {
    const file = path.join(SCRIPTS_ROOT, script[1]!);
    const text = await readFile(file, 'utf8').catch(() => null);
    if (text !== null) return send(res, 200, 'text/javascript; charset=utf-8', text);
  }
  send(res, 404, 'text/plain; charset=utf-8', `ae-demo: nothing at ${url.pathname}.\n`);
}

/**
 * The controls: the page's header (a custom header needs a CORS preflight, which we never allow),
 * and no other origin (Origin and Sec-Fetch-Site, when the browser sends them). Only then is the
 * body read and handed on; a refusal changes nothing.
 */
async function action(req: IncomingMessage, res: ServerResponse, o: WebServerOptions) {
  const fail = (status: number, code: string, message: string) =>
    send(res, status, 'application/json', JSON.stringify({ error: { code, message } }));
  const origin = req.headers.origin;
  const site = req.headers['sec-fetch-site'];
  if (
    req.headers['x-ae-demo'] !== 'action' ||
    (origin !== undefined && origin !== `http://${req.headers.host}`) ||
    (site !== undefined && site !== 'same-origin')
  )
    return fail(
      403,
      'forbidden',
      'POST /action needs the page itself and its header x-ae-demo: action.',
    );
  const raw = await readAll(req, ACTION_BODY_LIMIT_BYTES);
  if (raw === null)
    return fail(413, 'payload_too_large', `An action is at most ${ACTION_BODY_LIMIT_BYTES} bytes.`);
  let request: unknown;
  try {
    request = JSON.parse(raw);
  } catch {
    return fail(400, 'bad_request', 'The action is not JSON; reload the page and try again.');
  }
  const outcome = (await o.onAction?.(request)) ?? null;
  if (outcome === null)
    return fail(409, 'not_now', 'The controls open once the scenario has finished (run --keep).');
  if (!outcome.ok) return fail(400, 'refused', outcome.message);
  send(res, 200, 'application/json', JSON.stringify({ message: outcome.message }));
}

/** The request body as text, or null past the limit. */
async function readAll(req: IncomingMessage, limit: number): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) return null;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function stream(
  req: IncomingMessage,
  res: ServerResponse,
  recorder: Recorder,
  streams: Set<ServerResponse>,
): void {
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
    ...SECURITY_HEADERS,
  });
  res.write(`retry: ${RETRY_MS}\n\n`);
  const last = Number(req.headers['last-event-id'] ?? 0);
  for (const { event, id } of recorder.since(Number.isSafeInteger(last) && last > 0 ? last : 0))
    res.write(frame(id, event));
  const unsubscribe = recorder.subscribe((event, id) => res.write(frame(id, event)));
  streams.add(res);
  res.on('close', () => {
    unsubscribe();
    streams.delete(res);
  });
}

function frame(id: number, event: unknown): string {
  return `id: ${id}\ndata: ${JSON.stringify(event)}\n\n`;
}

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', ...SECURITY_HEADERS });
  res.end(body);
}
