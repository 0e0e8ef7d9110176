// The key-value routes: read, list, write and delete (replicated, or on this node only), and a
// batch of writes. Each checks its input, then makes one call to the service.
import type { IncomingMessage } from 'node:http';
import { checkKey, checkKeySegment, checkValue } from '../../../api/checks.js';
import { LIST_DEFAULT_LIMIT, LIST_MAX_LIMIT } from '../../../api/limits.js';
import { BODY_SLACK_BYTES } from '../../constants.js';
import type { StoredEntry } from '../../replica/store.js';
import type { NodeService } from '../../service.js';
import { parseJson, readBody } from '../body.js';
import { HttpError } from '../errors.js';
import { badRequest, field, integer } from '../parse.js';
import { route, type Reply, type Route } from '../router.js';
import { readView } from '../views.js';
import { deletedSet, siblingsReadView } from '../sibling-views.js';
import { encodedDeleted } from '../../conflicts/encoding.js';
import { bodyContext, queryContext } from './context.js';
import { SetTooLargeError } from '../../conflicts/set-limit.js';

/** A batch write holds at most this many items, in a body of at most this size. */
const BATCH_MAX_ITEMS = 10_000;
const BATCH_BODY_LIMIT_BYTES = 32 * 1024 * 1024;

export function kvRoutes(service: NodeService): Route[] {
  const kv = (params: string[]) => key(params[0] ?? '');
  const put = async (req: IncomingMessage, params: string[], direct: boolean) => {
    const { value: v, context } = await value(service, req);
    return { body: await roomy(service.write(kv(params), v, direct, context)) } as Reply;
  };
  const del = async (params: string[], query: URLSearchParams, direct: boolean) =>
    ({
      body: await roomy(service.write(kv(params), null, direct, queryContext(service, query))),
    }) as Reply;
  return [
    route(/^\/kv$/, {
      GET: ({ query }) => list(service, query),
      POST: async ({ req }) => {
        const { items, direct } = await batch(service, req);
        return { body: await roomy(service.writeBatch(items, direct)) };
      },
    }),
    route(/^\/kv\/([^/]*)$/, {
      GET: async ({ params, query }) =>
        readAllOf(query) ? readAll(service, kv(params)) : read(service, kv(params)),
      PUT: ({ req, params }) => put(req, params, false),
      DELETE: ({ params, query }) => del(params, query, false),
    }),
    route(/^\/kv\/([^/]*)\/direct$/, {
      PUT: ({ req, params }) => put(req, params, true),
      DELETE: ({ params, query }) => del(params, query, true),
    }),
  ];
}

/** A write that would make its key's sibling set too large: 413, and nothing was stored. */
async function roomy<T>(write: Promise<T>): Promise<T> {
  try {
    return await write;
  } catch (error) {
    if (error instanceof SetTooLargeError)
      throw new HttpError(413, 'payload_too_large', error.message);
    throw error;
  }
}

function key(segment: string): string {
  const checked = checkKeySegment(segment);
  if (!checked.ok) throw new HttpError(400, 'invalid_key', checked.message);
  return checked.value;
}

/** The value of a PUT body {"value": "..."}, and in siblings mode its "context", if any. */
async function value(service: NodeService, req: IncomingMessage) {
  const parsed = parseJson(await readBody(req, service.maxValueBytes + BODY_SLACK_BYTES));
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw badRequest('The body must be a JSON object such as {"value": "alice_data"}.');
  const checked = checkValue(field(parsed, 'value'), service.maxValueBytes);
  if (!checked.ok) throw badValue(checked);
  return { value: checked.value, context: bodyContext(service, parsed) };
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
  const parsed = parseJson(await readBody(req, BATCH_BODY_LIMIT_BYTES));
  const items = field(parsed, 'items');
  if (!Array.isArray(items) || items.length > BATCH_MAX_ITEMS)
    throw badRequest(
      `The body must be {"items": [{"key": "...", "value": "..."}, ...]} with at most ${BATCH_MAX_ITEMS} items.`,
    );
  const writes = items.map((item: unknown, i) => {
    const k = field(item, 'key');
    const checkedKey =
      typeof k === 'string'
        ? checkKey(k)
        : { ok: false as const, message: 'the key must be a string' };
    if (!checkedKey.ok) throw new HttpError(400, 'invalid_key', `Item ${i}: ${checkedKey.message}`);
    if (field(item, 'deleted') === true) return { key: checkedKey.value, value: null };
    const checked = checkValue(field(item, 'value'), service.maxValueBytes);
    if (!checked.ok) throw badValue(checked, `Item ${i}: `);
    return { key: checkedKey.value, value: checked.value };
  });
  return { items: writes, direct: field(parsed, 'direct') === true };
}

/** ?read=all: read repair; ?read=one (the default): this node's replica. */
function readAllOf(query: URLSearchParams): boolean {
  const mode = query.get('read');
  if (mode === null || mode === 'one') return false;
  if (mode === 'all') return true;
  throw badRequest('read must be "one" (this node, the default) or "all" (every replica).');
}

/** GET ?read=all: the newest among every replica, written to the stale ones before answering. */
async function readAll(service: NodeService, k: string): Promise<Reply> {
  const { entry, readRepair } = await service.readAll(k);
  if (!live(service, entry)) throw notFound(service, k, entry, 'on no replica', { readRepair });
  return { body: { ...entryView(service, entry), readRepair } };
}

function read(service: NodeService, k: string): Reply {
  const entry = service.read(k);
  if (!live(service, entry)) throw notFound(service, k, entry, `on ${service.id}`);
  return { body: entryView(service, entry) };
}

/** Whether the entry holds a value to answer (not a tombstone, nor a set of deletes). */
function live(service: NodeService, entry: StoredEntry | undefined): entry is StoredEntry {
  if (entry === undefined || entry.value === null) return false;
  return !(service.conflicts === 'siblings' && encodedDeleted(entry.value));
}

/** The 404 of a key never seen `where`, or deleted (with its version); `extra` goes in the body. */
function notFound(
  service: NodeService,
  k: string,
  entry: StoredEntry | undefined,
  where: string,
  extra: Record<string, unknown> = {},
): HttpError {
  if (!entry) return new HttpError(404, 'not_found', `No value for key "${k}" ${where}.`, extra);
  return new HttpError(404, 'not_found', `Key "${k}" was deleted on ${service.id}.`, {
    key: k,
    deleted: true,
    version: entry.version,
    ...(entry.value === null ? {} : deletedSet(entry)),
    ...extra,
  });
}

function entryView(service: NodeService, entry: StoredEntry) {
  return service.conflicts === 'siblings' ? siblingsReadView(entry) : readView(entry);
}

function list(service: NodeService, query: URLSearchParams): Reply {
  const prefix = query.get('prefix') ?? '';
  const cursor = query.get('cursor');
  const limit = integer(query, 'limit', LIST_DEFAULT_LIMIT, 1, LIST_MAX_LIMIT);
  if (cursor !== null && !checkKey(cursor).ok)
    throw badRequest('cursor must be the "next" value of a previous page.');
  return { body: service.list(prefix, limit, cursor) };
}
