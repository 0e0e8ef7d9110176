// Every route of the node's HTTP API (docs/http-api.md) and the internal peer route.
import type { IncomingMessage } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import type { Registry } from 'prom-client';
import { CodecError } from '../sync/wire/codec.js';
import { BODY_SLACK_BYTES, INTERNAL_BODY_LIMIT_BYTES } from '../constants.js';
import { LIST_DEFAULT_LIMIT, LIST_MAX_LIMIT, MAX_AE_INTERVAL_MS } from '../../api/limits.js';
import { answer } from '../sync/exchange.js';
import { STRATEGIES, type Strategy } from '../../api/strategies.js';
import { MAX_LEVEL, FANOUT } from '../tree/shape.js';
import { CLUSTER_KEY_HEADER, FROM_HEADER } from '../../api/headers.js';
import type { NodeService, WriteResult } from '../service.js';
import type { StoredEntry } from '../replica/store.js';
import { checkKey, checkKeySegment, checkValue } from '../../api/checks.js';
import { parseJson, readBody } from './body.js';
import { DroppedError, HttpError } from './errors.js';
import { route, type Reply, type Request, type Route } from './router.js';
import type {
  FaultsAnswer,
  ListAnswer,
  ReadAnswer,
  RoundsAnswer,
  StatsAnswer,
  WriteAnswer,
  IntervalAnswer,
} from '../../api/http.js';

/** A batch write holds at most this many items, in a body of at most this size. */
const BATCH_MAX_ITEMS = 10_000;
const BATCH_BODY_LIMIT_BYTES = 32 * 1024 * 1024;
/** Small JSON bodies (trigger) are capped here. */
const SMALL_BODY_LIMIT = 64 * 1024;
/** GET /merkle/node lists a node's entries once it holds at most this many (default). */
const TREE_NODE_ENTRY_LIMIT = 16;
/** GET /merkle/level answers for levels up to this one (16^3 = 4,096 tree nodes). */
const MAX_WHOLE_LEVEL = 3;

export function routes(
  service: NodeService,
  metrics: () => Promise<Registry>,
  clusterKey: string | undefined,
): Route[] {
  const kv = (params: string[]) => key(params[0] ?? '');
  return [
    route(/^\/health$/, { GET: () => ({ body: service.health() }) }),
    route(/^\/kv$/, {
      GET: ({ query }) => list(service, query),
      POST: async ({ req }) => ({ body: await batch(service, req) }),
    }),
    route(/^\/kv\/([^/]*)$/, {
      GET: ({ params }) => read(service, kv(params)),
      PUT: async ({ req, params }) => written(await put(service, req, kv(params), false)),
      DELETE: async ({ params }) => written(await service.write(kv(params), null, false)),
    }),
    route(/^\/kv\/([^/]*)\/direct$/, {
      PUT: async ({ req, params }) => written(await put(service, req, kv(params), true)),
      DELETE: async ({ params }) => written(await service.write(kv(params), null, true)),
    }),
    route(/^\/merkle\/snapshot$/, { GET: () => ({ body: service.snapshot() }) }),
    route(/^\/merkle\/node$/, { GET: ({ query }) => treeNode(service, query) }),
    route(/^\/merkle\/level$/, {
      GET: ({ query }) => ({
        body: service.treeLevel(integer(query, 'level', 1, 0, MAX_WHOLE_LEVEL)),
      }),
    }),
    route(/^\/anti-entropy\/trigger$/, { POST: (r) => trigger(service, r) }),
    route(/^\/anti-entropy\/rounds$/, {
      GET: ({ query }) => ({
        body: {
          node: service.id,
          ...service.rounds.since(integer(query, 'after', 0, 0, Number.MAX_SAFE_INTEGER)),
        } satisfies RoundsAnswer,
      }),
    }),
    route(/^\/stats$/, { GET: () => ({ body: stats(service) }) }),
    route(/^\/metrics$/, {
      GET: async () => {
        const registry = await metrics();
        return {
          body: await registry.metrics(),
          headers: { 'content-type': registry.contentType },
        };
      },
    }),
    route(/^\/admin\/partition$/, {
      POST: async ({ req }) => {
        authorize(req, clusterKey);
        service.faults.partition(await peerList(service, req, true));
        return { body: faults(service) };
      },
    }),
    route(/^\/admin\/heal$/, {
      POST: async ({ req }) => {
        authorize(req, clusterKey);
        const named = await peerList(service, req, false);
        service.faults.heal(named.length > 0 ? named : undefined);
        return { body: faults(service) };
      },
    }),
    route(/^\/admin\/interval$/, {
      GET: () => ({ body: interval(service) }),
      POST: async ({ req }) => {
        authorize(req, clusterKey);
        service.antiEntropy.setIntervalMs(await intervalMs(req));
        return { body: interval(service) };
      },
    }),
    route(/^\/admin\/faults$/, {
      GET: () => ({ body: faults(service) }),
    }),
    route(/^\/internal\/exchange$/, {
      POST: async ({ req }) => {
        authorize(req, clusterKey);
        const from = req.headers[FROM_HEADER];
        if (typeof from === 'string' && service.faults.isCut(from)) throw new DroppedError();
        const body = await readBody(req, INTERNAL_BODY_LIMIT_BYTES);
        service.counters.peerMessages.received += 1;
        service.purgeTombstones();
        try {
          return { body: answer(service.replica(), body, service.maxValueBytes) };
        } catch (error) {
          if (error instanceof CodecError) {
            service.counters.peerMessages.rejected += 1;
            throw new HttpError(
              400,
              'bad_request',
              `The anti-entropy message is malformed: ${error.message}.`,
            );
          }
          throw error;
        }
      },
    }),
  ];
}

