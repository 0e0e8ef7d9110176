// Finding free ports: n consecutive ports that can all be bound right now (tests, benchmarks).
import net from 'node:net';

/** Attempts before giving up on finding a free range. */
const ATTEMPTS = 50;
/**
 * Ports are picked in [LOWEST, HIGHEST): below every system's ephemeral range (Linux hands out
 * 32768–60999 to outgoing connections, macOS and Windows 49152–65535). In that range any
 * connection on the machine can take a picked port before the node binds it, and a client
 * connecting to a stopped node's port can be given that very port as its own and connect to
 * itself (TCP self-connect): it reads its own request back as the answer (HPE_INVALID_CONSTANT).
 * The low end stays clear of the default ports (9999–10001) and the 20000s people pick by hand.
 */
const LOWEST = 27_000;
const HIGHEST = 32_768;
/**
 * Where a process claims the ports it picked until it exits: a listening socket on the same port
 * of this loopback address, which the nodes (bound to 127.0.0.1) never use. The kernel settles
 * two processes claiming one port at once and frees a claim when its process ends, so two test
 * files (or a test and a benchmark) never pick the same ports between the check and the bind.
 */
const CLAIM_HOST = '127.0.0.2';

export function canBind(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, host, () => server.close(() => resolve(true)));
  });
}

/** The first of `count` consecutive free ports, claimed for this process, at a random base. */
export async function freeBasePort(count: number): Promise<number> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const base = LOWEST + Math.floor(Math.random() * (HIGHEST - LOWEST - count));
    const ports = Array.from({ length: count }, (_, i) => base + i);
    const claims = await Promise.all(ports.map(claim));
    const free = await Promise.all(ports.map((p) => canBind(p)));
    if (claims.every(Boolean) && free.every(Boolean)) return base;
    await Promise.all(claims.filter((c) => c !== false).map(release));
  }
  throw new Error(`no ${count} consecutive free ports found`);
}

type Claim = net.Server | true | false;

/** Holds the port on CLAIM_HOST (false if another process holds it); true where claims are impossible. */
function claim(port: number): Promise<Claim> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', (e: NodeJS.ErrnoException) =>
      // A system without a second loopback address (macOS by default) picks without claims.
      resolve(e.code === 'EADDRNOTAVAIL' ? true : false),
    );
    server.listen(port, CLAIM_HOST, () => {
      server.unref();
      resolve(server);
    });
  });
}

function release(c: Exclude<Claim, false>): Promise<void> {
  return c === true ? Promise.resolve() : new Promise((resolve) => c.close(() => resolve()));
}
