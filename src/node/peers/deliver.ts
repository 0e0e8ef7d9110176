// One message sent under its fate (fault-model.ts), as the network would treat it: held for its
// latency, sent twice when duplicated, and, when lost, never answered: the sender waits out its
// own timeout and sees the same error a silent peer gives, never an HTTP error answer. The time
// a message is held counts against its timeout, as time on a slow link does.
import { setTimeout as sleep } from 'node:timers/promises';
import type { MessageFate } from './fault-model.js';

/** The error of a message that got no answer in time, as post.ts raises it. */
export function timedOut(timeoutMs: number): Error {
  return Object.assign(new Error(`no answer within ${timeoutMs} ms`), { code: 'ETIMEDOUT' });
}

/** Sends with `send` (given the time left) under `fate`; `signal` ends the waits at close. */
export async function deliver<T>(
  fate: MessageFate,
  timeoutMs: number,
  send: (timeoutMs: number) => Promise<T>,
  signal: AbortSignal,
): Promise<T> {
  const held = Math.min(fate.delayMs, timeoutMs);
  if (held > 0) await sleep(held, undefined, { signal });
  const left = timeoutMs - held;
  if (left <= 0) throw timedOut(timeoutMs);
  if (fate.duplicate) send(left).catch(() => undefined); // the copy's answer is nobody's
  if (fate.lost === 'none') return send(left);
  if (fate.lost === 'answer') send(left).catch(() => undefined);
  await sleep(left, undefined, { signal });
  throw timedOut(timeoutMs);
}
