// A route table: path patterns with a handler per method. Unknown path: 404; known path with
// another method: 405 with Allow. HEAD is answered by a path's GET handler (node:http sends no
// body). Kept explicit, so every route of the API is listed in one place.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HttpError } from './errors.js';

export interface Request {
  req: IncomingMessage;
  /** Raw path segments captured by the pattern (still percent-encoded). */
  params: string[];
  query: URLSearchParams;
}

export interface Reply {
  status?: number;
  body: unknown;
  headers?: Record<string, string>;
  /**
   * An answer that goes on: once the head (status, headers, no length) is out, this writes the
   * body as it comes and ends it (GET /messages). `body` is then not sent.
   */
  stream?: (res: ServerResponse) => void;
}

export type Handler = (request: Request) => Promise<Reply> | Reply;

export interface Route {
  pattern: RegExp;
  methods: Partial<Record<string, Handler>>;
}

/**
 * A class, not an object literal with a getter: the literal made a closure and an accessor
 * pair on every request (a sampling heap profile charged dispatch ~1.6 KB a direct PUT).
 */
class RouteRequest implements Request {
  readonly req: IncomingMessage;
  readonly params: string[];
  readonly #search: string;
  #query: URLSearchParams | undefined;

  constructor(req: IncomingMessage, params: string[], search: string) {
    this.req = req;
    this.params = params;
    this.#search = search;
  }

  /** Parsed only by the routes that read it (not by a PUT, the hot path). */
  get query(): URLSearchParams {
    return (this.#query ??= new URLSearchParams(this.#search));
  }
}

export function route(pattern: RegExp, methods: Partial<Record<string, Handler>>): Route {
  return { pattern, methods };
}

export function dispatch(routes: readonly Route[], req: IncomingMessage): Promise<Reply> | Reply {
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  const path = q === -1 ? url : url.slice(0, q);
  for (const r of routes) {
    const match = r.pattern.exec(path);
    if (!match) continue;
    const handler = handlerFor(r, req.method ?? '');
    if (!handler) {
      const allow = allowed(r).join(', ');
      throw new HttpError(
        405,
        'method_not_allowed',
        `${req.method} is not allowed on ${path.slice(0, 100)}; use ${allow}.`,
        {},
        { allow },
      );
    }
    return handler(new RouteRequest(req, match.slice(1), q === -1 ? '' : url.slice(q + 1)));
  }
  throw new HttpError(
    404,
    'not_found',
    `There is no route ${req.method} ${path.slice(0, 100)}; ` +
      'see GET /health, /kv/{key}, /merkle/snapshot, /anti-entropy/trigger.',
  );
}

/** The method's handler; HEAD is GET's (curl -I sees the GET's status and headers). */
function handlerFor(r: Route, method: string): Handler | undefined {
  return r.methods[method] ?? (method === 'HEAD' ? r.methods.GET : undefined);
}

/** The methods a path answers, HEAD beside GET. */
function allowed(r: Route): string[] {
  const methods = Object.keys(r.methods);
  return r.methods.GET && !r.methods.HEAD ? [...methods, 'HEAD'] : methods;
}
