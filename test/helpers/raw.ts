// A raw TCP client for HTTP edge cases a friendly client would never produce: half-closing after
// the request, waiting for 100 Continue before the body, odd Expect values.
import net from 'node:net';
import { until } from './poll.js';

export interface RawConnection {
  /** Everything the node has sent so far. */
  received(): string;
  write(data: string | Buffer): void;
  /** Half-closes: no more bytes from us, the node may still answer. */
  end(): void;
  /** Waits until what was received matches. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<string>;
  /** Resolves when the node closed its side. */
  closed: Promise<void>;
  destroy(): void;
}

export async function rawConnect(address: string): Promise<RawConnection> {
  const [host, port] = address.split(':') as [string, string];
  const socket = net.connect({ host, port: Number(port), allowHalfOpen: true });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  let data = '';
  socket.on('data', (c: Buffer) => (data += c.toString('latin1')));
  socket.on('error', () => undefined);
  const closed = new Promise<void>((resolve) => {
    socket.once('end', resolve);
    socket.once('close', () => resolve());
  });
  return {
    received: () => data,
    write: (d) => socket.write(d),
    end: () => socket.end(),
    waitFor: (pattern, timeoutMs = 10_000) =>
      until(`the node to send ${pattern}`, async () => pattern.test(data) && data, timeoutMs),
    closed,
    destroy: () => socket.destroy(),
  };
}

/** The JSON body of the last response received (after its blank line). */
export function lastJson(text: string): any {
  const start = text.lastIndexOf('\r\n\r\n');
  return JSON.parse(text.slice(start + 4));
}
