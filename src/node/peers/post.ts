// One POST to a peer over node:http and a kept-alive Agent. Chosen over got and undici for
// node-to-node messages by measurement (see the commit that added it): got served 4-6x fewer
// requests a second; undici's Pool with pipelining was within noise of node:http, which needs
// no dependency and lets the Agent count the bytes on the wire.
import http from 'node:http';
import { NODE_HEADER } from '../../api/headers.js';

/** An answer: its status and whole body. */
export interface Answer {
  status: number;
  body: Buffer;
  /** The id the answering node gives itself (every answer names it). */
  node: string | undefined;
}

/** Where a POST goes: the host, port, path and agent, worked out once per peer. */
export type Target = Pick<http.RequestOptions, 'hostname' | 'port' | 'path' | 'agent'>;

/** The target for a URL: parsed once, not on every message (URL parsing showed in a profile). */
export function target(url: string, agent: http.Agent): Target {
  const u = new URL(url);
  return {
    hostname: u.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: Number(u.port || 80),
    path: `${u.pathname}${u.search}`,
    agent,
  };
}

/** Posts body to target; the whole call (connect to last byte) is bounded by timeoutMs (ETIMEDOUT). */
export function post(
  to: Target,
  headers: Record<string, string>,
  body: Buffer,
  timeoutMs: number,
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      { ...to, method: 'POST', headers: { ...headers, 'content-length': String(body.length) } },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          clearTimeout(timer);
          const node = response.headers[NODE_HEADER];
          resolve({
            status: response.statusCode ?? 0,
            body: Buffer.concat(chunks),
            node: typeof node === 'string' ? node : undefined,
          });
        });
        response.on('error', fail);
      },
    );
    const timer = setTimeout(() => {
      request.destroy(
        Object.assign(new Error(`no answer within ${timeoutMs} ms`), { code: 'ETIMEDOUT' }),
      );
    }, timeoutMs);
    function fail(error: Error): void {
      clearTimeout(timer);
      reject(error);
    }
    request.on('error', fail);
    request.end(body);
  });
}
