// Where an exchange's bytes go, by part of its messages: the opening's root and the samples
// (the initiator's in its opening, or the responder's in its answer to a root-only one), the
// coded symbols, the entries, the wanted places and keys, and the rest (message heads, roots,
// node tables, requests for more). Each part is the message's bytes less the same message
// encoded without it, so the parts are exact and the rest is what no part accounts for.
import { encodeMessage, type AeMessage } from '../node/sync/wire/message.js';

export interface ByteParts {
  opening: number;
  symbols: number;
  entries: number;
  wants: number;
  other: number;
}

export function noParts(): ByteParts {
  return { opening: 0, symbols: 0, entries: 0, wants: 0, other: 0 };
}

/** Adds one message of `bytes` (as encoded) to `into`, part by part. */
export function addParts(into: ByteParts, message: AeMessage, bytes: number): void {
  const less = (m: AeMessage) => bytes - encodeMessage(m).length;
  const r = message.riblt;
  let opening = 0;
  let symbols = 0;
  let places = 0;
  if (r) {
    const { open, samples, symbols: run, ...rest } = r;
    if (open || samples)
      opening = less({ ...message, riblt: { ...rest, ...(run ? { symbols: run } : {}) } });
    if (run)
      symbols = less({
        ...message,
        riblt: { ...rest, ...(open ? { open } : {}), ...(samples ? { samples } : {}) },
      });
    if (r.wantPlaces.length > 0) places = less({ ...message, riblt: { ...r, wantPlaces: [] } });
  }
  const entries = message.entries.length > 0 ? less({ ...message, entries: [] }) : 0;
  const keys = message.wants.length > 0 ? less({ ...message, wants: [] }) : 0;
  into.opening += opening;
  into.symbols += symbols;
  into.entries += entries;
  into.wants += places + keys;
  into.other += bytes - opening - symbols - entries - places - keys;
}

/** Each part divided by `by` (E, to read the parts as shares of it). */
export function scaleParts(p: ByteParts, by: number): ByteParts {
  const f = by > 0 ? 1 / by : 0;
  return {
    opening: p.opening * f,
    symbols: p.symbols * f,
    entries: p.entries * f,
    wants: p.wants * f,
    other: p.other * f,
  };
}
