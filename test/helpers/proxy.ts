// A proxy in front of a node, for tests that need something between the CLI (or a peer) and it:
// each request is read whole, then `pass` either answers it itself or hands on the body (changed
// or not) to the node, whose answer goes back unchanged.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { CLUSTER_KEY_HEADER } from '../../src/api/headers.js';

export interface Proxy {
  address: string;
  close(): Promise<void>;
}

/** The proxy's own answer to a request it does not hand on. */
export interface ProxyAnswer {
  status: number;
  text: string;
}

export async function proxyTo(
  target: string,
  pass: (req: http.IncomingMessage, body: Buffer) => Buffer | ProxyAnswer,
): Promise<Proxy> {
  const colon = target.lastIndexOf(':');
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const passed = pass(req, Buffer.concat(chunks));
      if (!Buffer.isBuffer(passed)) {
        res.writeHead(passed.status, { 'content-type': 'application/json' }).end(passed.text);
        return;
      }
      const headers = { ...req.headers, 'content-length': String(passed.length) };
      const host = target.slice(0, colon);
      const port = Number(target.slice(colon + 1));
      const options = { host, port, method: req.method, path: req.url, headers, agent: false };
      const onward = http.request(options, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      });
      onward.on('error', () => res.destroy());
      onward.end(passed);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  const close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return { address, close };
}

/**
 * A node behind a gateway that wants the cluster key on every request, even on the routes the
 * node leaves open: without it (or with another key) the proxy answers 401 itself.
 */
export function keyedProxy(target: string, key: string): Promise<Proxy> {
  const refused = {
    status: 401,
    text: '{"error":{"code":"unauthorized","message":"The gateway wants the cluster key."}}\n',
  };
  return proxyTo(target, (req, body) => (req.headers[CLUSTER_KEY_HEADER] === key ? body : refused));
}
