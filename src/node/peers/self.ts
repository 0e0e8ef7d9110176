// Names of one node as others know it. Every replica of a StatefulSet (or a Compose file) is
// given the same peer list, itself included: ae-0.ae:9999,ae-1.ae:9999,ae-2.ae:9999. A node
// known by a host name is recognised without DNS: its host name's first label (ae-0: the pod's
// name, or the container's hostname) and its port. IP addresses are compared whole: nodes on one
// machine differ by port, so none of them is taken for another.
import { isIP } from 'node:net';

/** host:port split at the last colon (an IPv6 host keeps its brackets). */
function split(address: string): { host: string; port: number } {
  const colon = address.lastIndexOf(':');
  return { host: address.slice(0, colon).toLowerCase(), port: Number(address.slice(colon + 1)) };
}

/** The first label of a host name; undefined for an IP address or an empty name. */
function label(host: string): string | undefined {
  const bare = host.replace(/^\[|\]$/g, '');
  if (bare === '' || isIP(bare) !== 0) return undefined;
  return bare.split('.')[0];
}

/** Whether two addresses name the same node: equal, or one host name's first label and port. */
export function sameNode(a: string, b: string): boolean {
  if (a === b) return true;
  const x = split(a);
  const y = split(b);
  const lx = label(x.host);
  return lx !== undefined && lx === label(y.host) && x.port === y.port;
}

/** The peers without the entry that names this node itself, and that entry (if any). */
export function withoutSelf(
  peers: readonly string[],
  hostname: string,
  port: number,
): { peers: string[]; self: string[] } {
  const me = label(hostname.toLowerCase());
  const self =
    me === undefined ? [] : peers.filter((peer) => sameNode(`${me}:${port}`, peer.toLowerCase()));
  return { peers: peers.filter((p) => !self.includes(p)), self };
}

/**
 * The address this node gives as its own (in /health and to its peers with each request): the
 * bound address, or, bound to every interface (0.0.0.0, ::), its host name, which its peers
 * know it by in a container or a pod (an address no peer could dial says nothing).
 */
export function advertisedAddress(host: string, port: number, hostname: string): string {
  if (host === '0.0.0.0' || host === '::') return `${hostname}:${port}`;
  return `${host.includes(':') ? `[${host}]` : host}:${port}`;
}