function key(segment: string): string {
  const checked = checkKeySegment(segment);
  if (!checked.ok) throw new HttpError(400, 'invalid_key', checked.message);
  return checked.value;
}

async function put(
  service: NodeService,
  req: IncomingMessage,
  k: string,
  direct: boolean,
): Promise<WriteResult> {
  const parsed = parseJson(await readBody(req, service.maxValueBytes + BODY_SLACK_BYTES));
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new HttpError(
      400,
      'bad_request',
      'The body must be a JSON object such as {"value": "alice_data"}.',
    );
  }
  const checked = checkValue((parsed as { value?: unknown }).value, service.maxValueBytes);
  if (!checked.ok) throw badValue(checked);
  return service.write(k, checked.value, direct);
}

/** A value that failed its check: 413 when it is too large, 400 otherwise (spec). */
function badValue(
  failed: Exclude<ReturnType<typeof checkValue>, { ok: true }>,
  where = '',
): HttpError {
  return 'tooLarge' in failed
    ? new HttpError(413, 'payload_too_large', `${where}${failed.message}`)
    : new HttpError(400, 'invalid_value', `${where}${failed.message}`);
}

/**
 * POST /kv {"items": [{"key", "value"} | {"key", "deleted": true}], "direct"?: bool}: many
 * writes in one request (loading data for demos and benchmarks). All items are checked before
 * any is applied, so a bad item changes nothing.
 */
