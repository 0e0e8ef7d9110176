// The Expect header. `100-continue` is answered only once a route has accepted the declared
// body size, so a body over the limit is refused (413) before the client sends it; any other
// expectation gets 417 in the spec's error shape instead of Node's empty answer.
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { HttpError } from './errors.js';
import { jsonText } from './send.js';

const waiting = new WeakMap<IncomingMessage, ServerResponse>();

/** Routes Expect requests through `onRequest` like any other (417 for unknown expectations). */
export function handleExpect(
  server: Server,
  onRequest: (req: IncomingMessage, res: ServerResponse) => void,
): void {
  server.on('checkContinue', (req, res) => {
    waiting.set(req, res);
    onRequest(req, res);
  });
  server.on('checkExpectation', (req, res) => {
    const error = new HttpError(
      417,
      'expectation_failed',
      'This node only understands "Expect: 100-continue"; send the request without Expect: ' +
        `${String(req.headers.expect).slice(0, 100)}.`,
    );
    const body = jsonText(error.body());
    // The body, if any, is not read: close once the answer is out.
    res.writeHead(417, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(body),
      connection: 'close',
    });
    res.end(body);
  });
}

/** Tells a client waiting for "100 Continue" to send its body; a no-op for everyone else. */
export function continueIfAsked(req: IncomingMessage): void {
  const res = waiting.get(req);
  if (!res) return;
  waiting.delete(req);
  res.writeContinue();
}
