// Reading a request's input, said once for every route: query integers, small JSON bodies, one
// optional field of a JSON body, and the peers a body names. Each failure is a 400 that says
// what to send instead.
import type { IncomingMessage } from 'node:http';
import { parseJson, readBody } from './body.js';
import { HttpError } from './errors.js';
import { configuredPeers, systemResolve, type Resolve } from '../peers/alias.js';

/** Small JSON bodies (trigger, faults, interval) are capped here. */
const SMALL_BODY_LIMIT = 64 * 1024;

/** A whole number from the query, from min to max; the fallback when absent. */
export function integer(
  query: URLSearchParams,
  name: string,
  fallback: number,
  min: number,
  max: number,
): number {
  const raw = query.get(name);
  if (raw === null) return fallback;
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n < min || n > max)
    throw badRequest(`${name} must be a whole number from ${min} to ${max}.`);
  return n;
}

/** The small JSON body of a trigger or a fault request (absent: undefined). */
export async function smallJson(req: IncomingMessage): Promise<unknown> {
  const raw = await readBody(req, SMALL_BODY_LIMIT);
  return raw.length > 0 ? parseJson(raw) : undefined;
}

/** One field of a JSON body; undefined when the body is not an object or has no such field. */
export function field(body: unknown, name: string): unknown {
  return typeof body === 'object' && body !== null && !Array.isArray(body)
    ? (body as Record<string, unknown>)[name]
    : undefined;
}

/**
 * An optional {"peers": [...]}: the names as given (routes match them to configured peers with
 * peers/alias.ts). Returns [] when no peer is named (and none is required).
 */
export function peerNames(body: unknown, required: boolean): string[] {
  const named = field(body, 'peers');
  if (named === undefined && !required) return [];
  if (
    !Array.isArray(named) ||
    !named.every((p): p is string => typeof p === 'string') ||
    (required && named.length === 0)
  )
    throw badRequest('"peers" must be a list of peer addresses such as ["127.0.0.1:10000"].');
  return named;
}

/**
 * An optional {"peers": [...]} naming configured peers exactly, so that no client can make a
 * node call out elsewhere. Returns [] when no peer is named (and none is required).
 */
export function namedPeers(
  body: unknown,
  node: { id: string; peers: readonly string[] },
  required: boolean,
): string[] {
  const named = peerNames(body, required);
  const unknown = named.find((p) => !node.peers.includes(p));
  if (unknown !== undefined) throw notAPeer(unknown, node);
  return named;
}

/**
 * The configured peers a body's "peers" names mean, by any of their names (peers/alias.ts); a
 * name that means none: 400.
 */
export async function peersMeant(
  body: unknown,
  node: { id: string; peers: readonly string[] },
  required: boolean,
  resolve: Resolve = systemResolve,
): Promise<string[]> {
  const { entries, unknown } = await configuredPeers(
    peerNames(body, required),
    node.peers,
    resolve,
  );
  if (unknown[0] !== undefined) throw notAPeer(unknown[0], node);
  return entries;
}

/** The one sentence for a name that means no configured peer of this node. */
function notAPeer(name: string, node: { id: string; peers: readonly string[] }): HttpError {
  return badRequest(
    `${name.slice(0, 100)} is not a configured peer of ${node.id}; ` +
      `its peers are ${node.peers.join(', ') || 'none'}.`,
  );
}

export function badRequest(message: string): HttpError {
  return new HttpError(400, 'bad_request', message);
}
