// Every replica of a StatefulSet (or a Compose file) is given the same peer list, itself
// included: ae-0.ae:9999,ae-1.ae:9999,ae-2.ae:9999. The entry that names this node is left out,
// recognised without DNS: its host's first label is this machine's host name (ae-0, the pod's
// name) and its port is this node's port. On one machine, nodes differ by port, so none of
// them drops another.

/** The peers without the entry that names this node itself, and that entry (if any). */
export function withoutSelf(
  peers: readonly string[],
  hostname: string,
  port: number,
): { peers: string[]; self: string[] } {
  const me = hostname.toLowerCase().split('.')[0]!;
  const self = peers.filter((peer) => {
    const colon = peer.lastIndexOf(':');
    const host = peer.slice(0, colon).toLowerCase();
    return me !== '' && host.split('.')[0] === me && Number(peer.slice(colon + 1)) === port;
  });
  return { peers: peers.filter((p) => !self.includes(p)), self };
}