async function batch(service: NodeService, req: IncomingMessage) {
  const parsed = parseJson(await readBody(req, BATCH_BODY_LIMIT_BYTES)) as {
    items?: unknown;
    direct?: unknown;
  } | null;
  const items = typeof parsed === 'object' && parsed !== null ? parsed.items : undefined;
  if (!Array.isArray(items) || items.length > BATCH_MAX_ITEMS) {
    throw new HttpError(
      400,
      'bad_request',
      `The body must be {"items": [{"key": "...", "value": "..."}, ...]} with at most ${BATCH_MAX_ITEMS} items.`,
    );
  }
  const direct = parsed!.direct === true;
  const writes = items.map((item: unknown, i) => {
    const {
      key: k,
      value,
      deleted,
    } = (typeof item === 'object' && item !== null ? item : {}) as {
      key?: unknown;
      value?: unknown;
      deleted?: unknown;
    };
    const checkedKey =
      typeof k === 'string'
        ? checkKey(k)
        : { ok: false as const, message: 'the key must be a string' };
    if (!checkedKey.ok) throw new HttpError(400, 'invalid_key', `Item ${i}: ${checkedKey.message}`);
    if (deleted === true) return { key: checkedKey.value, value: null };
    const checked = checkValue(value, service.maxValueBytes);
    if (!checked.ok) throw badValue(checked, `Item ${i}: `);
    return { key: checkedKey.value, value: checked.value };
  });
  return service.writeBatch(writes, direct);
}

function written({ entry, replication }: WriteResult): Reply {
  const body: WriteAnswer =
    entry.value === null
      ? { key: entry.key, deleted: true, version: entry.version, replication }
      : { key: entry.key, value: entry.value, version: entry.version, replication };
  return { body };
}

function interval(service: NodeService): IntervalAnswer {
  return { node: service.id, intervalMs: service.antiEntropy.intervalMs };
}

function faults(service: NodeService): FaultsAnswer {
  return { node: service.id, cut: service.faults.cut() };
}

function read(service: NodeService, k: string): Reply {
  const entry = service.store.get(k);
  if (!entry) throw new HttpError(404, 'not_found', `No value for key "${k}" on ${service.id}.`);
  if (entry.value === null) {
    throw new HttpError(404, 'not_found', `Key "${k}" was deleted on ${service.id}.`, {
      key: k,
      deleted: true,
      version: entry.version,
    });
  }
  const body: ReadAnswer = { key: entry.key, value: entry.value, version: entry.version };
  return { body };
}

function list(service: NodeService, query: URLSearchParams): Reply {
  const prefix = query.get('prefix') ?? '';
  const cursor = query.get('cursor');
  const limit = integer(query, 'limit', LIST_DEFAULT_LIMIT, 1, LIST_MAX_LIMIT);
  if (cursor !== null && !checkKey(cursor).ok)
    throw new HttpError(400, 'bad_request', 'cursor must be the "next" value of a previous page.');
  const page = service.store.list(prefix, limit, cursor);
  const body: ListAnswer = { items: page.items.map(publicEntry), next: page.next };
  return { body };
}

function treeNode(service: NodeService, query: URLSearchParams): Reply {
  const level = integer(query, 'level', 0, 0, MAX_LEVEL);
  const index = integer(query, 'index', 0, 0, FANOUT ** level - 1);
  const entries = integer(query, 'entries', TREE_NODE_ENTRY_LIMIT, 0, 1000);
  return { body: service.treeNode(level, index, entries) };
}

async function trigger(service: NodeService, { req }: Request): Promise<Reply> {
  const body = await smallJson(req);
  const named = namedPeers(service, body, false);
  const strategy = strategyFrom(service, body);
  return { body: await service.trigger(named.length > 0 ? named : service.peers, strategy) };
}

/** The small JSON body of a trigger or a fault request (absent: undefined). */
async function smallJson(req: IncomingMessage): Promise<unknown> {
  const raw = await readBody(req, SMALL_BODY_LIMIT);
  return raw.length > 0 ? parseJson(raw) : undefined;
}

/**
 * An optional {"strategy": "merkle" | "riblt" | "full"} for this round only, so one cluster can
 * compare strategies on the same divergence; riblt needs the sketch this node keeps only when
 * started with --ae-strategy riblt.
 */
function strategyFrom(service: NodeService, body: unknown): Strategy | undefined {
  const raw =
    typeof body === 'object' && body !== null
      ? (body as { strategy?: unknown }).strategy
      : undefined;
  if (raw === undefined) return undefined;
  const strategy = STRATEGIES.find((s) => s === raw);
  if (strategy === undefined)
    throw new HttpError(400, 'bad_request', `"strategy" must be one of ${STRATEGIES.join(', ')}.`);
  if (strategy === 'riblt' && !service.keepsSketch)
    throw new HttpError(
      400,
      'bad_request',
      `${service.id} keeps no RIBLT sketch: start it with --ae-strategy riblt to trigger a riblt round.`,
    );
  return strategy;
}

