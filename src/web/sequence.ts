// The sequence diagram's model, from the messages the page keeps: one lifeline per node, one
// arrow per message (exchange, hint, read repair) in the order they were sent, each labelled with
// its step and bytes and carrying what it carried, and replication folded into one band per pair
// of nodes. `until` cuts the picture at a moment of the run (a time slider's position). Pure:
// the live page, the report and their table draw the same model.
import { stepOfKind, type MessageRecord } from '../api/messages.js';
import { bytes, count } from '../format.js';
import { carriedText } from '../message-text.js';
import type { MessageState } from './messages.js';

/** The paths a message can take, as the diagram colours them. */
export type MessagePath = 'anti-entropy' | 'replication' | 'hint' | 'read-repair';

/** Arrows drawn at most: the newest; the rest are counted above the first. */
export const MAX_ARROWS = 60;

export interface Arrow {
  /** Lifeline indexes. */
  from: number;
  to: number;
  path: MessagePath;
  /** "root 155 B", "replicate 7 B". */
  label: string;
  /** What the message carried, in words (its tooltip and its row in the table). */
  carried: string;
  /** ms since the run began. */
  at: number;
  /** Its place among every message the page kept (stable as more come: the arrow's id). */
  n: number;
  record: MessageRecord;
}

export interface BandRow {
  from: number;
  to: number;
  /** "replicate ×2 · 236.0 kB →": how many messages, how many bytes, which way. */
  label: string;
}

export interface SequenceModel {
  lifelines: string[];
  bands: BandRow[];
  arrows: Arrow[];
  /** Messages sent by `until` that are not drawn (older than the newest MAX_ARROWS, or dropped). */
  hidden: number;
}

export function pathOf(kind: MessageRecord['kind']): MessagePath {
  if (kind === 'replicate') return 'replication';
  if (kind === 'hint' || kind === 'read-repair') return kind;
  return 'anti-entropy';
}

/**
 * The diagram at `until` (ms since the run began; the end when absent). Nodes no message names
 * are still drawn (a node that took part in nothing is part of the picture), in `nodes`' order,
 * and a node that only messages name comes after them.
 */
export function sequenceOf(
  messages: MessageState,
  nodes: readonly string[],
  until = Infinity,
): SequenceModel {
  const lifelines = [...nodes];
  const lane = (node: string): number => {
    let i = lifelines.indexOf(node);
    if (i === -1) i = lifelines.push(node) - 1;
    return i;
  };
  const sent = messages.list
    .map((record, i) => ({ record, n: messages.dropped + i }))
    .filter(({ record }) => record.at <= until);
  const drawn = sent.slice(-MAX_ARROWS);
  const arrows = drawn.map(({ record, n }) => ({
    from: lane(record.from),
    to: lane(record.to),
    path: pathOf(record.kind),
    label: `${stepOfKind(record.kind) ?? record.kind} ${bytes(record.bytes)}${
      record.noAnswer !== undefined ? ' · no answer' : ''
    }`,
    carried: carriedText(record),
    at: record.at,
    n,
    record,
  }));
  // A band is folded: at a moment inside it, it is drawn with all its messages.
  const bands = messages.bands
    .filter((b) => b.first <= until)
    .map((b) => {
      const [from, to] = [lane(b.from), lane(b.to)];
      // A band has no arrowhead: its label points the way it goes.
      const what = `replicate ×${count(b.count)} · ${bytes(b.bytes)}`;
      return { from, to, label: from < to ? `${what} →` : `← ${what}` };
    });
  const dropped = until === Infinity ? messages.dropped : 0;
  return { lifelines, bands, arrows, hidden: sent.length - drawn.length + dropped };
}
