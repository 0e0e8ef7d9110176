// Binding a server to its port, said once for the node and the live page: a port in use is a
// typed error with a sentence that names the flag to change, never a raw EADDRINUSE. Each
// caller makes the error of its own layer (the node's, or the CLI's).

/** Why a server could not listen: its port is taken, or its address cannot be bound. */
export type ListenFailure = 'port_in_use' | 'node_start_failed';

/** What to tell the user when the port is taken, or (optionally) the address cannot be bound. */
export interface ListenWording {
  inUse: string;
  /** For EADDRNOTAVAIL and EACCES; without it, those errors are thrown as they are. */
  cannotBind?: (code: string) => string;
  /** Makes the caller's error for a failure, keeping the system error as its cause. */
  error: (code: ListenFailure, message: string, cause: unknown) => Error;
}

/** Listens on host:port (0: any free port); resolves with the port bound. */
export function listen(
  server: import('node:net').Server,
  host: string,
  port: number,
  wording: ListenWording,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') reject(wording.error('port_in_use', wording.inUse, error));
      else if ((error.code === 'EADDRNOTAVAIL' || error.code === 'EACCES') && wording.cannotBind)
        reject(wording.error('node_start_failed', wording.cannotBind(error.code), error));
      else reject(error);
    };
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve((server.address() as { port: number }).port);
    });
  });
}
