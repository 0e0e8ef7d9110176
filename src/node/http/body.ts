// Reading request bodies with a hard cap: bytes stop being buffered at the limit, and the
// request is answered 413 at once instead of waiting for the rest.
import type { IncomingMessage } from 'node:http';
import { HttpError } from './errors.js';
import { continueIfAsked } from './expect.js';

export async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) throw tooLarge(limit);
  continueIfAsked(req);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw tooLarge(limit);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, size);
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Parses a body as JSON whatever its Content-Type (curl -d sends form encoding). */
export function parseJson(body: Buffer): unknown {
  let text: string;
  try {
    text = utf8.decode(body);
  } catch {
    throw new HttpError(400, 'bad_request', 'The body is not valid UTF-8.');
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpError(
      400,
      'bad_request',
      'The body is not valid JSON; send for example {"value": "alice_data"}.',
    );
  }
}

function tooLarge(limit: number): HttpError {
  return new HttpError(
    413,
    'payload_too_large',
    `The body is larger than this node accepts (${limit} bytes).`,
    {},
    { connection: 'close' },
  );
}
