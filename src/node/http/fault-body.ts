// The body of POST /admin/faults checked, each bad part refused with one sentence that says
// what to send (400, nothing changed): links to configured peers only, probabilities from 0 to
// 1, latencies and a clock skew inside the node's limits.
import {
  EVERY_PEER,
  MAX_FAULT_LATENCY_MS,
  MAX_FAULT_SKEW_MS,
  type FaultsRequest,
  type LatencyDist,
  type LinkFaults,
} from '../../api/faults.js';
import { badRequest, namedPeers } from './parse.js';

const FIELDS = ['links', 'deaf', 'skewMs', 'seed'];
const LINK_FIELDS = ['latency', 'loss', 'duplicate', 'reorder'];
const EXAMPLE =
  '{"links": {"*": {"latency": {"dist": "exponential", "meanMs": 20}, "loss": 0.1}}, ' +
  '"deaf": [], "skewMs": 0}';

/** A JSON object's own fields, or a 400 naming what it should be. */
function object(value: unknown, what: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw badRequest(`${what} must be a JSON object such as ${EXAMPLE}.`);
  return value as Record<string, unknown>;
}

/** Refuses a field not in `known`, naming the ones there are. */
function onlyKnown(o: Record<string, unknown>, known: readonly string[], where: string): void {
  const other = Object.keys(o).find((k) => !known.includes(k));
  if (other !== undefined)
    throw badRequest(
      `${where} has no field "${other.slice(0, 40)}"; its fields are ${known.join(', ')}.`,
    );
}

/** A number from min to max (whole when asked), or a 400 naming the range. */
function numberIn(value: unknown, name: string, min: number, max: number, whole = false): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max)
    throw badRequest(`"${name}" must be a number from ${min} to ${max}.`);
  if (whole && !Number.isSafeInteger(value)) throw badRequest(`"${name}" must be a whole number.`);
  return value;
}

function latency(value: unknown): LatencyDist {
  const o = object(value, '"latency"');
  const ms = (name: string) => numberIn(o[name], name, 0, MAX_FAULT_LATENCY_MS);
  switch (o.dist) {
    case 'fixed':
      onlyKnown(o, ['dist', 'ms'], '"latency" (fixed)');
      return { dist: 'fixed', ms: ms('ms') };
    case 'uniform': {
      onlyKnown(o, ['dist', 'minMs', 'maxMs'], '"latency" (uniform)');
      const [minMs, maxMs] = [ms('minMs'), ms('maxMs')];
      if (minMs > maxMs) throw badRequest('"minMs" must not be above "maxMs".');
      return { dist: 'uniform', minMs, maxMs };
    }
    case 'exponential':
      onlyKnown(o, ['dist', 'meanMs'], '"latency" (exponential)');
      return { dist: 'exponential', meanMs: ms('meanMs') };
    default:
      throw badRequest(
        '"dist" must be "fixed" (ms), "uniform" (minMs, maxMs) or "exponential" (meanMs).',
      );
  }
}

function link(value: unknown, peer: string): LinkFaults {
  const o = object(value, `The link to ${peer.slice(0, 100)}`);
  onlyKnown(o, LINK_FIELDS, 'A link');
  const out: LinkFaults = {};
  if (o.latency !== undefined) out.latency = latency(o.latency);
  for (const name of ['loss', 'duplicate', 'reorder'] as const)
    if (o[name] !== undefined) out[name] = numberIn(o[name], name, 0, 1);
  return out;
}

/** The checked body of POST /admin/faults, naming only this node's configured peers. */
export function faultsRequest(
  body: unknown,
  node: { id: string; peers: readonly string[] },
): FaultsRequest {
  const o = object(body, 'The body');
  onlyKnown(o, FIELDS, 'The body');
  if (Object.keys(o).length === 0)
    throw badRequest(`Give at least one of ${FIELDS.join(', ')}, as in ${EXAMPLE}.`);
  const request: FaultsRequest = {};
  if (o.links !== undefined) {
    const links = object(o.links, '"links"');
    const peers = Object.keys(links).filter((p) => p !== EVERY_PEER);
    namedPeers({ peers }, node, false);
    request.links = Object.fromEntries(
      Object.entries(links).map(([peer, value]) => [peer, link(value, peer)]),
    );
  }
  if (o.deaf !== undefined) {
    if (!Array.isArray(o.deaf))
      throw badRequest('"deaf" must be a list of peer addresses such as ["127.0.0.1:10000"].');
    request.deaf = namedPeers({ peers: o.deaf }, node, false);
  }
  if (o.skewMs !== undefined)
    request.skewMs = numberIn(o.skewMs, 'skewMs', -MAX_FAULT_SKEW_MS, MAX_FAULT_SKEW_MS, true);
  if (o.seed !== undefined) request.seed = numberIn(o.seed, 'seed', 0, 2 ** 32 - 1, true);
  return request;
}
