// Free ports for tests (never a fixed port), and a peer that never answers.
import net from 'node:net';
import { canBind } from '../../src/cluster/ports.js';

export { freeBasePort } from '../../src/cluster/ports.js';

/** True when nothing listens on the port any more. */
export function portIsFree(port: number): Promise<boolean> {
  return canBind(port);
}

/** A server that accepts connections and never answers: a silent peer. */
export async function silentPeer(): Promise<{ address: string; close(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    address: `127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
