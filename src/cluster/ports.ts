// Finding free ports: n consecutive ports that can all be bound right now (tests, benchmarks).
import net from 'node:net';

/** Attempts before giving up on finding a free range. */
const ATTEMPTS = 50;
const LOWEST = 20_000;
const SPREAD = 30_000;

export function canBind(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, host, () => server.close(() => resolve(true)));
  });
}

/** The first of `count` consecutive free ports, at a random high base. */
export async function freeBasePort(count: number): Promise<number> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const base = LOWEST + Math.floor(Math.random() * SPREAD);
    const free = await Promise.all(Array.from({ length: count }, (_, i) => canBind(base + i)));
    if (free.every(Boolean)) return base;
  }
  throw new Error(`no ${count} consecutive free ports found`);
}
