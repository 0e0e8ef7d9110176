// How a reply becomes bytes: its status, its headers (every answer names its node) and its body.
// Pure, so the rules (JSON ends with a newline, Content-Length counts bytes) are tested without
// a socket.
import http from 'node:http';
import { NODE_HEADER } from '../../api/headers.js';
import type { HttpError } from './errors.js';
import type { Reply } from './router.js';

export interface Encoded {
  status: number;
  headers: Record<string, string | number>;
  /** Text goes out as a string: node:http then sends head and body in one write. */
  body: Buffer | string;
}

/** A JSON answer as text: one line, ended with a newline so curl's prompt starts on its own line. */
export function jsonText(value: unknown): string {
  return `${JSON.stringify(value)}\n`;
}

/** A route's reply: bytes as octets, a string as text, anything else as JSON. */
export function encodeReply(reply: Reply, id: string): Encoded {
  const raw = reply.body;
  const [body, type] = Buffer.isBuffer(raw)
    ? [raw, 'application/octet-stream']
    : typeof raw === 'string'
      ? [raw, 'text/plain; charset=utf-8']
      : [jsonText(raw), 'application/json'];
  return {
    status: reply.status ?? 200,
    headers: {
      [NODE_HEADER]: id,
      'content-type': type,
      'content-length': typeof body === 'string' ? Buffer.byteLength(body) : body.length,
      ...reply.headers,
    },
    body,
  };
}

/** An error answer in the spec's shape, with the error's own headers (Allow, for a 405). */
export function encodeError(error: HttpError, id: string): Encoded {
  const body = jsonText(error.body());
  return {
    status: error.status,
    headers: {
      [NODE_HEADER]: id,
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(body),
      ...error.headers,
    },
    body,
  };
}

/**
 * The whole answer to a request that never reached a route (malformed, oversized headers, too
 * slow), written straight to the socket, which closes after it.
 */
export function clientErrorText(error: { code?: string; rawPacket?: Buffer }): string {
  const [status, message] =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'The request headers are too large.']
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'The request took too long to arrive.']
        : [400, 'The request is not valid HTTP.'];
  const body = jsonText({ error: { code: 'bad_request', message } });
  // An answer to HEAD carries no body, even one that failed to parse.
  const head = error.rawPacket?.subarray(0, 5).toString('latin1') === 'HEAD ';
  return [
    `HTTP/1.1 ${status} ${http.STATUS_CODES[status]}`,
    'content-type: application/json',
    `content-length: ${Buffer.byteLength(body)}`,
    'connection: close',
    '',
    head ? '' : body,
  ].join('\r\n');
}
