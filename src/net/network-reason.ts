// Why a request got no answer, in a few words a person understands: said once for the node's
// calls to its peers and for the CLI's calls to nodes.

/** The reason given when a peer's host name does not resolve (yet: a pod not scheduled yet). */
export const HOST_NOT_FOUND = 'host name not found';

/** The reason for a failed request, from the error's code (got, node:http and node:net codes). */
export function networkReason(error: unknown, timeoutMs: number): string {
  const code = (error as { code?: unknown } | null)?.code;
  switch (code) {
    case 'ETIMEDOUT':
      return `no answer within ${timeoutMs} ms`;
    case 'ECONNREFUSED':
      return 'connection refused';
    case 'ECONNRESET':
    case 'EPIPE':
      return 'connection reset';
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return 'host unreachable';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return HOST_NOT_FOUND;
    default:
      return typeof code === 'string' ? `network error ${code}` : 'network error';
  }
}
