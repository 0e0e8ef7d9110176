// The routes of the two repair paths beside anti-entropy, for a node's client: a read from every
// replica that repairs the stale ones before it answers (GET /kv/{key}?read=all), and the switch
// of hinted handoff (POST /admin/hints, read back with GET). The answers' shapes are the API's (src/api).
import type { ErrorAnswer } from '../api/errors.js';
import { CLUSTER_KEY_HEADER } from '../api/headers.js';
import type { HintsAnswer, ReadAnswer } from '../api/http.js';
import type { ReadRepair } from '../api/repair.js';
import { NoAnswerError } from '../errors.js';
import { networkReason } from '../net/network-reason.js';
import { loadGot } from './got.js';
import { answerError } from './siblings-client.js';

/** What the repair routes need of a node's client (a NodeClient is one): where, and its key. */
export interface NodeReach {
  readonly address: string;
  readonly clusterKey: string | undefined;
}

/** A read from every replica waits for the slowest peer, and for the repair writes after it. */
const READ_ALL_TIMEOUT_MS = 10_000;

/** GET /kv/{key}?read=all: the newest version (undefined: deleted or nowhere) and the repair. */
export interface ReadAll {
  answer: ReadAnswer | undefined;
  readRepair: ReadRepair;
}

/** Reads `key` from every replica through `client`'s node, which repairs the stale ones first. */
export async function readAll(client: NodeReach, key: string): Promise<ReadAll> {
  const res = await call(client, 'GET', `kv/${encodeURIComponent(key)}?read=all`);
  const body = res.body as ReadAnswer & Partial<ErrorAnswer> & { readRepair: ReadRepair };
  if (res.statusCode === 200) return { answer: body, readRepair: body.readRepair };
  if (res.statusCode === 404) return { answer: undefined, readRepair: body.readRepair };
  throw answerError(client.address, res.statusCode, res.body as ErrorAnswer);
}

/** Turns hinted handoff on or off on `client`'s node from now on. */
export function switchHints(client: NodeReach, enabled: boolean): Promise<HintsAnswer> {
  return hints(client, { enabled });
}

/** Whether hinted handoff is on at `client`'s node. */
export async function hintsOf(client: NodeReach): Promise<boolean> {
  return (await hints(client)).enabled;
}

/** GET /admin/hints, or POST it with a switch. */
async function hints(client: NodeReach, json?: { enabled: boolean }): Promise<HintsAnswer> {
  const res = await call(client, json ? 'POST' : 'GET', 'admin/hints', json);
  if (res.statusCode !== 200)
    throw answerError(client.address, res.statusCode, res.body as ErrorAnswer);
  return res.body as HintsAnswer;
}

async function call(
  client: NodeReach,
  method: 'GET' | 'POST',
  path: string,
  json?: unknown,
  timeoutMs = READ_ALL_TIMEOUT_MS,
) {
  const got = await loadGot();
  const key = client.clusterKey;
  try {
    return await got(`http://${client.address}/${path}`, {
      method,
      ...(json !== undefined ? { json } : {}),
      headers: key ? { [CLUSTER_KEY_HEADER]: key } : {},
      responseType: 'json',
      throwHttpErrors: false,
      retry: { limit: 0 },
      timeout: { request: timeoutMs },
    });
  } catch (error) {
    throw new NoAnswerError(client.address, networkReason(error, timeoutMs), {
      cause: error,
    });
  }
}
