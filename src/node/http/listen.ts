// Binding a server to its port, said once for the node and the live page: a port in use is a
// typed error with a sentence that names the flag to change, never a raw EADDRINUSE.
import type { Server } from 'node:net';
import { NodeUnreachableError } from '../../errors.js';

/** What to tell the user when the port is taken, or (optionally) the address cannot be bound. */
export interface ListenWording {
  inUse: string;
  /** For EADDRNOTAVAIL and EACCES; without it, those errors are thrown as they are. */
  cannotBind?: (code: string) => string;
}

/** Listens on host:port (0: any free port); resolves with the port bound. */
export function listen(
  server: Server,
  host: string,
  port: number,
  wording: ListenWording,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE')
        reject(new NodeUnreachableError('port_in_use', wording.inUse, { cause: error }));
      else if ((error.code === 'EADDRNOTAVAIL' || error.code === 'EACCES') && wording.cannotBind)
        reject(
          new NodeUnreachableError('node_start_failed', wording.cannotBind(error.code), {
            cause: error,
          }),
        );
      else reject(error);
    };
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve((server.address() as { port: number }).port);
    });
  });
}
