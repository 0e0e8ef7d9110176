// A client for the key-value routes of a node in siblings mode: a read answers every value and
// the context, and a write carries the context it was made after (lww nodes ignore it).
import type { SiblingView, SiblingsReadAnswer, SiblingsWriteAnswer } from '../api/conflicts.js';
import type { ErrorAnswer } from '../api/errors.js';
import { NoAnswerError, NodeAnswerError } from '../errors.js';
import { networkReason } from '../net/network-reason.js';
import { loadGot } from './got.js';

/** One request waits this long at most (as the lww client does). */
const TIMEOUT_MS = 3_000;

/** A key as a siblings node holds it: its live values (none when deleted or missing). */
export interface SiblingsRead {
  state: 'value' | 'deleted' | 'missing';
  values: string[];
  /** What to send back to supersede every value read (null when the node never saw the key). */
  context: string | null;
  answer: SiblingsReadAnswer | null;
  /** Every sibling, deletes included (a deleted key's too). */
  siblings: SiblingView[];
}

/** GET /kv/{key} of a node in siblings mode. */
export async function readSiblings(address: string, key: string): Promise<SiblingsRead> {
  const res = await call(address, 'GET', key, false);
  if (res.statusCode === 200) {
    const answer = res.body as SiblingsReadAnswer;
    const { values, context, siblings } = answer;
    return { state: 'value', values, context, answer, siblings };
  }
  const body = res.body as ErrorAnswer & Partial<Pick<SiblingsReadAnswer, 'context' | 'siblings'>>;
  if (res.statusCode === 404)
    return {
      state: body.deleted ? 'deleted' : 'missing',
      values: [],
      context: body.context ?? null,
      answer: null,
      siblings: body.siblings ?? [],
    };
  throw answerError(address, res.statusCode, body);
}

/** PUT /kv/{key}[/direct] {value, context}: a write that supersedes what the context covers. */
export async function putAfter(
  address: string,
  key: string,
  value: string,
  context: string | null,
  direct: boolean,
): Promise<SiblingsWriteAnswer> {
  const json = { value, ...(context !== null ? { context } : {}) };
  const res = await call(address, 'PUT', key, direct, json);
  if (res.statusCode !== 200) throw answerError(address, res.statusCode, res.body as ErrorAnswer);
  return res.body as SiblingsWriteAnswer;
}

/** DELETE /kv/{key}[/direct]?context=: a delete that supersedes what the context covers. */
export async function deleteAfter(
  address: string,
  key: string,
  context: string | null,
  direct: boolean,
): Promise<SiblingsWriteAnswer> {
  const res = await call(address, 'DELETE', key, direct, undefined, context);
  if (res.statusCode !== 200) throw answerError(address, res.statusCode, res.body as ErrorAnswer);
  return res.body as SiblingsWriteAnswer;
}

async function call(
  address: string,
  method: 'GET' | 'PUT' | 'DELETE',
  key: string,
  direct: boolean,
  json?: unknown,
  context: string | null = null,
) {
  const got = await loadGot();
  const query = context !== null ? `?context=${encodeURIComponent(context)}` : '';
  const url = `http://${address}/kv/${encodeURIComponent(key)}${direct ? '/direct' : ''}${query}`;
  try {
    return await got(url, {
      method,
      ...(json !== undefined ? { json } : {}),
      responseType: 'json',
      throwHttpErrors: false,
      retry: { limit: 0 },
      timeout: { request: TIMEOUT_MS },
    });
  } catch (error) {
    throw new NoAnswerError(address, networkReason(error, TIMEOUT_MS), { cause: error });
  }
}

/** A node's error answer as the error the CLI reports (code and message kept). */
export function answerError(address: string, status: number, body: ErrorAnswer | undefined) {
  return new NodeAnswerError(
    address,
    status,
    body?.error?.code ?? null,
    body?.error?.message ?? 'no message',
  );
}
