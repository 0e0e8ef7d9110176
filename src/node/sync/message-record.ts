// What one anti-entropy message carried, as its record says it (src/api/messages.ts): its step
// in the implementation's words and the counts a reader needs (keys, digests compared, level).
// Pure: read off the message the exchange already holds, only when someone listens.
import { MESSAGE_MAX_KEYS, type ExchangeStep, type MessageRecord } from '../../api/messages.js';
import { runLength } from './riblt/sketch.js';
import type { AeMessage } from './wire/message.js';

/** The parts of a record that the message itself tells. */
export type Carried = Omit<MessageRecord, 'type' | 'at' | 'from' | 'to' | 'kind' | 'bytes'>;

/**
 * The step a message is. `opening`: the initiator's first message, whose root probe, riblt
 * opening or dump of everything names the strategy; every later one is named by what it does
 * first (a walk's probes before its lists, coded symbols before a request for more).
 */
export function stepOf(m: AeMessage, opening: boolean): ExchangeStep {
  const r = m.riblt;
  if (r?.open) return 'open';
  if (opening && m.dumps.some((d) => d.level === 0)) return 'full';
  if (opening && m.probes.some((p) => p.level === 0)) return 'root';
  if (r?.symbols) return 'symbols';
  if (r?.more) return 'more';
  if (r && r.wantPlaces.length > 0) return 'places';
  if (m.probes.length > 0) return 'probe';
  if (m.lists.length > 0) return 'list';
  if (m.dumps.length > 0) return 'dump';
  if (m.entries.length > 0) return 'entries';
  if (m.wants.length > 0) return 'want';
  if (r?.settle) return 'settle';
  return 'done';
}

/** The counts a message's record carries: only those that are not zero. */
export function carried(m: AeMessage): Carried {
  const out: Carried = {};
  if (m.entries.length > 0) {
    out.entries = m.entries.length;
    out.keys = m.entries.slice(0, MESSAGE_MAX_KEYS).map((e) => e.key);
  }
  if (m.wants.length > 0) out.wants = m.wants.length;
  if (m.probes.length > 0) {
    out.probes = m.probes.length;
    let digests = 0;
    for (const p of m.probes) for (const c of p.children) if (c.count > 0) digests += 1;
    out.digests = digests;
  }
  let listed = 0;
  for (const l of m.lists) listed += l.items.length;
  if (m.lists.length > 0) out.listed = listed;
  if (m.dumps.length > 0) out.dumps = m.dumps.length;
  const levels = [...m.probes.map((p) => p.level), ...m.lists.map((l) => l.level)];
  if (levels.length > 0) out.level = Math.max(...levels);
  const r = m.riblt;
  if (r?.symbols) out.symbols = runLength(r.symbols);
  if (r && r.wantPlaces.length > 0) out.places = r.wantPlaces.length;
  if (r?.fallback !== undefined) out.fallback = r.fallback;
  return out;
}
