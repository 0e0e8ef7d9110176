// How long one anti-entropy message may wait for its answer: a rule over named constants, kept
// apart from the HTTP client so it holds whichever client carries the messages.
import {
  AE_FIRST_MESSAGE_TIMEOUT_MS,
  AE_LATER_MESSAGE_TIMEOUT_MS,
  AE_TIMEOUT_BYTES_PER_MS,
} from '../constants.js';

/** The timeout of an exchange's message number `index` (0 = first) that carries `bytes`. */
export function exchangeMessageTimeoutMs(index: number, bytes: number): number {
  const base = index === 0 ? AE_FIRST_MESSAGE_TIMEOUT_MS : AE_LATER_MESSAGE_TIMEOUT_MS;
  return base + Math.floor(bytes / AE_TIMEOUT_BYTES_PER_MS);
}

/**
 * The timeout of a replication message of `bytes`: the write's base (1 s, --replication
 * timeout in tests) plus the same allowance per kB, so a batch of thousands of entries is not
 * refused for its size while a single write still fails fast.
 */
export function replicationTimeoutMs(baseMs: number, bytes: number): number {
  return baseMs + Math.floor(bytes / AE_TIMEOUT_BYTES_PER_MS);
}
