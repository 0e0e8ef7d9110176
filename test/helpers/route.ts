// Calling a route table with no socket: a request is a readable stream of its body with a
// method, a URL and headers, which is all the routes read of an IncomingMessage.
import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import type { HttpError } from '../../src/node/http/errors.js';
import type { NodeService } from '../../src/node/service.js';
import { dispatch, type Reply, type Route } from '../../src/node/http/router.js';

/** A request as the routes see it; the body is sent as one chunk. */
export function fakeRequest(
  method: string,
  url: string,
  body?: string | Buffer,
  headers: Record<string, string> = {},
): IncomingMessage {
  const chunks = body === undefined ? [] : [Buffer.from(body)];
  const req = Readable.from(chunks, { objectMode: false }) as unknown as IncomingMessage;
  return Object.assign(req, {
    method,
    url,
    headers: {
      ...(body === undefined ? {} : { 'content-length': String(Buffer.byteLength(body)) }),
      ...headers,
    },
  });
}

/** The reply of the route that takes this request. */
export async function call(
  table: Route[],
  method: string,
  url: string,
  body?: string | Buffer,
  headers?: Record<string, string>,
): Promise<Reply> {
  return dispatch(table, fakeRequest(method, url, body, headers));
}

/** The HttpError a request gets (fails when it gets a reply instead). */
export async function refusal(
  table: Route[],
  method: string,
  url: string,
  body?: string | Buffer,
  headers?: Record<string, string>,
): Promise<HttpError> {
  try {
    const reply = await call(table, method, url, body, headers);
    throw new Error(`${method} ${url} was answered: ${JSON.stringify(reply.body)}`);
  } catch (error) {
    if ((error as Error).name !== 'HttpError') throw error;
    return error as HttpError;
  }
}

/**
 * A stand-in for the service that records every call of a verb and answers it with `answers`
 * (or a tag naming the verb), so a route test sees which verb a request reached, with which
 * arguments, and that it made only one. Properties (id, peers, ...) come from `facts`.
 */
export function recordingService(
  facts: Record<string, unknown> = {},
  answers: Record<string, (...args: unknown[]) => unknown> = {},
) {
  const calls: { verb: string; args: unknown[] }[] = [];
  const known: Record<string, unknown> = {
    id: 'node-a',
    peers: ['127.0.0.1:2', '127.0.0.1:3'],
    maxValueBytes: 100,
    keepsSketch: false,
    conflicts: 'lww',
    ...facts,
  };
  const service = new Proxy(known, {
    get(target, name) {
      if (typeof name !== 'string') return undefined;
      if (name in target) return target[name];
      return (...args: unknown[]) => {
        calls.push({ verb: name, args });
        return answers[name] ? answers[name](...args) : { answered: name };
      };
    },
  }) as unknown as NodeService;
  return { service, calls };
}
