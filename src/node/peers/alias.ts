// Which configured peer a name given to the fault or trigger route means. A client outside the
// cluster may know the nodes by other names than they know each other: 127.0.0.1:P for the
// peer entry localhost:P, or a pod's own address ae-1:9999 (its /health) for ae-1.ae:9999. A
// name means the entry it equals, the one sameNode recognises, or the one whose host resolves
// to an address the name's host resolves to, on the same port. Only configured entries ever
// come out, so no client can make a node call out elsewhere.
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { sameNode } from './self.js';

/** The addresses a host name resolves to (an IP address: itself; none when it does not resolve). */
export type Resolve = (host: string) => Promise<string[]>;

/** host:port split at the last colon, the host without IPv6 brackets. */
function split(address: string): { host: string; port: string } {
  const colon = address.lastIndexOf(':');
  return {
    host: address
      .slice(0, colon)
      .replace(/^\[|\]$/g, '')
      .toLowerCase(),
    port: address.slice(colon + 1),
  };
}

/** The system's resolver (as the node dials its peers); a name that does not resolve: none. */
export const systemResolve: Resolve = async (host) => {
  if (isIP(host) !== 0) return [host];
  try {
    return (await lookup(host, { all: true })).map((a) => a.address);
  } catch {
    return [];
  }
};

/** The addresses an entry resolves to, as host:port (IPv6 in brackets), for the sender check. */
export async function resolvedForms(entry: string, resolve: Resolve): Promise<string[]> {
  const { host, port } = split(entry);
  const ips = await resolve(host);
  return ips.map((ip) => `${ip.includes(':') ? `[${ip}]` : ip}:${port}`);
}

/** What the names mean: their configured entries (in the names' order), and the names that mean none. */
export async function configuredPeers(
  names: readonly string[],
  peers: readonly string[],
  resolve: Resolve,
): Promise<{ entries: string[]; unknown: string[] }> {
  const entries: string[] = [];
  const unknown: string[] = [];
  for (const name of names) {
    const entry =
      peers.find((p) => p === name) ??
      peers.find((p) => sameNode(p.toLowerCase(), name.toLowerCase())) ??
      (await byResolution(name, peers, resolve));
    if (entry === undefined) unknown.push(name);
    else if (!entries.includes(entry)) entries.push(entry);
  }
  return { entries, unknown };
}

/** The entry on the same port whose host resolves to an address the name's host does. */
async function byResolution(
  name: string,
  peers: readonly string[],
  resolve: Resolve,
): Promise<string | undefined> {
  const wanted = split(name);
  const samePort = peers.filter((p) => split(p).port === wanted.port);
  if (samePort.length === 0) return undefined;
  const ips = new Set(await resolve(wanted.host));
  if (ips.size === 0) return undefined;
  for (const p of samePort) if ((await resolve(split(p).host)).some((ip) => ips.has(ip))) return p;
  return undefined;
}

/** Each entry with the addresses it resolves to: other names its requests may come from. */
export async function aliasesOf(
  entries: readonly string[],
  resolve: Resolve = systemResolve,
): Promise<Map<string, string[]>> {
  return new Map(
    await Promise.all(entries.map(async (e) => [e, await resolvedForms(e, resolve)] as const)),
  );
}