/**
 * An optional body {"peers": [...]} naming configured peers only, so that no client can make a
 * node call out elsewhere. Returns [] when no peer is named (and none is required).
 */
async function peerList(
  service: NodeService,
  req: IncomingMessage,
  required: boolean,
): Promise<string[]> {
  return namedPeers(service, await smallJson(req), required);
}

function namedPeers(service: NodeService, parsed: unknown, required: boolean): string[] {
  const named =
    typeof parsed === 'object' && parsed !== null
      ? (parsed as { peers?: unknown }).peers
      : undefined;
  if (named === undefined && !required) return [];
  if (
    !Array.isArray(named) ||
    !named.every((p): p is string => typeof p === 'string') ||
    (required && named.length === 0)
  ) {
    throw new HttpError(
      400,
      'bad_request',
      '"peers" must be a list of peer addresses such as ["127.0.0.1:10000"].',
    );
  }
  const unknown = named.filter((p) => !service.peers.includes(p));
  if (unknown.length > 0) {
    throw new HttpError(
      400,
      'bad_request',
      `${unknown[0]!.slice(0, 100)} is not a configured peer of ${service.id}; its peers are ${service.peers.join(', ') || 'none'}.`,
    );
  }
  return named;
}

/** The body of POST /admin/interval: {"ms": N}, a whole number of milliseconds (0: off). */
async function intervalMs(req: IncomingMessage): Promise<number> {
  const raw = await readBody(req, SMALL_BODY_LIMIT);
  const parsed = raw.length > 0 ? parseJson(raw) : undefined;
  const ms =
    typeof parsed === 'object' && parsed !== null ? (parsed as { ms?: unknown }).ms : undefined;
  if (typeof ms !== 'number' || !Number.isSafeInteger(ms) || ms < 0 || ms > MAX_AE_INTERVAL_MS)
    throw new HttpError(
      400,
      'bad_request',
      `"ms" must be a whole number of milliseconds from 0 (only on trigger) to ${MAX_AE_INTERVAL_MS}.`,
    );
  return ms;
}

function stats(service: NodeService): StatsAnswer {
  const { store } = service;
  return {
    node: service.id,
    keys: store.liveCount,
    tombstones: store.tombstoneCount,
    tree: { entries: store.size, depth: store.tree.storedDepth },
    peers: service.peers,
    peersPerRound: service.peersPerRound,
    ...service.counters,
    peerWire: service.peerWireBytes(),
    process: {
      cpuMs: cpuMs(),
      rssBytes: process.memoryUsage.rss(),
      uptimeS: Math.round(process.uptime()),
    },
  };
}

function cpuMs(): { user: number; system: number } {
  const { user, system } = process.cpuUsage();
  return { user: Math.round(user / 1000), system: Math.round(system / 1000) };
}

function publicEntry(e: StoredEntry): ReadAnswer {
  return { key: e.key, value: e.value!, version: e.version };
}

function integer(
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
    throw new HttpError(
      400,
      'bad_request',
      `${name} must be a whole number from ${min} to ${max}.`,
    );
  return n;
}

/** Internal routes: when the cluster has a key, only callers that present it get in. */
function authorize(req: IncomingMessage, clusterKey: string | undefined): void {
  if (!clusterKey) return;
  const given = req.headers[CLUSTER_KEY_HEADER];
  const a = Buffer.from(typeof given === 'string' ? given : '');
  const b = Buffer.from(clusterKey);
  if (a.length !== b.length || !timingSafeEqual(a, b)) {
    throw new HttpError(401, 'unauthorized', 'This route needs the cluster key (--cluster-key).');
  }
}
