// Validation of keys, values and node ids: pure functions that say what is wrong in one sentence.
import { MAX_KEY_BYTES, MAX_NODE_ID_BYTES } from './limits.js';

export type Checked<T> = { ok: true; value: T } | { ok: false; message: string };

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

/** A decoded key: 1..1024 bytes of UTF-8 and no control characters. */
export function checkKey(key: string): Checked<string> {
  const bytes = Buffer.byteLength(key, 'utf8');
  if (bytes === 0)
    return { ok: false, message: 'The key is empty; a key is 1 to 1024 bytes of UTF-8.' };
  if (bytes > MAX_KEY_BYTES)
    return {
      ok: false,
      message: `The key is ${bytes} bytes long; a key is at most ${MAX_KEY_BYTES} bytes of UTF-8.`,
    };
  if (CONTROL.test(key))
    return {
      ok: false,
      message:
        'The key contains a control character (U+0000-U+001F or U+007F), which keys may not.',
    };
  if (!isWellFormed(key)) return { ok: false, message: 'The key is not valid UTF-8.' };
  return { ok: true, value: key };
}

/**
 * A key the wire decoder has read as valid UTF-8 (a fatal decoder) of at most MAX_KEY_BYTES
 * bytes: only emptiness and control characters are left to check. The same rules and
 * messages as checkKey, without measuring the bytes and scanning for lone surrogates again
 * (~9% of a replica's CPU when it receives replication).
 */
export function checkDecodedKey(key: string): Checked<string> {
  return key.length === 0 || CONTROL.test(key) ? checkKey(key) : { ok: true, value: key };
}

/** A raw URL path segment: percent-decoded as UTF-8, then checked as a key. */
export function checkKeySegment(segment: string): Checked<string> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(segment);
  } catch {
    return {
      ok: false,
      message: 'The key is not valid percent-encoded UTF-8; encode it with encodeURIComponent.',
    };
  }
  return checkKey(decoded);
}

/** A value: a string of at most maxBytes of UTF-8. */
export function checkValue(
  value: unknown,
  maxBytes: number,
): Checked<string> | { ok: false; tooLarge: true; message: string } {
  if (typeof value !== 'string') {
    return {
      ok: false,
      message:
        value === undefined
          ? 'The body has no "value"; send {"value": "..."}.'
          : '"value" must be a JSON string.',
    };
  }
  const bytes = Buffer.byteLength(value, 'utf8');
  if (bytes > maxBytes)
    return {
      ok: false,
      tooLarge: true,
      message: `The value is ${bytes} bytes; this node accepts at most ${maxBytes} bytes (--max-value-bytes).`,
    };
  if (!isWellFormed(value))
    return { ok: false, message: 'The value contains a lone surrogate and is not valid UTF-8.' };
  return { ok: true, value };
}

/** A node id: printable, short. */
export function checkNodeId(id: string): Checked<string> {
  if (
    id.length === 0 ||
    Buffer.byteLength(id) > MAX_NODE_ID_BYTES ||
    CONTROL.test(id) ||
    !isWellFormed(id)
  ) {
    return {
      ok: false,
      message: `A node id is 1 to ${MAX_NODE_ID_BYTES} bytes of printable UTF-8.`,
    };
  }
  return { ok: true, value: id };
}

/** A peer or node address: host:port with a port from 1 to 65535. */
export function checkAddress(address: string): Checked<{ host: string; port: number }> {
  const match = /^([A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\]):(\d{1,5})$/.exec(address);
  const port = match ? Number(match[2]) : NaN;
  if (!match || !(port >= 1 && port <= 65535)) {
    return {
      ok: false,
      message: `"${address}" is not an address of the form host:port (for example 127.0.0.1:10000).`,
    };
  }
  return { ok: true, value: { host: match[1] as string, port } };
}

/** No lone surrogates: such a string has no UTF-8 encoding. */
function isWellFormed(s: string): boolean {
  return !/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(s);
}
